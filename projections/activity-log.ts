import type { Db } from '../src/platform/db/database.ts';
import type { Timestamp } from '../src/platform/db/schema.ts';
import type { Projection } from '../src/platform/projections/projection.ts';

export interface ActivityLogTable {
  position: number;
  event_id: string;
  event_type: string;
  stream_name: string;
  actor_id: string | null;
  actor_role: string | null;
  correlation_id: string | null;
  causation_id: string | null;
  ip: string | null;
  user_agent: string | null;
  occurred_at: Timestamp;
}

export interface ActivityLogTables {
  activity_log: ActivityLogTable;
}

const CHUNK = 1_000;
const isUuid = (v: unknown): v is string =>
  typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/**
 * Who did what, when and from where: one row per event, from its metadata only (event data may hold
 * secrets such as password hashes, so it is not copied). Written as multi-row inserts per batch.
 * A plain Projection over raw recorded events, not defineProjection: it handles every type, of every
 * feature, and reads only the envelope, so there is nothing to decode and no registry to name.
 */
export const activityLogProjection: Projection = {
  name: 'activity_log',
  version: 1,
  tables: ['activity_log'],
  handles: 'all',
  async apply(db, events) {
    for (let i = 0; i < events.length; i += CHUNK) {
      const rows = events.slice(i, i + CHUNK).map((e) => ({
        position: e.position,
        event_id: e.id,
        event_type: e.type,
        stream_name: e.streamName,
        actor_id: isUuid(e.metadata.actorId) ? e.metadata.actorId : null,
        actor_role: e.metadata.actorRole ?? null,
        correlation_id: e.metadata.correlationId ?? null,
        causation_id: e.metadata.causationId ?? null,
        ip: e.metadata.ip ?? null,
        user_agent: e.metadata.userAgent ?? null,
        occurred_at: e.metadata.occurredAt ?? e.recordedAt,
      }));
      await db
        .insertInto('activity_log')
        .values(rows)
        .onConflict((oc) => oc.column('position').doNothing())
        .execute();
    }
  },
};

export async function activityOf(db: Db, actorId: string, options: { before?: number; limit?: number } = {}) {
  let query = db.selectFrom('activity_log').selectAll().where('actor_id', '=', actorId);
  if (options.before) query = query.where('position', '<', options.before);
  return query
    .orderBy('position', 'desc')
    .limit(options.limit ?? 50)
    .execute();
}
