import { sql } from 'kysely';
import type { Db } from '../src/platform/db/database.ts';
import type { UserRow } from './users.ts';

/**
 * The staff's account lists (docs/api.md, "Administration"), read from the users read model and the
 * features' read models: no table of its own. A suspension with an end time that has passed counts as
 * active here too (it ended by the clock, with no event).
 */
export type AccountStatus = 'active' | 'suspended' | 'erased';
const erasedStatuses = ['erased', 'deleted'];

export interface AccountFilter {
  q?: string | undefined;
  role?: string | undefined;
  status?: AccountStatus | undefined;
  /** Sort key of the last row of the previous page: newest sign-ups first. */
  after?: { createdAt: string; id: string } | undefined;
  limit: number;
  now: Date;
}

export function accountStatus(row: UserRow, now: Date): AccountStatus {
  if (erasedStatuses.includes(row.status)) return 'erased';
  if (row.status !== 'suspended') return 'active';
  return row.suspended_until === null || new Date(row.suspended_until) > now ? 'suspended' : 'active';
}

export async function findAccounts(db: Db, filter: AccountFilter): Promise<UserRow[]> {
  let query = db.selectFrom('users').selectAll();
  if (filter.q) {
    const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    query = query.where((w) =>
      w.or([w(sql`lower(display_name)`, 'like', like), w('email_normalized', 'like', like)]),
    );
  }
  if (filter.role) query = query.where('role', '=', filter.role);
  const now = filter.now;
  if (filter.status === 'erased') query = query.where('status', 'in', erasedStatuses);
  else if (filter.status === 'suspended')
    query = query
      .where('status', '=', 'suspended')
      .where((w) => w.or([w('suspended_until', 'is', null), w('suspended_until', '>', now)]));
  else if (filter.status === 'active')
    query = query.where((w) =>
      w.or([
        w('status', '=', 'active'),
        w.and([w('status', '=', 'suspended'), w('suspended_until', '<=', now)]),
      ]),
    );
  if (filter.after) {
    const { createdAt, id } = filter.after;
    query = query.where((w) =>
      w.or([
        w('created_at', '<', new Date(createdAt)),
        w.and([w('created_at', '=', new Date(createdAt)), w('id', '<', id)]),
      ]),
    );
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

export interface AccountCounts {
  connections: number;
  messagesSent: number;
  sessionsHosted: number;
  registrations: number;
  reviewsWritten: number;
}

/** What an account did on the platform, for the admin's view of one person. */
export async function accountCounts(db: Db, userId: string): Promise<AccountCounts> {
  const count = (query: { executeTakeFirst(): Promise<{ n: string | number | bigint } | undefined> }) =>
    query.executeTakeFirst().then((r) => Number(r?.n ?? 0));
  const [connections, messagesSent, sessionsHosted, registrations, reviewsWritten] = await Promise.all([
    count(
      db
        .selectFrom('connections')
        .select((e) => e.fn.countAll().as('n'))
        .where('status', '=', 'accepted')
        .where((w) => w.or([w('from_user_id', '=', userId), w('to_user_id', '=', userId)])),
    ),
    count(
      db
        .selectFrom('direct_messages')
        .select((e) => e.fn.countAll().as('n'))
        .where('from_id', '=', userId),
    ),
    count(
      db
        .selectFrom('sessions')
        .select((e) => e.fn.countAll().as('n'))
        .where('host_id', '=', userId),
    ),
    count(
      db
        .selectFrom('session_registrations')
        .select((e) => e.fn.countAll().as('n'))
        .where('user_id', '=', userId)
        .where('status', '<>', 'cancelled'),
    ),
    count(
      db
        .selectFrom('reviews')
        .select((e) => e.fn.countAll().as('n'))
        .where('author_id', '=', userId),
    ),
  ]);
  return { connections, messagesSent, sessionsHosted, registrations, reviewsWritten };
}

export async function countSuperAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((e) => e.fn.countAll().as('n'))
    .where('role', '=', 'super_admin')
    .where('status', 'not in', erasedStatuses)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** A host's sessions that have not started yet and are not cancelled (cancelled when the host is suspended). */
export async function upcomingSessionsHostedBy(db: Db, hostId: string, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('sessions')
    .select('id')
    .where('host_id', '=', hostId)
    .where('status', '=', 'scheduled')
    .where('starts_at', '>', now)
    .execute();
  return rows.map((r) => r.id);
}
