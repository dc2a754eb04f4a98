/**
 * The sessions slice's public door: its routes and live frames for the composition root, and the pure
 * domain for other features (reviews, notifications, video calls run commands through `decideSession`).
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/context.ts';
import { calendarRoutes } from './calendar-routes.ts';
import { registrationRoutes } from './registration-routes.ts';
import { sessionRoutes as sessionCrudRoutes, type SessionRouteOptions } from './session-routes.ts';

export {
  sessionStream,
  sessionEvents,
  sessionEventTypes,
  calendarFeedStream,
  calendarFeedEvents,
  calendarFeedEventTypes,
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
export { runSessionCommand } from './service.ts';
export { Session as SessionSchema } from './schemas.ts';
export { sessionLiveFrames } from './live-frames.ts';

/** The sessions API (docs/api.md, "Sessions"; docs/sessions.md). */
export function sessionRoutes(options: SessionRouteOptions) {
  const app = new OpenAPIHono<AppEnv>();
  app.route('/', sessionCrudRoutes(options));
  app.route('/', registrationRoutes());
  app.route('/', calendarRoutes());
  return app;
}
export { SessionScheduler, type TickResult } from './reminders.ts';
export { sessionMailCalendar } from './mail.ts';
export { calendarFeedAggregate } from './calendar-feed.ts';
