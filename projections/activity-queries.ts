import { sql, type Selectable } from 'kysely';
import type { Db } from '../src/platform/db/database.ts';
import type { ActivityLogTable } from './activity-log.ts';

export type ActivityRow = Selectable<ActivityLogTable>;

/** The staff roles whose actions the audit log lists. */
export const staffRoles = ['moderator', 'admin', 'super_admin'];

export interface ActivityFilter {
  type?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Position of the last entry of the previous page (newest first). */
  before?: number | undefined;
  limit: number;
}

/**
 * Entries of the activity log (projections/activity-log.ts), newest first: what one person did and what
 * was done to their account (`person`), or what staff did (`staff`, optionally one actor).
 */
export async function findActivity(
  db: Db,
  scope: { person: string } | { staff: true; actorId?: string | undefined },
  filter: ActivityFilter,
): Promise<ActivityRow[]> {
  let query = db.selectFrom('activity_log').selectAll();
  if ('person' in scope)
    query = query.where((w) =>
      w.or([w('actor_id', '=', scope.person), w('stream_name', '=', `user-${scope.person}`)]),
    );
  else {
    // What staff do to others: their own account's, notices' and settings' streams are left out.
    query = query.where('actor_role', 'in', staffRoles).where(
      sql<boolean>`stream_name not in ('user-' || actor_id::text, 'notifications-' || actor_id::text,
          'settings-' || actor_id::text)`,
    );
    if (scope.actorId) query = query.where('actor_id', '=', scope.actorId);
  }
  if (filter.type) query = query.where('event_type', '=', filter.type);
  if (filter.from) query = query.where('occurred_at', '>=', filter.from);
  if (filter.to) query = query.where('occurred_at', '<', filter.to);
  if (filter.before !== undefined) query = query.where('position', '<', filter.before);
  const rows = await query.orderBy('position', 'desc').limit(filter.limit).execute();
  return rows.map((r) => ({ ...r, position: Number(r.position) }));
}
