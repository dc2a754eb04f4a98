import { describe, expect, it } from 'vitest';
import { recorded } from '../../../tests/support/decider.ts';
import type { RecordedEvent } from '../../platform/event-store/port.ts';
import type { SessionEvent } from './events.ts';
import { sessionLiveFrames } from './live-frames.ts';

const sessionId = '5e5510e0-0000-4000-8000-000000000001';
const [host, ana, bo, mod] = ['host', 'ana', 'bo', 'mod'];
const frames = (event: SessionEvent, actorId: string | null = host) =>
  sessionLiveFrames(recorded([event], { metadata: { actorId } })[0] as RecordedEvent);
const users = (list: readonly { userId: string }[]) => list.map((f) => f.userId);

describe('sessionLiveFrames', () => {
  it('tells the host and everyone registered or waiting about an edit, and whether it moved', () => {
    const edited = frames({
      type: 'SessionEdited',
      data: { sessionId, changes: { startsAt: '2030-01-01T10:00:00.000Z', title: 'x' }, audience: [ana, bo] },
    });
    expect(users(edited)).toEqual([host, ana, bo]);
    expect(edited[0]!.frame).toEqual({
      type: 'session.updated',
      sessionId,
      changed: ['startsAt', 'title'],
      rescheduled: true,
    });
    const renamed = frames({
      type: 'SessionEdited',
      data: { sessionId, changes: { title: 'y' }, audience: [] },
    });
    expect(renamed).toEqual([
      { userId: host, frame: { type: 'session.updated', sessionId, changed: ['title'], rescheduled: false } },
    ]);
  });

  it('tells the host when staff cancel, and everyone registered or waiting', () => {
    const cancelled = frames(
      {
        type: 'SessionCancelled',
        data: { sessionId, hostId: host, cancelledBy: mod, byStaff: true, reason: 'Spam', audience: [ana] },
      },
      mod,
    );
    expect(cancelled).toEqual([
      { userId: host, frame: { type: 'session.cancelled', sessionId, reason: 'Spam', byStaff: true } },
      { userId: ana, frame: { type: 'session.cancelled', sessionId, reason: 'Spam', byStaff: true } },
    ]);
  });

  it('tells the promoted person and the reminded person', () => {
    expect(
      frames({ type: 'SessionWaitlistPromoted', data: { sessionId, userId: bo, reason: 'seat_freed' } }),
    ).toEqual([{ userId: bo, frame: { type: 'session.promoted', sessionId, reason: 'seat_freed' } }]);
    const startsAt = '2030-01-01T10:00:00.000Z';
    expect(
      frames({ type: 'SessionReminderSent', data: { sessionId, userId: ana, kind: '15m', startsAt } }),
    ).toEqual([{ userId: ana, frame: { type: 'session.reminder', sessionId, kind: '15m', startsAt } }]);
  });

  it('ignores other events', () => {
    expect(
      frames({ type: 'SessionRegistrationAdded', data: { sessionId, userId: ana, status: 'registered' } }),
    ).toEqual([]);
    expect(sessionLiveFrames(recorded([{ type: 'UserLoggedIn', data: {} }])[0] as RecordedEvent)).toEqual([]);
  });
});
