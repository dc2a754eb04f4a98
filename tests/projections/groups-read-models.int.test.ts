import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docMessagePage, docMessagesProjection, searchTerms } from '../../projections/doc-messages.ts';
import { groupsOf, groupsProjection, membersOf } from '../../projections/groups.ts';
import { usersProjection } from '../../projections/users.ts';
import { groupStream } from '../../src/features/groups/events.ts';
import { decideGroup, type GroupCommand } from '../../src/features/groups/group.decide.ts';
import { groupAggregate } from '../../src/features/groups/group.ts';
import { handleCommand } from '../../src/platform/commands.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import type { RecordedEvent } from '../../src/platform/event-store/port.ts';
import { PostgresEventStore } from '../../src/platform/event-store/postgres.ts';
import type { Projection } from '../../src/platform/projections/projection.ts';
import { createTestDatabase } from '../support/database.ts';
import { docMessages } from '../support/doc-message-events.ts';
import { systemMetadata } from '../support/events.ts';
import { userEventsFor } from '../support/user-commands.ts';

const projections: Projection[] = [usersProjection, groupsProjection, docMessagesProjection];
const known = { exists: true, blockedEitherWay: false };

describe('groups and doc-messages read models', () => {
  let database: DatabaseHandle & { url?: string };
  let store: PostgresEventStore;
  let history: RecordedEvent[];
  const [ada, bob, cy] = [randomUUID(), randomUUID(), randomUUID()];
  const groupId = randomUUID();
  const ids: Record<string, string> = {};

  const group = (command: GroupCommand) =>
    handleCommand(
      store,
      groupStream(groupId),
      groupAggregate,
      (s) => decideGroup(command, s),
      systemMetadata(),
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    store = await PostgresEventStore.create({ db: database.db, pool: database.pool });
    for (const [userId, displayName] of [
      [ada, 'Ada'],
      [bob, 'Bob'],
      [cy, 'Cy'],
    ] as const) {
      await userEventsFor(store, userId, [
        {
          type: 'RegisterUser',
          userId,
          email: `${displayName}-${userId}@example.com`,
          displayName,
          passwordHash: 'x',
          role: 'user',
        },
      ]);
    }
    await group({ type: 'CreateGroup', groupId, name: 'Chess', description: '', by: ada });
    await group({ type: 'AddMember', userId: bob, by: ada, target: known });
    await group({ type: 'AddMember', userId: cy, by: ada, target: known });
    await group({ type: 'RemoveMember', userId: cy, by: ada });
    await group({ type: 'AddMember', userId: cy, by: ada, target: known });
    await group({ type: 'RenameGroup', name: 'Chess & Go', by: ada });
    await group({ type: 'LeaveGroup', by: ada }); // bob takes over as admin

    const chat = docMessages(store, `group-${groupId}`);
    const wall = docMessages(store, 'wall');
    ids.kept = (await chat.post(bob, 'Señor Müller plays the Sicilian')).id;
    ids.edited = (await chat.post(cy, 'first draft')).id;
    ids.deleted = (await chat.post(cy, 'regrettable')).id;
    await chat.edit(ids.edited, 'final text');
    await chat.edit(ids.edited, 'final text, really');
    await chat.remove(ids.deleted, bob);
    await chat.edit(ids.deleted, 'edit after delete is ignored');
    ids.wall = (await wall.post(ada, 'hello wall')).id;
    history = await store.readAll();
  });

  afterAll(async () => {
    await store.close();
    await database.close();
  });

  async function applyAll(events: readonly RecordedEvent[]) {
    await database.db.transaction().execute(async (trx) => {
      for (const p of projections) {
        const handles = p.handles;
        await p.apply(
          trx,
          events.filter((e) => handles === 'all' || handles.includes(e.type)),
        );
      }
    });
  }

  async function reset() {
    for (const p of projections)
      for (const table of p.tables) await sql`delete from ${sql.table(table)}`.execute(database.db);
  }

  async function snapshot() {
    const db = database.db;
    return {
      groups: await db.selectFrom('groups').selectAll().orderBy('id').execute(),
      members: await db.selectFrom('group_members').selectAll().orderBy('user_id').execute(),
      messages: await db
        .selectFrom('doc_messages')
        .select(['doc', 'id', 'text', 'edited_at', 'deleted_at', 'deleted_by', 'seq', 'position'])
        .select(sql<string>`search::text`.as('search'))
        .orderBy('seq')
        .execute(),
    };
  }

  it('applying every event twice, or the whole history twice, gives the same tables as once', async () => {
    await reset();
    await applyAll(history);
    const once = await snapshot();
    expect(once.groups).toHaveLength(1);
    expect(once.messages).toHaveLength(4);

    await reset();
    await applyAll(history.flatMap((e) => [e, e]));
    expect(await snapshot()).toEqual(once);

    await reset();
    await applyAll(history);
    await applyAll(history);
    expect(await snapshot()).toEqual(once);
  });

  it('a redelivered old event, applied alone after the whole history, changes nothing', async () => {
    await reset();
    await applyAll(history);
    const once = await snapshot();
    for (const event of history) {
      await applyAll([event]);
      expect(await snapshot(), `${event.type} at ${event.position}`).toEqual(once);
    }
  });

  it('holds the members with their roles after leaves, removals and re-adds', async () => {
    await reset();
    await applyAll(history);
    const members = await membersOf(database.db, groupId);
    expect(members.map((m) => [m.displayName, m.role])).toEqual([
      ['Bob', 'admin'],
      ['Cy', 'member'],
    ]);
    expect(await groupsOf(database.db, ada)).toEqual([]);
    expect(await groupsOf(database.db, cy)).toEqual([
      expect.objectContaining({ id: groupId, name: 'Chess & Go', memberCount: 2, role: 'member' }),
    ]);
  });

  it('pages and searches messages; a deleted one loses its text and stays deleted', async () => {
    await reset();
    await applyAll(history);
    const page = await docMessagePage(database.db, { doc: `group-${groupId}`, limit: 10 });
    expect(page?.messages.map((m) => m.text)).toEqual([
      'Señor Müller plays the Sicilian',
      'final text, really',
    ]);
    const search = (q: string) =>
      docMessagePage(database.db, { doc: `group-${groupId}`, limit: 10, query: searchTerms(q) });
    expect((await search('senor MULLER'))?.messages.map((m) => m.id)).toEqual([ids.kept]);
    expect((await search('draft'))?.messages).toEqual([]);
    expect((await search('regret'))?.messages).toEqual([]);
    const tombstone = await database.db
      .selectFrom('doc_messages')
      .selectAll()
      .where('id', '=', ids.deleted!)
      .executeTakeFirstOrThrow();
    expect(tombstone).toMatchObject({ text: '', deleted_by: bob });
    const wall = await docMessagePage(database.db, { doc: 'wall', limit: 10 });
    expect(wall?.messages.map((m) => [m.text, m.authorName])).toEqual([['hello wall', 'Ada']]);
  });
});
