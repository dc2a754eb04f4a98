import type { Aggregate } from '../../platform/commands.ts';
import {
  sessionEvents,
  type Level,
  type RecordedSessionEvent,
  type ReminderKind,
  type SessionEvent,
} from './events.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** The host may mark attendance from `startsAt` until this long after `endsAt` (docs/api.md). */
export const ATTENDANCE_WINDOW_MS = 7 * DAY;
/** Attendees may review from `endsAt` until this long after it (docs/api.md). */
export const REVIEW_WINDOW_MS = 14 * DAY;

export interface SessionDetails {
  title: string;
  description: string | null;
  skill: string;
  level: Level;
  prerequisites: readonly string[];
  startsAt: string;
  durationMinutes: number;
  capacity: number;
  meetingUrl: string | null;
}

export type RegistrationStatus = 'registered' | 'waitlisted' | 'cancelled';

export interface Registration {
  userId: string;
  status: RegistrationStatus;
  /** When they last asked for a seat: their place in the arrival order. */
  registeredAt: string;
  /** The host's (or the video call's) mark; null until someone marks it. */
  attended: boolean | null;
}

export interface Review {
  id: string;
  authorId: string;
  rating: number;
  comment: string | null;
  createdAt: string;
  reply: { body: string; createdAt: string } | null;
  /** Removed by a moderator: no longer shown or counted, but its author has reviewed. */
  removed?: boolean;
}

interface Scheduled extends SessionDetails {
  id: string;
  hostId: string;
  timeZone: string | null;
  createdAt: string;
  /** When the host last changed what a calendar shows (schedule, edit, cancel). */
  updatedAt: string;
  /** Edits and the cancellation so far: a calendar's SEQUENCE. */
  sequence: number;
  /**
   * Everyone who ever asked for a seat, in arrival order: registering again moves a person to the end. The
   * waitlist is the `waitlisted` entries in this order.
   */
  registrations: readonly Registration[];
  /** `reminderKey`s of the reminders already sent. */
  reminders: ReadonlySet<string>;
  held: boolean;
  reviews: readonly Review[];
}

/** A session is `ended` by the clock, not by an event, so the stored status is only these. */
export type SessionState =
  | { status: 'unscheduled' }
  | (Scheduled & { status: 'scheduled' })
  | (Scheduled & {
      status: 'cancelled';
      cancelledAt: string;
      cancelledBy: string;
      cancelReason: string | null;
    });

/** A session that exists (scheduled or cancelled). */
export type Session = Exclude<SessionState, { status: 'unscheduled' }>;

export const initialSessionState: SessionState = { status: 'unscheduled' };

export const reminderKey = (kind: ReminderKind, startsAt: string, userId: string) =>
  `${kind}|${startsAt}|${userId}`;

const setRegistration = (
  session: Session,
  userId: string,
  change: Partial<Registration>,
): readonly Registration[] =>
  session.registrations.map((r) => (r.userId === userId ? { ...r, ...change } : r));

export function evolveSession(state: SessionState, event: RecordedSessionEvent): SessionState {
  const at = event.metadata.occurredAt;
  if (event.type === 'SessionScheduled') {
    const { sessionId, hostId, timeZone, ...details } = event.data;
    return {
      status: 'scheduled',
      id: sessionId,
      hostId,
      timeZone,
      ...details,
      createdAt: at,
      updatedAt: at,
      sequence: 0,
      registrations: [],
      reminders: new Set(),
      held: false,
      reviews: [],
    };
  }
  // Events of a stream that was never scheduled cannot be recorded; ignore rather than invent a session.
  if (state.status === 'unscheduled') return state;
  switch (event.type) {
    case 'SessionEdited': {
      const changes = Object.fromEntries(
        Object.entries(event.data.changes).filter(([, value]) => value !== undefined),
      ) as Partial<SessionDetails>;
      return { ...state, ...changes, updatedAt: at, sequence: state.sequence + 1 };
    }
    case 'SessionCancelled': {
      const { cancelledBy, reason } = event.data;
      return {
        ...state,
        status: 'cancelled',
        cancelledAt: at,
        cancelledBy,
        cancelReason: reason,
        updatedAt: at,
        sequence: state.sequence + 1,
      };
    }
    case 'SessionRegistrationAdded': {
      const { userId, status } = event.data;
      const others = state.registrations.filter((r) => r.userId !== userId);
      return {
        ...state,
        registrations: [...others, { userId, status, registeredAt: at, attended: null }],
      };
    }
    case 'SessionRegistrationCancelled':
      return { ...state, registrations: setRegistration(state, event.data.userId, { status: 'cancelled' }) };
    case 'SessionWaitlistPromoted':
      return { ...state, registrations: setRegistration(state, event.data.userId, { status: 'registered' }) };
    case 'SessionAttendanceMarked':
      return {
        ...state,
        registrations: setRegistration(state, event.data.userId, { attended: event.data.attended }),
      };
    case 'SessionReminderSent': {
      const { kind, startsAt, userId } = event.data;
      return { ...state, reminders: new Set([...state.reminders, reminderKey(kind, startsAt, userId)]) };
    }
    case 'SessionHeld':
      return { ...state, held: true };
    case 'ReviewWritten': {
      const { reviewId: id, authorId, rating, comment } = event.data;
      return {
        ...state,
        reviews: [...state.reviews, { id, authorId, rating, comment, createdAt: at, reply: null }],
      };
    }
    case 'ReviewReplied': {
      const { reviewId, body } = event.data;
      return {
        ...state,
        reviews: state.reviews.map((r) => (r.id === reviewId ? { ...r, reply: { body, createdAt: at } } : r)),
      };
    }
    case 'ReviewRemoved': {
      const { reviewId } = event.data;
      return {
        ...state,
        reviews: state.reviews.map((r) => (r.id === reviewId ? { ...r, removed: true } : r)),
      };
    }
    default: {
      const _never: never = event;
      return state;
    }
  }
}

export const sessionAggregate: Aggregate<SessionState, SessionEvent> = {
  initial: initialSessionState,
  evolve: evolveSession,
  registry: sessionEvents,
};

// ---- Time --------------------------------------------------------------------------------------------

export const startsAtMs = (session: SessionDetails) => Date.parse(session.startsAt);
export const endsAtMs = (session: SessionDetails) => startsAtMs(session) + session.durationMinutes * MINUTE;
export const endsAtOf = (session: SessionDetails) => new Date(endsAtMs(session)).toISOString();
/** Registering, unregistering and editing close at `startsAt`. */
export const hasStarted = (session: SessionDetails, now: Date) => now.getTime() >= startsAtMs(session);
/** `ended` once `endsAt` has passed by the app's clock; nothing has to happen for it. */
export const hasEnded = (session: SessionDetails, now: Date) => now.getTime() >= endsAtMs(session);

export type SessionStatus = 'scheduled' | 'cancelled' | 'ended';

/** The status the API shows: cancelled wins over ended (a session cancelled before its end never ran). */
export function sessionStatus(session: Session, now: Date): SessionStatus {
  if (session.status === 'cancelled') return 'cancelled';
  return hasEnded(session, now) ? 'ended' : 'scheduled';
}

// ---- Registrations -----------------------------------------------------------------------------------

export const registrationOf = (session: Session, userId: string | null) =>
  userId === null ? undefined : session.registrations.find((r) => r.userId === userId);

export const registeredOf = (session: Session) =>
  session.registrations.filter((r) => r.status === 'registered');
/** The waitlist, first in line first. */
export const waitlistOf = (session: Session) =>
  session.registrations.filter((r) => r.status === 'waitlisted');

/** 1-based place on the waitlist, or null when the person is not waiting. */
export function waitlistPosition(session: Session, userId: string): number | null {
  const index = waitlistOf(session).findIndex((r) => r.userId === userId);
  return index < 0 ? null : index + 1;
}

/** The host and people with a seat see the meeting link and may join the session's call. */
export const isHostOrRegistered = (session: Session, userId: string | null) =>
  userId !== null && (userId === session.hostId || registrationOf(session, userId)?.status === 'registered');

/** The answer of `POST /api/sessions/:id/registrations` after the person registered. */
export function registrationOutcome(session: Session, userId: string) {
  const status = registrationOf(session, userId)?.status;
  return {
    status: status === 'waitlisted' ? ('waitlisted' as const) : ('registered' as const),
    waitlistPosition: waitlistPosition(session, userId),
  };
}

/** People a change or cancellation is announced to: everyone registered or waiting. */
export const peopleToNotify = (session: Session) =>
  session.registrations.filter((r) => r.status !== 'cancelled').map((r) => r.userId);

/**
 * docs/api.md: an attendee is someone registered when the session started whom the host did not mark
 * `attended: false`. Registrations freeze at `startsAt`, so those registered now are those registered then;
 * read it once the session has started. A cancelled session has no attendees.
 */
export function attendeesOf(session: Session): string[] {
  if (session.status === 'cancelled') return [];
  return registeredOf(session)
    .filter((r) => r.attended !== false)
    .map((r) => r.userId);
}

export const isAttendee = (session: Session, userId: string) => attendeesOf(session).includes(userId);

/** Rows of `GET /api/sessions/:id/attendees` (the route adds each `PublicProfile`), in arrival order. */
export const attendeeList = (session: Session) =>
  session.registrations.map(({ userId, status, attended, registeredAt }) => ({
    userId,
    status,
    attended,
    registeredAt,
  }));

// ---- The API's view ----------------------------------------------------------------------------------

export interface SessionView extends SessionDetails {
  id: string;
  hostId: string;
  endsAt: string;
  registered: number;
  waitlisted: number;
  status: SessionStatus;
  myRegistration: 'registered' | 'waitlisted' | null;
  waitlistPosition: number | null;
  createdAt: string;
}

/**
 * `Session` of docs/api.md as `viewerId` (null: signed out) sees it at `now`; the route swaps `hostId` for the
 * host's `PublicProfile`. `meetingUrl` is null for anyone but the host and registered attendees.
 */
export function sessionView(session: Session, viewerId: string | null, now: Date): SessionView {
  const mine = registrationOf(session, viewerId);
  const myRegistration = mine && mine.status !== 'cancelled' ? mine.status : null;
  return {
    id: session.id,
    hostId: session.hostId,
    title: session.title,
    description: session.description,
    skill: session.skill,
    level: session.level,
    prerequisites: session.prerequisites,
    startsAt: session.startsAt,
    endsAt: endsAtOf(session),
    durationMinutes: session.durationMinutes,
    capacity: session.capacity,
    registered: registeredOf(session).length,
    waitlisted: waitlistOf(session).length,
    status: sessionStatus(session, now),
    myRegistration,
    waitlistPosition: viewerId === null ? null : waitlistPosition(session, viewerId),
    meetingUrl: isHostOrRegistered(session, viewerId) ? session.meetingUrl : null,
    createdAt: session.createdAt,
  };
}

export const reviewById = (session: Session, reviewId: string) =>
  session.reviews.find((r) => r.id === reviewId);
