import { describe, expect, it } from 'vitest';
import { deciderSpecification, fold, GIVEN_AT } from '../../../tests/support/decider.ts';
import { AppError } from '../../platform/errors.ts';
import type { SessionEvent } from './events.ts';
import type { SessionFieldsInput } from './fields.ts';
import { decideSession, type SessionCommand } from './session.decide.ts';
import {
  attendeeList,
  attendeesOf,
  evolveSession,
  initialSessionState,
  registrationOutcome,
  sessionView,
  type Session,
  type SessionState,
} from './session.ts';

const decider = { initial: initialSessionState, evolve: evolveSession, decide: decideSession };
const { given } = deciderSpecification<SessionState, SessionCommand, SessionEvent>(decider);
const session = (events: readonly SessionEvent[]) => fold(decider, events) as Session;

const sessionId = '5e5510e0-0000-4000-8000-000000000001';
const host = '11111111-1111-4111-8111-111111111111';
const ana = 'aaaaaaaa-0000-4000-8000-00000000000a';
const bo = 'bbbbbbbb-0000-4000-8000-00000000000b';
const cy = 'cccccccc-0000-4000-8000-00000000000c';
const di = 'dddddddd-0000-4000-8000-00000000000d';
const mod = 'eeeeeeee-0000-4000-8000-00000000000e';

const minutes = (n: number) => n * 60_000;
const STARTS = '2026-03-10T18:00:00.000Z';
const ENDS = '2026-03-10T19:00:00.000Z';
const at = (iso: string, plusMs = 0) => new Date(Date.parse(iso) + plusMs);
const BEFORE = at('2026-03-01T10:00:00.000Z');
const DURING = at(STARTS, minutes(30));
const AFTER = at(ENDS, minutes(1));
const DAY = 24 * 60 * minutes(1);

const fields: SessionFieldsInput = {
  title: 'Fingerstyle guitar for beginners',
  description: 'Bring a guitar.',
  skill: 'Guitar',
  level: 'beginner',
  prerequisites: ['Own a guitar'],
  startsAt: STARTS,
  durationMinutes: 60,
  capacity: 2,
  meetingUrl: 'https://meet.example.com/guitar',
};

const scheduled: SessionEvent = {
  type: 'SessionScheduled',
  data: {
    sessionId,
    hostId: host,
    title: 'Fingerstyle guitar for beginners',
    description: 'Bring a guitar.',
    skill: 'Guitar',
    level: 'beginner',
    prerequisites: ['Own a guitar'],
    startsAt: STARTS,
    durationMinutes: 60,
    capacity: 2,
    meetingUrl: 'https://meet.example.com/guitar',
    timeZone: 'Europe/Berlin',
  },
};
const registered = (userId: string): SessionEvent => ({
  type: 'SessionRegistrationAdded',
  data: { sessionId, userId, status: 'registered' },
});
const waitlisted = (userId: string): SessionEvent => ({
  type: 'SessionRegistrationAdded',
  data: { sessionId, userId, status: 'waitlisted' },
});
const cancelledRegistration = (
  userId: string,
  previousStatus: 'registered' | 'waitlisted',
): SessionEvent => ({
  type: 'SessionRegistrationCancelled',
  data: { sessionId, userId, previousStatus },
});
const promoted = (userId: string, reason: 'seat_freed' | 'capacity_raised'): SessionEvent => ({
  type: 'SessionWaitlistPromoted',
  data: { sessionId, userId, reason },
});
const marked = (userId: string, attended: boolean, source: 'host' | 'call' = 'host'): SessionEvent => ({
  type: 'SessionAttendanceMarked',
  data: { sessionId, userId, attended, source },
});
const cancelled: SessionEvent = {
  type: 'SessionCancelled',
  data: { sessionId, hostId: host, cancelledBy: host, byStaff: false, reason: null, audience: [ana, bo] },
};
const full = [scheduled, registered(ana), registered(bo)];
const withWaitlist = [...full, waitlisted(cy), waitlisted(di)];

const schedule = (overrides: Partial<SessionFieldsInput> = {}, now = BEFORE): SessionCommand => ({
  type: 'ScheduleSession',
  sessionId,
  hostId: host,
  fields: { ...fields, ...overrides },
  timeZone: 'Europe/Berlin',
  now,
});
const edit = (changes: Partial<SessionFieldsInput>, now = BEFORE, by = host): SessionCommand => ({
  type: 'EditSession',
  by,
  changes,
  now,
});
const cancel = (
  by = host,
  role: 'user' | 'moderator' | 'admin' = 'user',
  now = BEFORE,
  reason: string | null = null,
): SessionCommand => ({ type: 'CancelSession', by, role, reason, now });
const register = (userId: string, now = BEFORE, blocked = false): SessionCommand => ({
  type: 'RegisterForSession',
  userId,
  blocked,
  now,
});
const unregister = (userId: string, now = BEFORE): SessionCommand => ({
  type: 'UnregisterFromSession',
  userId,
  now,
});
const mark = (userId: string, attended: boolean, now = AFTER, by = host): SessionCommand => ({
  type: 'MarkAttendance',
  by,
  userId,
  attended,
  now,
});
const status = (code: number) => (error: AppError) => expect(error.status).toBe(code);
const fieldError = (path: string) => (error: AppError) => {
  expect(error.status).toBe(422);
  expect(error.extra.errors).toEqual([expect.objectContaining({ path })]);
};

describe('decideSession', () => {
  describe('when nothing is scheduled yet', () => {
    it('schedules a session with its normalized fields and the host time zone', () => {
      given([])
        .when(schedule({ title: '  Fingerstyle   guitar for beginners ', description: ' Bring a guitar. ' }))
        .then([scheduled]);
    });

    it('fills optional fields: no description, prerequisites or link', () => {
      const { description: _d, prerequisites: _p, meetingUrl: _m, ...required } = fields;
      given([])
        .when({ ...(schedule() as Extract<SessionCommand, { type: 'ScheduleSession' }>), fields: required })
        .then([
          {
            type: 'SessionScheduled',
            data: { ...scheduled.data, description: null, prerequisites: [], meetingUrl: null },
          },
        ]);
    });

    it.each([
      ['title', { title: 'ab' }],
      ['title', { title: 'x'.repeat(121) }],
      ['description', { description: 'x'.repeat(5001) }],
      ['skill', { skill: '   ' }],
      ['level', { level: 'guru' }],
      ['prerequisites', { prerequisites: Array.from({ length: 11 }, (_, i) => `step ${i}`) }],
      ['prerequisites', { prerequisites: [''] }],
      ['prerequisites', { prerequisites: ['x'.repeat(121)] }],
      ['startsAt', { startsAt: '2026-02-01T10:00:00.000Z' }],
      ['startsAt', { startsAt: 'next tuesday' }],
      ['durationMinutes', { durationMinutes: 14 }],
      ['durationMinutes', { durationMinutes: 481 }],
      ['durationMinutes', { durationMinutes: 30.5 }],
      ['capacity', { capacity: 0 }],
      ['capacity', { capacity: 501 }],
      ['meetingUrl', { meetingUrl: 'http://meet.example.com/x' }],
      ['meetingUrl', { meetingUrl: 'javascript:alert(1)' }],
      ['meetingUrl', { meetingUrl: 'https://user:secret@meet.example.com/' }],
      ['meetingUrl', { meetingUrl: 'not a url' }],
    ] as const)('refuses an invalid %s with 422 naming it (%j)', (path, override) => {
      given([])
        .when(schedule(override as Partial<SessionFieldsInput>))
        .thenThrows(AppError, fieldError(path));
    });

    it('accepts the limits themselves and counts an emoji as one character', () => {
      given([])
        .when(
          schedule({
            title: '🎸🎸🎸',
            description: 'x'.repeat(5000),
            prerequisites: Array.from({ length: 10 }, () => 'x'.repeat(120)),
            durationMinutes: 480,
            capacity: 500,
          }),
        )
        .then([
          {
            type: 'SessionScheduled',
            data: {
              ...scheduled.data,
              title: '🎸🎸🎸',
              description: 'x'.repeat(5000),
              prerequisites: Array.from({ length: 10 }, () => 'x'.repeat(120)),
              durationMinutes: 480,
              capacity: 500,
            },
          },
        ]);
    });

    it('names every invalid field at once', () => {
      given([])
        .when(schedule({ title: '', capacity: 0, meetingUrl: 'ftp://x' }))
        .thenThrows(AppError, (e) => {
          expect((e.extra.errors as { path: string }[]).map((x) => x.path)).toEqual([
            'title',
            'capacity',
            'meetingUrl',
          ]);
        });
    });

    it('refuses a host whose email is not verified (when the rule is on) with 403 email-not-verified', () => {
      given([])
        .when({
          ...(schedule() as Extract<SessionCommand, { type: 'ScheduleSession' }>),
          hostEmailVerified: false,
        })
        .thenThrows(AppError, (e) => {
          expect(e.status).toBe(403);
          expect(e.extra.type).toBe('https://skillswap.dev/problems/email-not-verified');
        });
      const verified = {
        ...(schedule() as Extract<SessionCommand, { type: 'ScheduleSession' }>),
        hostEmailVerified: true,
      };
      expect(decideSession(verified, initialSessionState)).toEqual(
        decideSession(schedule(), initialSessionState),
      );
    });

    it('answers 404 to anything but scheduling', () => {
      for (const command of [
        edit({ capacity: 3 }),
        cancel(),
        register(ana),
        unregister(ana),
        mark(ana, true),
      ])
        given([]).when(command).thenThrows(AppError, status(404));
    });
  });

  describe('when scheduled', () => {
    it('refuses scheduling the same id again with 409', () => {
      given([scheduled]).when(schedule()).thenThrows(AppError, status(409));
    });

    it('registers while seats are free, then waitlists in arrival order', () => {
      given([scheduled])
        .when(register(ana))
        .then([registered(ana)]);
      given([...full])
        .when(register(cy))
        .then([waitlisted(cy)]);
      const state = session(withWaitlist);
      expect(registrationOutcome(state, cy)).toEqual({ status: 'waitlisted', waitlistPosition: 1 });
      expect(registrationOutcome(state, di)).toEqual({ status: 'waitlisted', waitlistPosition: 2 });
      expect(registrationOutcome(state, ana)).toEqual({ status: 'registered', waitlistPosition: null });
    });

    it('refuses the host registering with 422', () => {
      given([scheduled])
        .when(register(host))
        .thenThrows(AppError, (e) => {
          expect(e.status).toBe(422);
          expect(e.extra.errors).toMatchObject([{ path: 'sessionId' }]);
        });
    });

    it('refuses registering twice, seated or waiting, with 409', () => {
      given(full).when(register(ana)).thenThrows(AppError, status(409));
      given(withWaitlist).when(register(cy)).thenThrows(AppError, status(409));
    });

    it('refuses someone blocked either way with 403', () => {
      given([scheduled])
        .when(register(ana, BEFORE, true))
        .thenThrows(AppError, status(403));
    });

    it('gives a freed seat to the first waitlisted person in the same step', () => {
      given(withWaitlist)
        .when(unregister(ana))
        .then([cancelledRegistration(ana, 'registered'), promoted(cy, 'seat_freed')]);
    });

    it('promotes no one when a waitlisted person leaves, and the line closes up', () => {
      const history = [...withWaitlist, cancelledRegistration(cy, 'waitlisted')];
      given(withWaitlist)
        .when(unregister(cy))
        .then([cancelledRegistration(cy, 'waitlisted')]);
      expect(registrationOutcome(session(history), di).waitlistPosition).toBe(1);
    });

    it('answers 404 to unregistering without a registration', () => {
      given(full).when(unregister(cy)).thenThrows(AppError, status(404));
      given([...full, cancelledRegistration(ana, 'registered')])
        .when(unregister(ana))
        .thenThrows(AppError, status(404));
    });

    it('puts someone who registers again at the end of the line', () => {
      const history = [...withWaitlist, cancelledRegistration(cy, 'waitlisted')];
      given(history)
        .when(register(cy))
        .then([waitlisted(cy)]);
      const state = session([...history, waitlisted(cy)]);
      expect(registrationOutcome(state, di).waitlistPosition).toBe(1);
      expect(registrationOutcome(state, cy).waitlistPosition).toBe(2);
    });

    it('edits only what changed, and nothing when nothing changed', () => {
      given([scheduled])
        .when(edit({ title: 'Fingerstyle guitar, part 1', capacity: 2, level: 'beginner' }))
        .then([
          {
            type: 'SessionEdited',
            data: { sessionId, changes: { title: 'Fingerstyle guitar, part 1' }, audience: [] },
          },
        ]);
      given([scheduled])
        .when(edit({ capacity: 2, title: fields.title }))
        .thenNothingHappens();
    });

    it('clears the description and link with null', () => {
      given([scheduled])
        .when(edit({ description: null, meetingUrl: null }))
        .then([
          {
            type: 'SessionEdited',
            data: { sessionId, changes: { description: null, meetingUrl: null }, audience: [] },
          },
        ]);
    });

    it('validates edited fields like new ones (422 naming the field)', () => {
      given([scheduled])
        .when(edit({ meetingUrl: 'javascript:alert(1)' }))
        .thenThrows(AppError, fieldError('meetingUrl'));
      given([scheduled])
        .when(edit({ startsAt: '2026-02-28T10:00:00.000Z' }))
        .thenThrows(AppError, fieldError('startsAt'));
    });

    it('refuses a capacity below the number registered with 409', () => {
      given(full)
        .when(edit({ capacity: 1 }))
        .thenThrows(AppError, status(409));
    });

    it('promotes from the waitlist in arrival order when capacity rises, in the same step', () => {
      given(withWaitlist)
        .when(edit({ capacity: 3 }))
        .then([
          {
            type: 'SessionEdited',
            data: { sessionId, changes: { capacity: 3 }, audience: [ana, bo, cy, di] },
          },
          promoted(cy, 'capacity_raised'),
        ]);
      given(withWaitlist)
        .when(edit({ capacity: 10 }))
        .then([
          {
            type: 'SessionEdited',
            data: { sessionId, changes: { capacity: 10 }, audience: [ana, bo, cy, di] },
          },
          promoted(cy, 'capacity_raised'),
          promoted(di, 'capacity_raised'),
        ]);
    });

    it('lets only the host edit (403), even staff', () => {
      given([scheduled])
        .when(edit({ capacity: 3 }, BEFORE, ana))
        .thenThrows(AppError, status(403));
      given([scheduled])
        .when(edit({ capacity: 3 }, BEFORE, mod))
        .thenThrows(AppError, status(403));
    });

    it('lets the host or a moderator and above cancel, and no one else (403)', () => {
      given(full)
        .when(cancel(host, 'user', BEFORE, ' Ill '))
        .then([
          {
            type: 'SessionCancelled',
            data: {
              sessionId,
              hostId: host,
              cancelledBy: host,
              byStaff: false,
              reason: 'Ill',
              audience: [ana, bo],
            },
          },
        ]);
      given(full)
        .when(cancel(mod, 'moderator'))
        .then([
          {
            type: 'SessionCancelled',
            data: {
              sessionId,
              hostId: host,
              cancelledBy: mod,
              byStaff: true,
              reason: null,
              audience: [ana, bo],
            },
          },
        ]);
      given(full)
        .when(cancel(mod, 'admin'))
        .then([
          {
            type: 'SessionCancelled',
            data: {
              sessionId,
              hostId: host,
              cancelledBy: mod,
              byStaff: true,
              reason: null,
              audience: [ana, bo],
            },
          },
        ]);
      given(full).when(cancel(ana, 'user')).thenThrows(AppError, status(403));
    });

    it('refuses a cancel reason over 1000 characters with 422', () => {
      given(full)
        .when(cancel(host, 'user', BEFORE, 'x'.repeat(1001)))
        .thenThrows(AppError, fieldError('reason'));
    });
  });

  describe('when it has started', () => {
    it('closes registering, unregistering and editing with 409', () => {
      for (const command of [register(cy, DURING), unregister(ana, DURING), edit({ capacity: 5 }, DURING)])
        given(full).when(command).thenThrows(AppError, status(409));
      given(full)
        .when(register(cy, at(STARTS)))
        .thenThrows(AppError, status(409));
    });

    it('still lets the host cancel until endsAt', () => {
      given(full)
        .when(cancel(host, 'user', DURING))
        .then([cancelled]);
    });

    it('lets only the host mark attendance, of people with a seat', () => {
      given(full)
        .when(mark(ana, true, DURING))
        .then([marked(ana, true)]);
      given(full)
        .when(mark(ana, true, DURING, bo))
        .thenThrows(AppError, status(403));
      given(withWaitlist)
        .when(mark(cy, true, DURING))
        .thenThrows(AppError, status(409));
      given(full)
        .when(mark(mod, true, DURING))
        .thenThrows(AppError, status(404));
      given(full)
        .when(mark(host, true, DURING))
        .thenThrows(AppError, fieldError('userId'));
    });

    it('changes a mark, and repeating the same mark changes nothing', () => {
      given([...full, marked(ana, true)])
        .when(mark(ana, false))
        .then([marked(ana, false)]);
      given([...full, marked(ana, true)])
        .when(mark(ana, true))
        .thenNothingHappens();
    });

    it('records a call join as attendance once, and never over the host’s mark', () => {
      const join = (userId: string, now = DURING): SessionCommand => ({
        type: 'RecordCallJoin',
        userId,
        now,
      });
      given(full)
        .when(join(ana))
        .then([marked(ana, true, 'call')]);
      given(full)
        .when(join(ana, at(STARTS, -minutes(10))))
        .then([marked(ana, true, 'call')]);
      given([...full, marked(ana, true, 'call')])
        .when(join(ana))
        .thenNothingHappens();
      given([...full, marked(ana, false)])
        .when(join(ana))
        .thenNothingHappens();
      given(withWaitlist).when(join(cy)).thenNothingHappens();
      given(full).when(join(host)).thenNothingHappens();
      given(full)
        .when(join(ana, at(STARTS, -minutes(20))))
        .thenNothingHappens();
      given(full).when(join(ana, AFTER)).thenNothingHappens();
    });
  });

  describe('when it has ended', () => {
    it('refuses registering, editing and cancelling with 409', () => {
      for (const command of [
        register(cy, AFTER),
        edit({ title: 'Later' }, AFTER),
        cancel(host, 'user', AFTER),
      ])
        given(full).when(command).thenThrows(AppError, status(409));
      given(full)
        .when(cancel(host, 'user', at(ENDS)))
        .thenThrows(AppError, status(409));
    });

    it('lets the host mark attendance until 7 days after endsAt, then 409', () => {
      given(full)
        .when(mark(bo, false, at(ENDS, 7 * DAY)))
        .then([marked(bo, false)]);
      given(full)
        .when(mark(bo, false, at(ENDS, 7 * DAY + 1)))
        .thenThrows(AppError, status(409));
    });

    it('refuses marking before the start with 409', () => {
      given(full)
        .when(mark(ana, true, at(STARTS, -1)))
        .thenThrows(AppError, status(409));
    });

    it('counts as attendees those registered at the start not marked absent', () => {
      const state = session([...withWaitlist, marked(ana, true), marked(bo, false)]);
      expect(attendeesOf(state)).toEqual([ana]);
      expect(attendeesOf(session(withWaitlist))).toEqual([ana, bo]);
      expect(attendeeList(state)).toEqual([
        { userId: ana, status: 'registered', attended: true, registeredAt: GIVEN_AT },
        { userId: bo, status: 'registered', attended: false, registeredAt: GIVEN_AT },
        { userId: cy, status: 'waitlisted', attended: null, registeredAt: GIVEN_AT },
        { userId: di, status: 'waitlisted', attended: null, registeredAt: GIVEN_AT },
      ]);
    });

    it('records once that it was held, with its attendees; never before its end', () => {
      const held: SessionCommand = { type: 'RecordSessionHeld', now: AFTER };
      const event: SessionEvent = {
        type: 'SessionHeld',
        data: { sessionId, hostId: host, skill: 'Guitar', startsAt: STARTS, endsAt: ENDS, attendees: [bo] },
      };
      given([...full, marked(ana, false)])
        .when(held)
        .then([event]);
      given([...full, marked(ana, false), event])
        .when(held)
        .thenNothingHappens();
      given(full).when({ type: 'RecordSessionHeld', now: DURING }).thenNothingHappens();
      given([...full, cancelled])
        .when(held)
        .thenNothingHappens();
    });
  });

  describe('when cancelled', () => {
    const history = [...withWaitlist, cancelled];
    it('refuses registering, unregistering, editing, cancelling and marking with 409', () => {
      for (const command of [
        register('ffffffff-0000-4000-8000-00000000000f'),
        unregister(ana),
        edit({ capacity: 5 }),
        cancel(),
        cancel(mod, 'moderator'),
        mark(ana, true),
      ])
        given(history).when(command).thenThrows(AppError, status(409));
    });

    it('still refuses outsiders with 403 before saying it is cancelled', () => {
      given(history).when(cancel(ana)).thenThrows(AppError, status(403));
    });

    it('has no attendees', () => {
      expect(attendeesOf(session(history))).toEqual([]);
    });
  });

  describe('reminders', () => {
    const remind = (kind: '24h' | '15m', now: Date): SessionCommand => ({
      type: 'RecordDueReminders',
      kind,
      now,
    });
    const sent = (userId: string, kind: '24h' | '15m', startsAt = STARTS): SessionEvent => ({
      type: 'SessionReminderSent',
      data: { sessionId, userId, kind, startsAt },
    });
    const dayBefore = at(STARTS, -20 * 60 * minutes(1));
    const justBefore = at(STARTS, -minutes(10));

    it('sends each kind once to the host and everyone with a seat, not the waitlist', () => {
      given(withWaitlist)
        .when(remind('24h', dayBefore))
        .then([sent(host, '24h'), sent(ana, '24h'), sent(bo, '24h')]);
      given(withWaitlist)
        .when(remind('15m', justBefore))
        .then([sent(host, '15m'), sent(ana, '15m'), sent(bo, '15m')]);
    });

    it('decided twice, yields nothing the second time; a later arrival gets theirs alone', () => {
      const history = [scheduled, registered(ana), sent(host, '24h'), sent(ana, '24h')];
      given(history).when(remind('24h', dayBefore)).thenNothingHappens();
      given([...history, registered(bo)])
        .when(remind('24h', dayBefore))
        .then([sent(bo, '24h')]);
    });

    it('sends nothing outside its window or for a cancelled session', () => {
      given(full)
        .when(remind('24h', at(STARTS, -25 * 60 * minutes(1))))
        .thenNothingHappens();
      given(full).when(remind('24h', justBefore)).thenNothingHappens();
      given(full).when(remind('15m', dayBefore)).thenNothingHappens();
      given(full)
        .when(remind('15m', at(STARTS)))
        .thenNothingHappens();
      given([...full, cancelled])
        .when(remind('15m', justBefore))
        .thenNothingHappens();
    });

    it('reminds again for a new start time', () => {
      const later = '2026-03-11T18:00:00.000Z';
      const history: SessionEvent[] = [
        scheduled,
        sent(host, '24h'),
        { type: 'SessionEdited', data: { sessionId, changes: { startsAt: later }, audience: [ana, bo] } },
      ];
      given(history)
        .when(remind('24h', at(later, -20 * 60 * minutes(1))))
        .then([sent(host, '24h', later)]);
    });
  });
});

describe('sessionView', () => {
  it('shows counts, my registration, my place in line, and the link only to the host and seated people', () => {
    const state = session(withWaitlist);
    const mine = (viewer: string | null) => {
      const view = sessionView(state, viewer, BEFORE);
      return [view.myRegistration, view.waitlistPosition, view.meetingUrl];
    };
    expect(sessionView(state, null, BEFORE)).toMatchObject({
      id: sessionId,
      hostId: host,
      endsAt: ENDS,
      registered: 2,
      waitlisted: 2,
      status: 'scheduled',
      createdAt: GIVEN_AT,
    });
    expect(mine(host)).toEqual([null, null, fields.meetingUrl]);
    expect(mine(ana)).toEqual(['registered', null, fields.meetingUrl]);
    expect(mine(di)).toEqual(['waitlisted', 2, null]);
    expect(mine(mod)).toEqual([null, null, null]);
    expect(mine(null)).toEqual([null, null, null]);
  });

  it('is ended once endsAt passes, and cancelled wins over ended', () => {
    expect(sessionView(session(full), null, at(ENDS)).status).toBe('ended');
    expect(sessionView(session(full), null, at(ENDS, -1)).status).toBe('scheduled');
    expect(sessionView(session([...full, cancelled]), null, AFTER).status).toBe('cancelled');
  });

  it('forgets a cancelled registration', () => {
    const view = sessionView(session([...full, cancelledRegistration(ana, 'registered')]), ana, BEFORE);
    expect([view.myRegistration, view.meetingUrl, view.registered]).toEqual([null, null, 1]);
  });
});
