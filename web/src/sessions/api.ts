import type { Schema } from '../api/types.ts';
import type { SkillLevel } from '../identity/api.ts';
import { http, request } from '../lib/http.ts';

/** `Session` of docs/api.md: one session as the signed-in viewer (or a visitor) sees it. */
export type Session = Schema<'Session'>;
export type SessionList = Schema<'SessionList'>;
export type SessionFields = Schema<'CreateSessionBody'>;
export type SessionPatch = Schema<'SessionPatch'>;
export type Attendee = Schema<'SessionAttendees'>['attendees'][number];
export type MySessions = Schema<'MySessions'>;
export type Review = Schema<'Review'>;
export type ReviewList = Schema<'ReviewList'>;

/** The browse filters as the form holds them; blank means "any". */
export interface SessionFilters {
  skill: string;
  level: SkillLevel | '';
  /** `YYYY-MM-DD` in the viewer's time zone, or blank. */
  from: string;
  to: string;
  q: string;
}

const id = (value: string) => encodeURIComponent(value);
const base = (sessionId: string) => `/api/sessions/${id(sessionId)}`;

export const sessionsApi = {
  /** `query`: the API's own parameters (skill, level, from, to, q, hostId, cursor, limit). */
  list: (query: Record<string, string>, signal?: AbortSignal) =>
    http.get<SessionList>(`/api/sessions?${new URLSearchParams(query).toString()}`, signal),
  /** `minPosition`: a live frame's position the answer must include. */
  get: (sessionId: string, signal?: AbortSignal, minPosition?: number) =>
    request<Session>('GET', base(sessionId), { signal, minPosition }),
  create: (fields: SessionFields) => http.post<Session>('/api/sessions', fields),
  update: (sessionId: string, patch: SessionPatch) => http.patch<Session>(base(sessionId), patch),
  cancel: (sessionId: string, reason: string) =>
    http.post<Session>(`${base(sessionId)}/cancel`, reason ? { reason } : {}),
  register: (sessionId: string) =>
    http.post<Schema<'SessionRegistration'>>(`${base(sessionId)}/registrations`),
  unregister: (sessionId: string) => http.del<void>(`${base(sessionId)}/registrations/me`),
  attendees: (sessionId: string, signal?: AbortSignal) =>
    http.get<Schema<'SessionAttendees'>>(`${base(sessionId)}/attendees`, signal),
  markAttendance: (sessionId: string, userId: string, attended: boolean) =>
    http.put<void>(`${base(sessionId)}/attendance/${id(userId)}`, { attended }),
  /** The single-session `.ics` (no sign-in needed; the meeting link only for those who may see it). */
  calendarFile: (sessionId: string) => `${base(sessionId)}/calendar.ics`,
  mine: (signal?: AbortSignal) => http.get<MySessions>('/api/me/sessions', signal),
  calendarFeed: () => http.get<Schema<'CalendarFeedUrl'>>('/api/me/calendar'),
  renewCalendarFeed: () => http.post<Schema<'CalendarFeedUrl'>>('/api/me/calendar/renew'),
  reviews: (sessionId: string, cursor?: string, signal?: AbortSignal) =>
    http.get<ReviewList>(
      `${base(sessionId)}/reviews${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
      signal,
    ),
  /** Reviews of the sessions a person hosted. */
  userReviews: (userId: string, cursor?: string, signal?: AbortSignal) =>
    http.get<ReviewList>(
      `/api/users/${id(userId)}/reviews${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
      signal,
    ),
  writeReview: (sessionId: string, body: Schema<'WriteReviewBody'>) =>
    http.post<Review>(`${base(sessionId)}/reviews`, body),
  reply: (reviewId: string, body: string) =>
    http.post<Review>(`/api/reviews/${id(reviewId)}/reply`, { body }),
};
