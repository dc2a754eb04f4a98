import { sql } from 'kysely';
import type { Db } from '../src/platform/db/database.ts';
import { searchTerms } from './doc-messages.ts';
import { skillFilterIds } from './session-skills.ts';

/** A session row as the API shows it to one viewer: their registration and place in line included. */
export interface SessionRow {
  id: string;
  hostId: string;
  title: string;
  description: string | null;
  skill: string;
  level: string;
  prerequisites: string[];
  startsAt: Date;
  endsAt: Date;
  durationMinutes: number;
  capacity: number;
  registered: number;
  waitlisted: number;
  status: 'scheduled' | 'cancelled';
  meetingUrl: string | null;
  timeZone: string | null;
  sequence: number;
  createdAt: Date;
  updatedAt: Date;
  myStatus: 'registered' | 'waitlisted' | null;
  waitlistPosition: number | null;
}

/** A session lasts at most this long, so one that started longer ago has ended (lets indexes on starts_at work). */
const LONGEST_MS = 480 * 60_000;

/** Sessions joined with `viewerId`'s live registration (none for a null viewer). */
function sessionsFor(db: Db, viewerId: string | null) {
  return db
    .selectFrom('sessions')
    .leftJoin('session_registrations as mine', (join) =>
      join
        .onRef('mine.session_id', '=', 'sessions.id')
        .on(sql<boolean>`mine.user_id = ${viewerId}::uuid and mine.status <> 'cancelled'`),
    );
}
type From = ReturnType<typeof sessionsFor>;

function selectRow(from: From) {
  return from.select([
    'sessions.id',
    'sessions.host_id as hostId',
    'sessions.title',
    'sessions.description',
    'sessions.skill',
    'sessions.level',
    'sessions.prerequisites',
    'sessions.starts_at as startsAt',
    'sessions.ends_at as endsAt',
    'sessions.duration_minutes as durationMinutes',
    'sessions.capacity',
    'sessions.registered',
    'sessions.waitlisted',
    'sessions.status',
    'sessions.meeting_url as meetingUrl',
    'sessions.time_zone as timeZone',
    'sessions.sequence',
    'sessions.created_at as createdAt',
    'sessions.updated_at as updatedAt',
    sql<'registered' | 'waitlisted' | null>`mine.status`.as('myStatus'),
    sql<number | null>`case when mine.status = 'waitlisted' then
      (select count(*) from session_registrations w
       where w.session_id = sessions.id and w.status = 'waitlisted' and w.seq <= mine.seq)::int end`.as(
      'waitlistPosition',
    ),
  ]);
}

const toRow = (r: Record<string, unknown>) => r as unknown as SessionRow;

export async function findSessionRow(db: Db, id: string, viewerId: string | null) {
  const row = await selectRow(sessionsFor(db, viewerId).where('sessions.id', '=', id)).executeTakeFirst();
  return row && toRow(row);
}

/**
 * For each (session, person) pair: the session's host and whether they and the person block each other, in
 * one round trip for all pairs; undefined for a session the read model does not have (yet). Ids must be
 * UUIDs.
 */
export async function hostsAndBlocks(
  db: Db,
  pairs: readonly { sessionId: string; userId: string }[],
): Promise<Array<{ hostId: string; blocked: boolean } | undefined>> {
  if (pairs.length === 0) return [];
  const { rows } = await sql<{ i: string; hostId: string; blocked: boolean }>`
    select k.i, s.host_id as "hostId", exists (
      select 1 from user_blocks b
      where (b.blocker_id = s.host_id and b.blocked_id = k.user_id)
         or (b.blocker_id = k.user_id and b.blocked_id = s.host_id)) as blocked
    from unnest(${pairs.map((p) => p.sessionId)}::uuid[], ${pairs.map((p) => p.userId)}::uuid[])
      with ordinality as k(session_id, user_id, i)
    join sessions s on s.id = k.session_id`.execute(db);
  const found = new Map(rows.map((r) => [Number(r.i), { hostId: r.hostId, blocked: r.blocked }]));
  return pairs.map((_, i) => found.get(i + 1));
}

export interface BrowseFilters {
  skill?: string | undefined;
  level?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  hostId?: string | undefined;
  limit: number;
  after?: { startsAt: string; id: string } | undefined;
}

/**
 * `GET /api/sessions`: sessions that are not cancelled, by start (then id), starting at `from` or, without
 * it, those not ended at `now`. One page of `limit` and whether another follows.
 */
export async function browseSessions(db: Db, filters: BrowseFilters, viewerId: string | null, now: Date) {
  let query = sessionsFor(db, viewerId).where('sessions.status', '=', 'scheduled');
  if (filters.from !== undefined) query = query.where('sessions.starts_at', '>=', new Date(filters.from));
  else
    query = query
      .where('sessions.starts_at', '>', new Date(now.getTime() - LONGEST_MS))
      .where('sessions.ends_at', '>', now);
  if (filters.to !== undefined) query = query.where('sessions.starts_at', '<', new Date(filters.to));
  if (filters.level !== undefined) query = query.where('sessions.level', '=', filters.level);
  if (filters.hostId !== undefined) query = query.where('sessions.host_id', '=', filters.hostId);
  if (filters.skill !== undefined) {
    const ids = await skillFilterIds(db, filters.skill);
    query = query.where(sql<boolean>`sessions.skill_id = any(${ids}::text[])`);
  }
  const terms = filters.q === undefined ? undefined : searchTerms(filters.q);
  if (terms !== undefined)
    query = query.where(sql<boolean>`sessions.search @@ to_tsquery('simple', unaccent(${terms}))`);
  const after = filters.after;
  if (after)
    query = query.where(
      sql<boolean>`(sessions.starts_at, sessions.id) > (${after.startsAt}::timestamptz, ${after.id}::uuid)`,
    );
  const rows = await selectRow(query)
    .orderBy('sessions.starts_at')
    .orderBy('sessions.id')
    .limit(filters.limit + 1)
    .execute();
  return { rows: rows.slice(0, filters.limit).map(toRow), more: rows.length > filters.limit };
}

/** Upcoming (not ended at `now`) first, soonest first; then past ones, latest first. */
const upcomingFirst = (now: Date) =>
  sql`case when sessions.ends_at > ${now} then 0 else 1 end,
      case when sessions.ends_at > ${now} then sessions.starts_at end asc,
      case when sessions.ends_at <= ${now} then sessions.starts_at end desc,
      sessions.id`;

export const MY_SESSIONS_LIMIT = 100;

/** `GET /api/me/sessions`: the sessions `userId` hosts, and those they are registered or waitlisted for. */
export async function sessionsOfUser(db: Db, userId: string, now: Date) {
  const order = upcomingFirst(now);
  const [hosting, attending] = await Promise.all([
    selectRow(sessionsFor(db, userId).where('sessions.host_id', '=', userId))
      .orderBy(order)
      .limit(MY_SESSIONS_LIMIT)
      .execute(),
    selectRow(sessionsFor(db, userId).where('mine.user_id', 'is not', null))
      .orderBy(order)
      .limit(MY_SESSIONS_LIMIT)
      .execute(),
  ]);
  return { hosting: hosting.map(toRow), attending: attending.map(toRow) };
}

/** How far back a calendar feed reaches, and how many sessions it holds at most. */
export const FEED_DAYS = 90;
export const FEED_LIMIT = 500;

/** The calendar feed's sessions: hosted or with a seat, ended at most 90 days ago, cancelled ones kept. */
export async function feedSessions(db: Db, userId: string, now: Date) {
  const since = new Date(now.getTime() - FEED_DAYS * 86_400_000);
  const rows = await selectRow(
    sessionsFor(db, userId)
      .where((w) => w.or([w('sessions.host_id', '=', userId), w('mine.status', '=', 'registered')]))
      .where('sessions.ends_at', '>', since),
  )
    .orderBy('sessions.starts_at')
    .orderBy('sessions.id')
    .limit(FEED_LIMIT)
    .execute();
  return rows.map(toRow);
}

/** Everyone who ever asked for a seat, in arrival order. */
export function registrationsOf(db: Db, sessionId: string) {
  return db
    .selectFrom('session_registrations')
    .select(['user_id as userId', 'status', 'attended', 'registered_at as registeredAt'])
    .where('session_id', '=', sessionId)
    .orderBy('seq')
    .execute();
}

export function calendarFeedOf(db: Db, userId: string) {
  return db
    .selectFrom('calendar_feeds')
    .select(['token_hash as tokenHash', 'nonce'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function calendarFeedOwner(db: Db, tokenHash: string) {
  const row = await db
    .selectFrom('calendar_feeds')
    .select('user_id')
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row?.user_id;
}
