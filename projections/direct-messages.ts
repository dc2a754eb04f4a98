import { sql, type Generated, type Selectable } from 'kysely';
import { pairKey } from '../src/features/connections/events.ts';
import { directMessageEvents } from '../src/features/messages/events.ts';
import type { Db } from '../src/platform/db/database.ts';
import type { Timestamp } from '../src/platform/db/schema.ts';
import { defineProjection, type ProjectionDb } from '../src/platform/projections/projection.ts';

export interface DirectMessagesTable {
  id: string;
  pair_key: string;
  seq: number;
  from_id: string;
  to_id: string;
  body: string;
  sent_at: Timestamp;
  edited_at: Timestamp | null;
  deleted: Generated<boolean>;
  read_at: Timestamp | null;
  /** Position of the last event applied to the row: replays of older events leave it alone. */
  position: number;
}

/** One row per person per conversation: what their conversation list shows. */
export interface DmConversationsTable {
  owner_id: string;
  other_id: string;
  pair_key: string;
  last_message_id: string;
  last_seq: number;
  last_at: Timestamp;
  read_up_to: Generated<number>;
  unread: Generated<number>;
}

export interface DirectMessagesTables {
  direct_messages: DirectMessagesTable;
  dm_conversations: DmConversationsTable;
}

/** Unread is recomputed from the messages, never incremented: applying an event twice changes nothing. */
async function recountUnread(db: ProjectionDb, ownerId: string, otherId: string): Promise<void> {
  await db
    .updateTable('dm_conversations as c')
    .set({
      unread: sql<number>`(select count(*)::int from direct_messages m
        where m.pair_key = c.pair_key and m.to_id = c.owner_id and m.seq > c.read_up_to and not m.deleted)`,
    })
    .where('c.owner_id', '=', ownerId)
    .where('c.other_id', '=', otherId)
    .execute();
}

/** Direct messages, each person's conversations with unread counts and last message, and read receipts. */
export const directMessagesProjection = defineProjection({
  name: 'direct-messages',
  version: 1,
  tables: ['direct_messages', 'dm_conversations'],
  events: directMessageEvents,
  handlers: {
    DirectMessageSent: async (db, e) => {
      const { messageId, fromUserId, toUserId, seq, body } = e.data;
      const key = pairKey(fromUserId, toUserId);
      const at = e.metadata.occurredAt;
      await db
        .insertInto('direct_messages')
        .values({
          id: messageId,
          pair_key: key,
          seq,
          from_id: fromUserId,
          to_id: toUserId,
          body,
          sent_at: at,
          position: e.position,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      const last = { pair_key: key, last_message_id: messageId, last_seq: seq, last_at: at };
      await db
        .insertInto('dm_conversations')
        .values([
          { owner_id: fromUserId, other_id: toUserId, ...last },
          { owner_id: toUserId, other_id: fromUserId, ...last },
        ])
        .onConflict((oc) =>
          oc
            .columns(['owner_id', 'other_id'])
            .doUpdateSet((eb) => ({
              last_message_id: eb.ref('excluded.last_message_id'),
              last_seq: eb.ref('excluded.last_seq'),
              last_at: eb.ref('excluded.last_at'),
            }))
            .where('dm_conversations.last_seq', '<', (eb) => eb.ref('excluded.last_seq')),
        )
        .execute();
      await recountUnread(db, toUserId, fromUserId);
    },
    DirectMessageEdited: async (db, e) => {
      await db
        .updateTable('direct_messages')
        .set({ body: e.data.body, edited_at: e.metadata.occurredAt, position: e.position })
        .where('id', '=', e.data.messageId)
        .where('position', '<', e.position)
        .execute();
    },
    DirectMessageDeleted: async (db, e) => {
      await db
        .updateTable('direct_messages')
        .set({ body: '', deleted: true, position: e.position })
        .where('id', '=', e.data.messageId)
        .where('position', '<', e.position)
        .execute();
      await recountUnread(db, e.data.toUserId, e.data.fromUserId);
    },
    DirectMessagesRead: async (db, e) => {
      const { readerId, otherUserId, upToSeq } = e.data;
      await db
        .updateTable('dm_conversations')
        .set({ read_up_to: sql<number>`greatest(read_up_to, ${upToSeq})` })
        .where('owner_id', '=', readerId)
        .where('other_id', '=', otherUserId)
        .execute();
      await recountUnread(db, readerId, otherUserId);
      await db
        .updateTable('direct_messages')
        .set({ read_at: e.metadata.occurredAt })
        .where('pair_key', '=', pairKey(readerId, otherUserId))
        .where('to_id', '=', readerId)
        .where('seq', '<=', upToSeq)
        .where('read_at', 'is', null)
        .execute();
    },
  },
});

export type DirectMessageRow = Selectable<DirectMessagesTable>;

const messageColumns = [
  'id',
  'from_id',
  'to_id',
  'body',
  'sent_at',
  'edited_at',
  'deleted',
  'read_at',
  'seq',
] as const;

/** A page of one conversation, oldest first: the `limit` messages just before `beforeSeq` (or the newest). */
export async function findConversationMessages(
  db: Db,
  key: string,
  options: { beforeSeq?: number | undefined; limit: number },
) {
  let query = db
    .selectFrom('direct_messages')
    .select(messageColumns)
    .where('pair_key', '=', key)
    .orderBy('seq', 'desc')
    .limit(options.limit);
  if (options.beforeSeq !== undefined) query = query.where('seq', '<', options.beforeSeq);
  return (await query.execute()).reverse();
}

export async function findDirectMessage(db: Db, id: string) {
  return db
    .selectFrom('direct_messages')
    .select([...messageColumns, 'pair_key'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A person's conversations, most recent first, without people blocked either way. */
export async function findConversations(db: Db, ownerId: string, limit = 200) {
  return db
    .selectFrom('dm_conversations as c')
    .innerJoin('direct_messages as m', 'm.id', 'c.last_message_id')
    .select(['c.other_id', 'c.unread', ...messageColumns.map((col) => `m.${col}` as const)])
    .where('c.owner_id', '=', ownerId)
    .where((w) =>
      w.not(
        w.exists(
          w
            .selectFrom('user_blocks as b')
            .select(sql<number>`1`.as('one'))
            .where((b) =>
              b.or([
                b.and([b('b.blocker_id', '=', ownerId), b('b.blocked_id', '=', b.ref('c.other_id'))]),
                b.and([b('b.blocker_id', '=', b.ref('c.other_id')), b('b.blocked_id', '=', ownerId)]),
              ]),
            ),
        ),
      ),
    )
    .orderBy('c.last_at', 'desc')
    .limit(limit)
    .execute();
}
