import { describe, expect, it } from 'vitest';
import { recorded } from '../../../tests/support/decider.ts';
import type { RecordedEvent } from '../../platform/event-store/port.ts';
import { sessionEvents, sessionEventTypes, sessionStream, type SessionEvent } from './events.ts';

const sessionId = '5e5510e0-0000-4000-8000-000000000001';
const u = 'aaaaaaaa-0000-4000-8000-00000000000a';
const samples: SessionEvent[] = [
  {
    type: 'SessionScheduled',
    data: {
      sessionId,
      hostId: u,
      title: 'Title',
      description: null,
      skill: 'Go',
      level: 'expert',
      prerequisites: [],
      startsAt: '2026-03-10T18:00:00.000Z',
      durationMinutes: 60,
      capacity: 3,
      meetingUrl: null,
      timeZone: null,
    },
  },
  { type: 'SessionEdited', data: { sessionId, changes: { capacity: 4, meetingUrl: null }, audience: [u] } },
  {
    type: 'SessionCancelled',
    data: { sessionId, hostId: u, cancelledBy: u, byStaff: false, reason: 'Ill', audience: [] },
  },
  { type: 'SessionRegistrationAdded', data: { sessionId, userId: u, status: 'waitlisted' } },
  { type: 'SessionRegistrationCancelled', data: { sessionId, userId: u, previousStatus: 'registered' } },
  { type: 'SessionWaitlistPromoted', data: { sessionId, userId: u, reason: 'capacity_raised' } },
  { type: 'SessionAttendanceMarked', data: { sessionId, userId: u, attended: false, source: 'call' } },
  {
    type: 'SessionReminderSent',
    data: { sessionId, userId: u, kind: '15m', startsAt: '2026-03-10T18:00:00.000Z' },
  },
  {
    type: 'SessionHeld',
    data: {
      sessionId,
      hostId: u,
      skill: 'Go',
      startsAt: '2026-03-10T18:00:00.000Z',
      endsAt: '2026-03-10T19:00:00.000Z',
      attendees: [u],
    },
  },
  {
    type: 'ReviewWritten',
    data: { sessionId, reviewId: u, authorId: u, hostId: u, rating: 4, comment: null },
  },
  { type: 'ReviewReplied', data: { sessionId, reviewId: u, hostId: u, body: 'Thanks' } },
  { type: 'ReviewRemoved', data: { sessionId, reviewId: u, authorId: u, hostId: u, by: u, reason: 'Rude' } },
];

describe('session events', () => {
  it('decode what the decider emits, for every type', () => {
    expect(samples.map((s) => s.type).sort()).toEqual([...sessionEventTypes].sort());
    for (const event of recorded(samples)) {
      expect(sessionEvents.decode(event as RecordedEvent).data).toEqual(event.data);
    }
  });

  it('live in session-<id>', () => {
    expect(sessionStream(sessionId)).toBe(`session-${sessionId}`);
  });
});
