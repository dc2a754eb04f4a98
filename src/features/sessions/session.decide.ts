import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import type { Role } from '../../platform/event-store/port.ts';
import type { ReminderKind, SessionEvent } from './events.ts';
import {
  length,
  limits,
  optionalText,
  validateSessionChanges,
  validateSessionFields,
  type SessionChangesInput,
  type SessionFieldsInput,
} from './fields.ts';
import { decideReview, type ReviewCommand } from './review.decide.ts';
import {
  ATTENDANCE_WINDOW_MS,
  endsAtMs,
  hasEnded,
  hasStarted,
  MINUTE,
  HOUR,
  registeredOf,
  registrationOf,
  reminderKey,
  startsAtMs,
  attendeesOf,
  endsAtOf,
  peopleToNotify,
  waitlistOf,
  type Session,
  type SessionDetails,
  type SessionState,
} from './session.ts';

/**
 * `now` comes from the app's clock and every id from its id source, so deciding stays pure. Who acts
 * (`by`, `userId`, `role`) always comes from the signed-in session; `blocked` is a fact the handler looked up.
 */
export type SessionCommand =
  | {
      type: 'ScheduleSession';
      sessionId: string;
      hostId: string;
      fields: SessionFieldsInput;
      /** The host's IANA time zone from their profile, noted in calendars. */
      timeZone: string | null;
      now: Date;
      /** False when hosting needs a verified email (configuration) and the host's is not verified. */
      hostEmailVerified?: boolean;
    }
  | { type: 'EditSession'; by: string; changes: SessionChangesInput; now: Date }
  | { type: 'CancelSession'; by: string; role: Role; reason?: string | null | undefined; now: Date }
  | {
      type: 'RegisterForSession';
      userId: string;
      /** The host blocked this person or they blocked the host. */
      blocked: boolean;
      now: Date;
    }
  | { type: 'UnregisterFromSession'; userId: string; now: Date }
  | { type: 'MarkAttendance'; by: string; userId: string; attended: boolean; now: Date }
  /** LiveKit told us this person joined the session's call (docs/sessions.md, "Attendance"). */
  | { type: 'RecordCallJoin'; userId: string; now: Date }
  /** The scheduler claims the reminders of one kind that are due now; what it appends it then delivers. */
  | { type: 'RecordDueReminders'; kind: ReminderKind; now: Date }
  /** The scheduler records, once, that an uncancelled session ended (see `SessionHeld`). */
  | { type: 'RecordSessionHeld'; now: Date }
  | ReviewCommand;

/** How long before `startsAt` each reminder is due; a 24 h reminder not sent before the 15 min one is skipped. */
export const reminderLeads: Record<ReminderKind, { from: number; until: number }> = {
  '24h': { from: 24 * HOUR, until: 15 * MINUTE },
  '15m': { from: 15 * MINUTE, until: 0 },
};
/** A call joined this early still counts as attending (people come in a few minutes before). */
export const EARLY_JOIN_MS = 15 * MINUTE;

const staffRoles: readonly Role[] = ['moderator', 'admin', 'super_admin'];

/** Pure: the events a command causes on a session's stream, or a domain error. */
export function decideSession(command: SessionCommand, state: SessionState): SessionEvent[] {
  switch (command.type) {
    case 'ScheduleSession':
      return schedule(command, state);
    case 'EditSession':
      return edit(command, requireSession(state));
    case 'CancelSession':
      return cancel(command, requireSession(state));
    case 'RegisterForSession':
      return register(command, requireSession(state));
    case 'UnregisterFromSession':
      return unregister(command, requireSession(state));
    case 'MarkAttendance':
      return markAttendance(command, requireSession(state));
    case 'RecordCallJoin':
      return recordCallJoin(command, requireSession(state));
    case 'RecordDueReminders':
      return dueReminders(command, requireSession(state));
    case 'RecordSessionHeld': {
      const session = requireSession(state);
      if (session.status === 'cancelled' || session.held || !hasEnded(session, command.now)) return [];
      const { id: sessionId, hostId, skill, startsAt } = session;
      const endsAt = endsAtOf(session);
      return [
        {
          type: 'SessionHeld',
          data: { sessionId, hostId, skill, startsAt, endsAt, attendees: attendeesOf(session) },
        },
      ];
    }
    case 'WriteReview':
    case 'ReplyToReview':
    case 'RemoveReview':
      return decideReview(command, requireSession(state));
    default: {
      const _never: never = command;
      return _never;
    }
  }
}

/** 403 with its own problem type, so clients can offer to resend the verification link. */
const emailNotVerified = () =>
  new AppError(403, 'Not allowed', 'Verify your email address before you host a session.', {
    type: 'https://skillswap.dev/problems/email-not-verified',
  });

/** The session, or 404 when the stream holds none. */
export function requireSession(state: SessionState): Session {
  if (state.status === 'unscheduled') throw notFound('No session with this id.');
  return state;
}

function schedule(
  command: Extract<SessionCommand, { type: 'ScheduleSession' }>,
  state: SessionState,
): SessionEvent[] {
  if (state.status !== 'unscheduled') throw conflict('This session already exists.');
  if (command.hostEmailVerified === false) throw emailNotVerified();
  const { sessionId, hostId, timeZone, now } = command;
  const fields = validateSessionFields(command.fields, now);
  return [
    {
      type: 'SessionScheduled',
      data: { sessionId, hostId, ...fields, prerequisites: [...fields.prerequisites], timeZone },
    },
  ];
}

/** Registering, unregistering and editing: only before `startsAt` of a session that still runs. */
function requireOpen(session: Session, now: Date, doing: string) {
  if (session.status === 'cancelled') throw conflict(`This session was cancelled, so ${doing} is closed.`);
  if (hasEnded(session, now)) throw conflict(`This session has ended, so ${doing} is closed.`);
  if (hasStarted(session, now)) throw conflict(`This session has started, so ${doing} is closed.`);
}

function edit(command: Extract<SessionCommand, { type: 'EditSession' }>, session: Session): SessionEvent[] {
  if (command.by !== session.hostId) throw forbidden('Only the host can edit this session.');
  requireOpen(session, command.now, 'editing');
  const requested = validateSessionChanges(command.changes, command.now);
  const changes = Object.fromEntries(
    Object.entries(requested).filter(
      ([field, value]) => !sameValue(value, session[field as keyof SessionDetails]),
    ),
  ) as Partial<SessionDetails>;
  if (Object.keys(changes).length === 0) return [];
  const registered = registeredOf(session).length;
  if (changes.capacity !== undefined && changes.capacity < registered) {
    throw conflict(
      `${registered} people already have a seat, so the capacity cannot go below ${registered}. ` +
        'Ask people to unregister first.',
    );
  }
  const { prerequisites, ...rest } = changes;
  const data = prerequisites === undefined ? rest : { ...rest, prerequisites: [...prerequisites] };
  const audience = peopleToNotify(session);
  const events: SessionEvent[] = [
    { type: 'SessionEdited', data: { sessionId: session.id, changes: data, audience } },
  ];
  const capacity = changes.capacity ?? session.capacity;
  return [...events, ...fillSeats(session, registered, capacity, 'capacity_raised')];
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Seats free after this step go to the waitlist, first in line first. */
function fillSeats(
  session: Session,
  registered: number,
  capacity: number,
  reason: 'seat_freed' | 'capacity_raised',
  leaving?: string,
): SessionEvent[] {
  const free = Math.max(0, capacity - registered);
  return waitlistOf(session)
    .filter((r) => r.userId !== leaving)
    .slice(0, free)
    .map((r) => ({
      type: 'SessionWaitlistPromoted',
      data: { sessionId: session.id, userId: r.userId, reason },
    }));
}

function cancel(
  command: Extract<SessionCommand, { type: 'CancelSession' }>,
  session: Session,
): SessionEvent[] {
  const { by, role, now } = command;
  const byStaff = by !== session.hostId;
  if (byStaff && !staffRoles.includes(role))
    throw forbidden('Only the host or a moderator can cancel this session.');
  if (session.status === 'cancelled') throw conflict('This session is already cancelled.');
  if (hasEnded(session, now)) throw conflict('This session has ended; it can no longer be cancelled.');
  const reason = optionalText(command.reason);
  if (reason !== null && length(reason) > limits.cancelReason.max) {
    throw invalid('The reason is too long.', [
      { path: 'reason', message: `Use at most ${limits.cancelReason.max} characters.` },
    ]);
  }
  const audience = peopleToNotify(session);
  return [
    {
      type: 'SessionCancelled',
      data: { sessionId: session.id, hostId: session.hostId, cancelledBy: by, byStaff, reason, audience },
    },
  ];
}

function register(
  command: Extract<SessionCommand, { type: 'RegisterForSession' }>,
  session: Session,
): SessionEvent[] {
  const { userId, now } = command;
  if (userId === session.hostId) {
    throw invalid('You host this session, so you cannot register for it.', [
      { path: 'sessionId', message: 'Choose a session someone else hosts.' },
    ]);
  }
  requireOpen(session, now, 'registration');
  if (command.blocked) throw forbidden('You cannot register for this session.');
  const current = registrationOf(session, userId)?.status;
  if (current === 'registered') throw conflict('You are already registered for this session.');
  if (current === 'waitlisted') throw conflict('You are already on the waitlist for this session.');
  const status = registeredOf(session).length < session.capacity ? 'registered' : 'waitlisted';
  return [{ type: 'SessionRegistrationAdded', data: { sessionId: session.id, userId, status } }];
}

function unregister(
  command: Extract<SessionCommand, { type: 'UnregisterFromSession' }>,
  session: Session,
): SessionEvent[] {
  const { userId, now } = command;
  const previousStatus = registrationOf(session, userId)?.status;
  if (previousStatus === undefined || previousStatus === 'cancelled')
    throw notFound('You are not registered for this session.');
  requireOpen(session, now, 'unregistering');
  const events: SessionEvent[] = [
    { type: 'SessionRegistrationCancelled', data: { sessionId: session.id, userId, previousStatus } },
  ];
  if (previousStatus === 'waitlisted') return events;
  const registered = registeredOf(session).length - 1;
  return [...events, ...fillSeats(session, registered, session.capacity, 'seat_freed', userId)];
}

function markAttendance(
  command: Extract<SessionCommand, { type: 'MarkAttendance' }>,
  session: Session,
): SessionEvent[] {
  const { by, userId, attended, now } = command;
  if (by !== session.hostId) throw forbidden('Only the host can mark attendance.');
  if (session.status === 'cancelled')
    throw conflict('This session was cancelled; there is no attendance to mark.');
  if (now.getTime() < startsAtMs(session))
    throw conflict('Attendance can be marked once the session starts.');
  if (now.getTime() > endsAtMs(session) + ATTENDANCE_WINDOW_MS)
    throw conflict('Attendance can be marked until 7 days after the session ends; that time has passed.');
  if (userId === session.hostId) {
    throw invalid('You host this session; attendance is for the people who registered.', [
      { path: 'userId', message: 'Choose someone who registered.' },
    ]);
  }
  const registration = registrationOf(session, userId);
  if (!registration) throw notFound('This person did not register for this session.');
  if (registration.status !== 'registered')
    throw conflict('Only people who had a seat when the session started can be marked.');
  if (registration.attended === attended) return [];
  if (!attended && session.reviews.some((r) => r.authorId === userId)) {
    throw conflict('This person has already reviewed the session. Report the review if it is not genuine.');
  }
  return [
    { type: 'SessionAttendanceMarked', data: { sessionId: session.id, userId, attended, source: 'host' } },
  ];
}

/** A join is evidence; it records attendance when nothing recorded it yet, and is otherwise a no-op. */
function recordCallJoin(
  command: Extract<SessionCommand, { type: 'RecordCallJoin' }>,
  session: Session,
): SessionEvent[] {
  const { userId, now } = command;
  const registration = registrationOf(session, userId);
  const t = now.getTime();
  const during = t >= startsAtMs(session) - EARLY_JOIN_MS && t <= endsAtMs(session);
  if (session.status === 'cancelled' || !during || registration?.status !== 'registered') return [];
  if (registration.attended !== null) return [];
  return [
    {
      type: 'SessionAttendanceMarked',
      data: { sessionId: session.id, userId, attended: true, source: 'call' },
    },
  ];
}

function dueReminders(
  command: Extract<SessionCommand, { type: 'RecordDueReminders' }>,
  session: Session,
): SessionEvent[] {
  const { kind, now } = command;
  const lead = reminderLeads[kind];
  const untilStart = startsAtMs(session) - now.getTime();
  if (session.status === 'cancelled' || untilStart > lead.from || untilStart <= lead.until) return [];
  const { id: sessionId, startsAt } = session;
  const people = [session.hostId, ...registeredOf(session).map((r) => r.userId)];
  return people
    .filter((userId) => !session.reminders.has(reminderKey(kind, startsAt, userId)))
    .map((userId) => ({ type: 'SessionReminderSent', data: { sessionId, userId, kind, startsAt } }));
}
