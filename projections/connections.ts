import type { Selectable } from 'kysely';
import {
  pairEvents,
  pairKey,
  type ConnectionStatus,
  type PairEvent,
} from '../src/features/connections/events.ts';
import type { Db } from '../src/platform/db/database.ts';
import type { Timestamp } from '../src/platform/db/schema.ts';
import type { RecordedOfType } from '../src/platform/event-store/events.ts';
import { defineProjection, type ProjectionDb } from '../src/platform/projections/projection.ts';

export interface ConnectionsTable {
  id: string;
  pair_key: string;
  from_user_id: string;
  to_user_id: string;
  status: ConnectionStatus;
  message: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  position: number;
}

export interface ConnectionsTables {
  connections: ConnectionsTable;
}

export type ConnectionRow = Selectable<ConnectionsTable>;

type Answer = RecordedOfType<
  PairEvent,
  'ConnectionAccepted' | 'ConnectionDeclined' | 'ConnectionWithdrawn' | 'ConnectionEnded'
>;

/** Moves a connection to `status` once: the position guard makes a replayed event a no-op. */
function setStatus(status: ConnectionStatus) {
  return async (db: ProjectionDb, { data, position, metadata }: Answer) => {
    await db
      .updateTable('connections')
      .set({ status, updated_at: metadata.occurredAt, position })
      .where('id', '=', data.connectionId)
      .where('position', '<', position)
      .execute();
  };
}

/** Every connection request and what became of it: the lists of GET /api/connections. */
export const connectionsProjection = defineProjection({
  name: 'connections',
  version: 1,
  tables: ['connections'],
  events: pairEvents,
  handlers: {
    ConnectionRequested: async (db, { data, metadata, position }) => {
      await db
        .insertInto('connections')
        .values({
          id: data.connectionId,
          pair_key: pairKey(data.fromUserId, data.toUserId),
          from_user_id: data.fromUserId,
          to_user_id: data.toUserId,
          status: 'pending',
          message: data.message,
          created_at: metadata.occurredAt,
          updated_at: metadata.occurredAt,
          position,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },
    ConnectionAccepted: setStatus('accepted'),
    ConnectionDeclined: setStatus('declined'),
    ConnectionWithdrawn: setStatus('withdrawn'),
    ConnectionEnded: setStatus('ended'),
  },
});

export async function findConnection(db: Db, id: string): Promise<ConnectionRow | undefined> {
  return db.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A person's open requests (both ways) and accepted connections, newest first. */
export async function listConnectionsOf(db: Db, userId: string): Promise<ConnectionRow[]> {
  return db
    .selectFrom('connections')
    .selectAll()
    .where((w) =>
      w.or([
        w.and([w('to_user_id', '=', userId), w('status', 'in', ['pending', 'accepted'])]),
        w.and([w('from_user_id', '=', userId), w('status', 'in', ['pending', 'accepted'])]),
      ]),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}
