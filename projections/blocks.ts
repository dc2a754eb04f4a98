import { sql } from 'kysely';
import { pairEvents } from '../src/features/connections/events.ts';
import type { Db } from '../src/platform/db/database.ts';
import type { Timestamp } from '../src/platform/db/schema.ts';
import { defineProjection } from '../src/platform/projections/projection.ts';

export interface UserBlocksTable {
  blocker_id: string;
  blocked_id: string;
  created_at: Timestamp;
}

export interface BlocksTables {
  user_blocks: UserBlocksTable;
}

/** Who blocked whom: hides people from each other in matches and lists. */
export const blocksProjection = defineProjection({
  name: 'blocks',
  version: 1,
  tables: ['user_blocks'],
  events: pairEvents,
  handlers: {
    UserBlocked: async (db, { data, metadata }) => {
      await db
        .insertInto('user_blocks')
        .values({ blocker_id: data.blockerId, blocked_id: data.blockedId, created_at: metadata.occurredAt })
        .onConflict((oc) => oc.columns(['blocker_id', 'blocked_id']).doNothing())
        .execute();
    },
    UserUnblocked: async (db, { data }) => {
      await db
        .deleteFrom('user_blocks')
        .where('blocker_id', '=', data.blockerId)
        .where('blocked_id', '=', data.blockedId)
        .execute();
    },
  },
});

/** True when either of the two has blocked the other. */
export async function isBlockedEitherWay(db: Db, a: string, b: string): Promise<boolean> {
  const row = await db
    .selectFrom('user_blocks')
    .select(sql<number>`1`.as('one'))
    .where((w) =>
      w.or([
        w.and([w('blocker_id', '=', a), w('blocked_id', '=', b)]),
        w.and([w('blocker_id', '=', b), w('blocked_id', '=', a)]),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/** The people `blockerId` has blocked, most recent first. */
export async function listBlockedBy(db: Db, blockerId: string) {
  return db
    .selectFrom('user_blocks')
    .select(['blocked_id', 'created_at'])
    .where('blocker_id', '=', blockerId)
    .orderBy('created_at', 'desc')
    .orderBy('blocked_id')
    .execute();
}
