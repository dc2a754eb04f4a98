/**
 * The sessions slice's public door. Only the pure domain so far: routes, handlers and projections call these
 * (handlers through the platform's command pipeline with `sessionAggregate` and `decideSession`).
 */
export {
  sessionStream,
  sessionEvents,
  sessionEventTypes,
  levels,
  reminderKinds,
  type Level,
  type ReminderKind,
  type SessionEvent,
  type RecordedSessionEvent,
} from './events.ts';
export {
  sessionAggregate,
  initialSessionState,
  evolveSession,
  sessionView,
  sessionStatus,
  registrationOutcome,
  attendeesOf,
  attendeeList,
  isAttendee,
  isHostOrRegistered,
  peopleToNotify,
  waitlistPosition,
  reviewById,
  endsAtOf,
  hasStarted,
  hasEnded,
  type Session,
  type SessionState,
  type SessionView,
  type SessionStatus,
  type Registration,
  type Review,
} from './session.ts';
export { decideSession, requireSession, reminderLeads, type SessionCommand } from './session.decide.ts';
export type { ReviewCommand } from './review.decide.ts';
export { limits, type SessionFieldsInput, type SessionChangesInput } from './fields.ts';
export {
  calendarEntry,
  sessionCalendar,
  calendarFeed,
  calendarUid,
  CALENDAR_CONTENT_TYPE,
  type CalendarEntry,
} from './calendar.ts';
export { SessionScheduler, type TickResult } from './reminders.ts';
export { sessionMailCalendar } from './mail.ts';
