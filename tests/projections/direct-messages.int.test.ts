import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directMessagesProjection, findConversations } from '../../projections/direct-messages.ts';
import { pairKey } from '../../src/features/connections/events.ts';
import type { DirectMessageEvent } from '../../src/features/messages/events.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import type { RecordedEvent } from '../../src/platform/event-store/port.ts';
import { createTestDatabase } from '../support/database.ts';

const ana = 'a0000000-0000-4000-8000-000000000001';
const bo = 'b0000000-0000-4000-8000-000000000002';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (minute: number) => `2026-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

function recorded(events: DirectMessageEvent[]): RecordedEvent[] {
  return events.map((event, i) => ({
    ...event,
    id: id(1000 + i),
    streamName: `dm-${pairKey(ana, bo)}`,
    revision: i,
    position: i + 1,
    recordedAt: at(i),
    metadata: {
      actorId: null,
      actorRole: 'system',
      correlationId: 'c',
      causationId: null,
      occurredAt: at(i),
      schemaVersion: 1,
    },
  }));
}

const sent = (n: number, from: string, to: string): DirectMessageEvent => ({
  type: 'DirectMessageSent',
  data: { messageId: id(n), fromUserId: from, toUserId: to, seq: n, body: `message ${n}` },
});
const history = recorded([
  sent(1, ana, bo),
  sent(2, ana, bo),
  sent(3, bo, ana),
  sent(4, ana, bo),
  { type: 'DirectMessageEdited', data: { messageId: id(1), fromUserId: ana, toUserId: bo, body: 'edited' } },
  { type: 'DirectMessagesRead', data: { readerId: bo, otherUserId: ana, upToMessageId: id(2), upToSeq: 2 } },
  { type: 'DirectMessageDeleted', data: { messageId: id(4), fromUserId: ana, toUserId: bo } },
  sent(5, ana, bo),
]);

describe('direct-messages projection', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  async function run(batches: RecordedEvent[][]) {
    await database.db.deleteFrom('direct_messages').execute();
    await database.db.deleteFrom('dm_conversations').execute();
    for (const batch of batches) {
      await database.db.transaction().execute((trx) => directMessagesProjection.apply(trx, batch));
    }
    const messages = await database.db.selectFrom('direct_messages').selectAll().orderBy('seq').execute();
    const conversations = await database.db
      .selectFrom('dm_conversations')
      .selectAll()
      .orderBy('owner_id')
      .execute();
    return { messages, conversations };
  }

  it('builds messages, conversations with unread counts and read receipts', async () => {
    const { messages, conversations } = await run([history]);
    expect(messages.map((m) => [m.seq, m.body, m.deleted, m.read_at !== null])).toEqual([
      [1, 'edited', false, true],
      [2, 'message 2', false, true],
      [3, 'message 3', false, false],
      [4, '', true, false],
      [5, 'message 5', false, false],
    ]);
    expect(messages[0]!.edited_at).toEqual(new Date(at(4)));
    expect(messages[1]!.read_at).toEqual(new Date(at(5)));
    expect(conversations.map((c) => [c.owner_id, c.last_seq, c.read_up_to, c.unread])).toEqual([
      [ana, 5, 0, 1],
      [bo, 5, 2, 1],
    ]);
    const list = await findConversations(database.db, bo);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ other_id: ana, unread: 1, id: id(5), body: 'message 5' });
  });

  it('is idempotent: every event applied twice, or the whole log replayed, gives the same tables', async () => {
    const once = await run([history]);
    expect(await run(history.map((e) => [e, e]))).toEqual(once);
    expect(await run([history, history])).toEqual(once);
    expect(await run(history.map((e) => [e]).concat([history]))).toEqual(once);
  });
});
