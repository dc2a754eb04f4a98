import { z } from 'zod';
import {
  defineEvent,
  EventRegistry,
  type EventOf,
  type Recorded,
} from '../../platform/event-store/events.ts';

/**
 * Everything about one session lives in `session-<sessionId>`: its schedule, registrations and waitlist,
 * attendance, reminders and reviews. Every rule (a seat, a waitlist place, "an attendee reviews once") is then
 * a fact of one stream, decided under one optimistic-concurrency append instead of a cross-stream race.
 */
export const sessionStream = (sessionId: string) => `session-${sessionId}`;

export const levels = ['beginner', 'intermediate', 'advanced', 'expert'] as const;
export type Level = (typeof levels)[number];

export const reminderKinds = ['24h', '15m'] as const;
export type ReminderKind = (typeof reminderKinds)[number];

const session = { sessionId: z.string() };

/** The fields a host chooses when creating a session and may change until it starts (docs/api.md, "Sessions"). */
export const sessionFields = {
  title: z.string(),
  description: z.string().nullable(),
  skill: z.string(),
  level: z.enum(levels),
  prerequisites: z.array(z.string()),
  /** ISO-8601 UTC. */
  startsAt: z.string(),
  durationMinutes: z.number().int(),
  capacity: z.number().int(),
  meetingUrl: z.string().nullable(),
};

export const SessionScheduled = defineEvent({
  type: 'SessionScheduled',
  version: 1,
  schema: z.object({
    ...session,
    hostId: z.string(),
    ...sessionFields,
    /** The host's IANA time zone when they scheduled it, noted in calendars; null when they set none. */
    timeZone: z.string().nullable(),
  }),
});
/**
 * Everyone registered or waitlisted when a change happened, in arrival order: the people it is announced to
 * (live frames, notifications). Carried by the event because the readers that announce it see one event at a
 * time; the host is not in it.
 */
const audience = z.array(z.string());

/** Only the fields that changed; a change of `startsAt` or `durationMinutes` is a reschedule. */
export const SessionEdited = defineEvent({
  type: 'SessionEdited',
  version: 1,
  schema: z.object({ ...session, changes: z.object(sessionFields).partial(), audience }),
});
export const SessionCancelled = defineEvent({
  type: 'SessionCancelled',
  version: 1,
  schema: z.object({
    ...session,
    /** Told when staff cancel their session. */
    hostId: z.string(),
    cancelledBy: z.string(),
    /** True when a moderator or above cancelled someone else's session. */
    byStaff: z.boolean(),
    reason: z.string().nullable(),
    audience,
  }),
});
/** A person asked for a seat: they got one, or joined the end of the waitlist. */
export const SessionRegistrationAdded = defineEvent({
  type: 'SessionRegistrationAdded',
  version: 1,
  schema: z.object({ ...session, userId: z.string(), status: z.enum(['registered', 'waitlisted']) }),
});
export const SessionRegistrationCancelled = defineEvent({
  type: 'SessionRegistrationCancelled',
  version: 1,
  schema: z.object({
    ...session,
    userId: z.string(),
    previousStatus: z.enum(['registered', 'waitlisted']),
  }),
});
export const SessionWaitlistPromoted = defineEvent({
  type: 'SessionWaitlistPromoted',
  version: 1,
  schema: z.object({ ...session, userId: z.string(), reason: z.enum(['seat_freed', 'capacity_raised']) }),
});
/** `source: 'call'` when joining the session's video call recorded it. */
export const SessionAttendanceMarked = defineEvent({
  type: 'SessionAttendanceMarked',
  version: 1,
  schema: z.object({
    ...session,
    userId: z.string(),
    attended: z.boolean(),
    source: z.enum(['host', 'call']),
  }),
});
/**
 * A reminder went to one person (the host or someone registered). `startsAt` is the start it announced:
 * a rescheduled session reminds again for its new time, and only once per kind per person per start.
 */
export const SessionReminderSent = defineEvent({
  type: 'SessionReminderSent',
  version: 1,
  schema: z.object({ ...session, userId: z.string(), kind: z.enum(reminderKinds), startsAt: z.string() }),
});
/**
 * Recorded once by the scheduler after an uncancelled session ended, because a projection cannot see time
 * pass: reputation, badges and progress count sessions held from this fact. The session's status never
 * depends on it (`ended` is `endsAt` passed by the clock). Attendance marked later still arrives as
 * `SessionAttendanceMarked`.
 */
export const SessionHeld = defineEvent({
  type: 'SessionHeld',
  version: 1,
  schema: z.object({
    ...session,
    hostId: z.string(),
    skill: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    attendees: z.array(z.string()),
  }),
});
export const ReviewWritten = defineEvent({
  type: 'ReviewWritten',
  version: 1,
  schema: z.object({
    ...session,
    reviewId: z.string(),
    authorId: z.string(),
    /** The person reviewed: the session's host. */
    hostId: z.string(),
    rating: z.number().int(),
    comment: z.string().nullable(),
  }),
});
export const ReviewReplied = defineEvent({
  type: 'ReviewReplied',
  version: 1,
  schema: z.object({ ...session, reviewId: z.string(), hostId: z.string(), body: z.string() }),
});

/**
 * A moderator removed a review (a resolved report): it leaves the session's reviews and the host's
 * reputation. Its author still counts as having reviewed, so the same person cannot post it again.
 */
export const ReviewRemoved = defineEvent({
  type: 'ReviewRemoved',
  version: 1,
  schema: z.object({
    ...session,
    reviewId: z.string(),
    authorId: z.string(),
    hostId: z.string(),
    by: z.string(),
    reason: z.string(),
  }),
});

const definitions = [
  SessionScheduled,
  SessionEdited,
  SessionCancelled,
  SessionRegistrationAdded,
  SessionRegistrationCancelled,
  SessionWaitlistPromoted,
  SessionAttendanceMarked,
  SessionReminderSent,
  SessionHeld,
  ReviewWritten,
  ReviewReplied,
  ReviewRemoved,
] as const;
export type SessionEvent = EventOf<(typeof definitions)[number]>;
export type RecordedSessionEvent = Recorded<SessionEvent>;
export const sessionEvents = new EventRegistry<SessionEvent>(definitions);
export const sessionEventTypes = definitions.map((d) => d.type);

/**
 * A person's private calendar feed (`GET /api/calendar/<token>.ics`) lives in `calendar-<userId>`. The
 * event holds the SHA-256 of the feed's token, never the token: the token is derived from the nonce with the
 * server's secret (docs/sessions.md, "Calendar feed"), so the URL can be shown again but not read from the
 * log. A new token replaces the old one, whose URL then answers 404.
 */
export const calendarFeedStream = (userId: string) => `calendar-${userId}`;

export const CalendarFeedTokenIssued = defineEvent({
  type: 'CalendarFeedTokenIssued',
  version: 1,
  schema: z.object({ userId: z.string(), tokenHash: z.string(), nonce: z.string() }),
});

const feedDefinitions = [CalendarFeedTokenIssued] as const;
export type CalendarFeedEvent = EventOf<(typeof feedDefinitions)[number]>;
export const calendarFeedEvents = new EventRegistry<CalendarFeedEvent>(feedDefinitions);
export const calendarFeedEventTypes = feedDefinitions.map((d) => d.type);
