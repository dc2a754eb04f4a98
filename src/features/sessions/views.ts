import type { z } from '@hono/zod-openapi';
import type { SessionRow } from '../../../projections/session-queries.ts';
import type { Db } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { findPublicProfiles, type PublicProfileData } from '../identity/index.ts';
import type { CalendarEntry } from './calendar.ts';
import type { Level } from './events.ts';
import type { Session as SessionSchema } from './schemas.ts';
import { sessionView, type Session as SessionState } from './session.ts';

export type SessionResponse = z.infer<typeof SessionSchema>;

const iso = (d: Date | string) => new Date(d).toISOString();

/** The API's `Session` from the domain state a command produced (the read model may not have it yet). */
export function sessionFromState(
  state: SessionState,
  host: PublicProfileData,
  viewerId: string,
  now: Date,
): SessionResponse {
  const { hostId: _host, ...view } = sessionView(state, viewerId, now);
  return { ...view, prerequisites: [...view.prerequisites], host };
}

const statusOf = (row: SessionRow, now: Date) =>
  row.status === 'cancelled' ? 'cancelled' : new Date(row.endsAt) <= now ? 'ended' : 'scheduled';
/** The host and people with a seat see the meeting link. */
const mayJoin = (row: SessionRow, viewerId: string | null) =>
  viewerId !== null && (viewerId === row.hostId || row.myStatus === 'registered');

/** The API's `Session` from a read-model row, as its viewer sees it at `now`. */
export function sessionFromRow(
  row: SessionRow,
  host: PublicProfileData,
  viewerId: string | null,
  now: Date,
): SessionResponse {
  return {
    id: row.id,
    host,
    title: row.title,
    description: row.description,
    skill: row.skill,
    level: row.level as Level,
    prerequisites: row.prerequisites,
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    durationMinutes: row.durationMinutes,
    capacity: row.capacity,
    registered: row.registered,
    waitlisted: row.waitlisted,
    status: statusOf(row, now),
    myRegistration: row.myStatus,
    waitlistPosition: row.waitlistPosition,
    meetingUrl: mayJoin(row, viewerId) ? row.meetingUrl : null,
    createdAt: iso(row.createdAt),
  };
}

/**
 * Read-model rows as the API's sessions, each with its host's public profile. A session whose host's
 * account is gone is left out (there is no profile to show).
 */
export async function sessionsFromRows(
  db: Db,
  rows: readonly SessionRow[],
  viewerId: string | null,
  now: Date,
): Promise<SessionResponse[]> {
  const hosts = await findPublicProfiles(
    db,
    rows.map((r) => r.hostId),
  );
  return rows.flatMap((row) => {
    const host = hosts.get(row.hostId);
    return host ? [sessionFromRow(row, host, viewerId, now)] : [];
  });
}

/** One profile, or 404 (an account that is gone). */
export async function profileOf(db: Db, userId: string): Promise<PublicProfileData> {
  const profile = (await findPublicProfiles(db, [userId])).get(userId);
  if (!profile) throw notFound('No user with this id.');
  return profile;
}

/** A read-model row as a calendar entry for its viewer (the link only for the host and people with a seat). */
export function calendarEntryOf(row: SessionRow, viewerId: string | null, now: Date): CalendarEntry {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    prerequisites: row.prerequisites,
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    status: statusOf(row, now),
    sequence: row.sequence,
    timeZone: row.timeZone,
    meetingUrl: mayJoin(row, viewerId) ? row.meetingUrl : null,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
