import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { fold } from '../../../tests/support/decider.ts';
import {
  calendarEntry,
  calendarFeed,
  escapeText,
  foldLine,
  sessionCalendar,
  type CalendarEntry,
} from './calendar.ts';
import type { SessionEvent } from './events.ts';
import { decideSession } from './session.decide.ts';
import { evolveSession, initialSessionState, type Session } from './session.ts';

const decider = { initial: initialSessionState, evolve: evolveSession, decide: decideSession };
const sessionId = '5e5510e0-0000-4000-8000-000000000001';
const host = '11111111-1111-4111-8111-111111111111';
const ana = 'aaaaaaaa-0000-4000-8000-00000000000a';
const bo = 'bbbbbbbb-0000-4000-8000-00000000000b';
const now = new Date('2026-03-01T10:00:00.000Z');

const scheduled: SessionEvent = {
  type: 'SessionScheduled',
  data: {
    sessionId,
    hostId: host,
    title: 'Fingerstyle guitar',
    description: 'Bring a guitar.',
    skill: 'Guitar',
    level: 'beginner',
    prerequisites: ['Own a guitar'],
    startsAt: '2026-03-10T18:00:00.000Z',
    durationMinutes: 90,
    capacity: 5,
    meetingUrl: 'https://meet.example.com/guitar?room=1',
    timeZone: 'Europe/Berlin',
  },
};
const seat: SessionEvent = {
  type: 'SessionRegistrationAdded',
  data: { sessionId, userId: ana, status: 'registered' },
};
const edited: SessionEvent = {
  type: 'SessionEdited',
  data: { sessionId, changes: { startsAt: '2026-03-11T18:00:00.000Z' }, audience: [ana] },
};
const cancelled: SessionEvent = {
  type: 'SessionCancelled',
  data: { sessionId, hostId: host, cancelledBy: host, byStaff: false, reason: null, audience: [ana] },
};
const session = (events: SessionEvent[]) => fold(decider, events) as Session;

/** Parses with Mozilla's ical.js, as Thunderbird does. */
function parse(ics: string) {
  // One VCALENDAR parses to one jCal array; ical.js types it `any`.
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  const vevents = calendar.getAllSubcomponents('vevent');
  return {
    calendar,
    events: vevents.map((v) => ({ component: v, event: new ICAL.Event(v) })),
  };
}
const only = (ics: string) => {
  const { calendar, events } = parse(ics);
  expect(events).toHaveLength(1);
  return { calendar, ...events[0]! };
};

describe('sessionCalendar', () => {
  it('publishes one VEVENT with a stable UID, UTC times, and the host zone noted', () => {
    const ics = sessionCalendar(calendarEntry(session([scheduled, seat]), ana, now), { now });
    const { calendar, event, component } = only(ics);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(event.uid).toBe(`${sessionId}@skillswap`);
    expect(event.sequence).toBe(0);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-10T18:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-03-10T19:30:00.000Z');
    expect(event.startDate.zone.tzid).toBe('UTC');
    expect(event.summary).toBe('Fingerstyle guitar');
    expect(component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(component.getFirstPropertyValue('x-skillswap-tzid')).toBe('Europe/Berlin');
    expect(String(component.getFirstPropertyValue('dtstamp'))).toBe('2026-03-01T10:00:00Z');
    expect(ics).toContain('DTSTART:20260310T180000Z\r\n');
  });

  it('shows the meeting link to the host and seated people only', () => {
    for (const viewer of [host, ana]) {
      const { event, component } = only(
        sessionCalendar(calendarEntry(session([scheduled, seat]), viewer, now), { now }),
      );
      expect(event.location).toBe('https://meet.example.com/guitar?room=1');
      expect(component.getFirstPropertyValue('url')).toBe('https://meet.example.com/guitar?room=1');
      expect(event.description).toContain('Join: https://meet.example.com/guitar?room=1');
    }
    for (const viewer of [bo, null]) {
      const ics = sessionCalendar(calendarEntry(session([scheduled, seat]), viewer, now), { now });
      const { event, component } = only(ics);
      expect(event.location).toBeNull();
      expect(component.getFirstPropertyValue('url')).toBeNull();
      expect(ics).not.toContain('meet.example.com');
    }
  });

  it('keeps the UID and raises SEQUENCE on every edit and on cancellation, with METHOD:CANCEL at the end', () => {
    const first = only(sessionCalendar(calendarEntry(session([scheduled]), ana, now), { now }));
    const moved = only(sessionCalendar(calendarEntry(session([scheduled, edited]), ana, now), { now }));
    const gone = only(
      sessionCalendar(calendarEntry(session([scheduled, edited, cancelled]), ana, now), { now }),
    );
    expect([first.event.uid, moved.event.uid, gone.event.uid]).toEqual(
      Array(3).fill(`${sessionId}@skillswap`),
    );
    expect([first.event.sequence, moved.event.sequence, gone.event.sequence]).toEqual([0, 1, 2]);
    expect(moved.event.startDate.toJSDate().toISOString()).toBe('2026-03-11T18:00:00.000Z');
    expect(gone.calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(gone.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('includes prerequisites and the page link in the description', () => {
    const entry = calendarEntry(session([scheduled]), null, now, 'https://skillswap.example/sessions/1');
    const { event } = only(sessionCalendar(entry, { now }));
    expect(event.description).toBe(
      'Bring a guitar.\n\nPrerequisites:\n- Own a guitar\n\nSession page: https://skillswap.example/sessions/1',
    );
  });
});

describe('hostile text', () => {
  const hostile = 'Déjà vu; a, b\\c\nline two\r\nline three\rfour 🎸👩🏽‍💻 end';
  const longTitle = `${'🎸,;\\'.repeat(60)}${'é'.repeat(60)}`;
  const entry: CalendarEntry = {
    id: sessionId,
    title: longTitle,
    description: hostile,
    prerequisites: ['a;b', 'c,d'],
    startsAt: '2026-03-10T18:00:00.000Z',
    endsAt: '2026-03-10T19:00:00.000Z',
    status: 'scheduled',
    sequence: 3,
    timeZone: 'America/Argentina/Buenos_Aires',
    meetingUrl: 'https://meet.example.com/a,b;c',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
  };
  const ics = sessionCalendar(entry, { now });

  it('round-trips commas, semicolons, backslashes, newlines, emoji and a 300-character title', () => {
    expect([...longTitle].length).toBe(300);
    const { event } = only(ics);
    expect(event.summary).toBe(longTitle);
    expect(event.description).toBe(
      'Déjà vu; a, b\\c\nline two\nline three\nfour 🎸👩🏽‍💻 end\n\nPrerequisites:\n- a;b\n- c,d\n\n' +
        'Join: https://meet.example.com/a,b;c',
    );
    expect(event.location).toBe('https://meet.example.com/a,b;c');
  });

  it('folds every line to at most 75 octets with CRLF, never inside a character', () => {
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = ics.split('\r\n').slice(0, -1);
    const encoder = new TextEncoder();
    for (const line of lines) {
      expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
      expect(line).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }
    expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(5);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain(`SUMMARY:${escapeText(longTitle)}\r\n`);
  });

  it('drops control characters that no line may carry', () => {
    expect(escapeText('a\u0000b\u0007c\td')).toBe('abc\td');
  });

  it('leaves short lines alone and folds at exactly 75 octets', () => {
    expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short');
    const exact = 'X'.repeat(75);
    expect(foldLine(exact)).toBe(exact);
    expect(foldLine(`${exact}Y`)).toBe(`${exact}\r\n Y`);
    expect(foldLine('X'.repeat(74) + 'é')).toBe(`${'X'.repeat(74)}\r\n é`);
  });
});

describe('calendarFeed', () => {
  it('lists many sessions under METHOD:PUBLISH, cancelled ones as STATUS:CANCELLED', () => {
    const other: SessionEvent = {
      ...scheduled,
      data: { ...scheduled.data, sessionId: '5e5510e0-0000-4000-8000-000000000002', title: 'Chords' },
    };
    const ics = calendarFeed(
      [
        calendarEntry(session([scheduled, seat]), ana, now),
        calendarEntry(
          session([other, { ...cancelled, data: { ...cancelled.data, sessionId: other.data.sessionId } }]),
          ana,
          now,
        ),
      ],
      { now, name: 'Ana, at SkillSwap' },
    );
    const { calendar, events } = parse(ics);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    // An X- property is of unknown type to ical.js, so it keeps the TEXT escapes that Apple and Google undo.
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Ana\\, at SkillSwap');
    expect(events.map(({ event }) => event.uid)).toEqual([
      `${sessionId}@skillswap`,
      '5e5510e0-0000-4000-8000-000000000002@skillswap',
    ]);
    expect(events.map(({ component }) => component.getFirstPropertyValue('status'))).toEqual([
      'CONFIRMED',
      'CANCELLED',
    ]);
    expect(events[1]!.event.sequence).toBe(1);
  });

  it('is a valid empty calendar with no sessions', () => {
    const { events } = parse(calendarFeed([], { now }));
    expect(events).toEqual([]);
  });
});
