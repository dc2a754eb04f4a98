import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksProjection, isBlockedEitherWay, listBlockedBy } from '../../projections/blocks.ts';
import { connectionsProjection, findConnection, listConnectionsOf } from '../../projections/connections.ts';
import { pairStream } from '../../src/features/connections/events.ts';
import { decidePair, type PairCommand } from '../../src/features/connections/pair.decide.ts';
import { pairAggregate } from '../../src/features/connections/pair.ts';
import { handleCommand } from '../../src/platform/commands.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { PostgresEventStore } from '../../src/platform/event-store/postgres.ts';
import { ProjectionRunner } from '../../src/platform/projections/runner.ts';
import { createTestDatabase } from '../support/database.ts';
import { replayOverKeptTables } from '../support/replay.ts';
import { systemMetadata } from '../support/events.ts';

describe('connections and blocks read models', () => {
  let database: DatabaseHandle;
  let store: PostgresEventStore;
  const projections = [connectionsProjection, blocksProjection];
  const snapshot = async () => ({
    connections: (await sql`select * from connections order by id`.execute(database.db)).rows,
    blocks: (await sql`select * from user_blocks order by blocker_id, blocked_id`.execute(database.db)).rows,
  });
  const run = (a: string, b: string, command: PairCommand) =>
    handleCommand(store, pairStream(a, b), pairAggregate, (s) => decidePair(command, s), systemMetadata());

  beforeAll(async () => {
    database = await createTestDatabase();
    store = await PostgresEventStore.create({ db: database.db, pool: database.pool });
  });
  afterAll(async () => {
    await store.close();
    await database.close();
  });

  it('follows each request to its end, and a rebuild or a replay of every event changes nothing', async () => {
    const [ana, bo, cy, dee] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const ids = { ab: randomUUID(), ac: randomUUID(), ad: randomUUID(), ba: randomUUID() };
    const request = (id: string, from: string, to: string, message: string | null = null): PairCommand => ({
      type: 'RequestConnection',
      connectionId: id,
      fromUserId: from,
      toUserId: to,
      message,
    });

    const runner = new ProjectionRunner(database.db, store, projections);
    await runner.start();
    await run(ana, bo, request(ids.ab, ana, bo, 'hi'));
    await run(ana, cy, request(ids.ac, ana, cy));
    await run(dee, ana, request(ids.ad, dee, ana));
    await runner.catchUp();
    await run(ana, bo, { type: 'AcceptConnection', connectionId: ids.ab, byUserId: bo });
    await run(ana, cy, { type: 'DeclineConnection', connectionId: ids.ac, byUserId: cy });
    await run(ana, bo, { type: 'RemoveConnection', connectionId: ids.ab, byUserId: ana });
    await run(ana, bo, request(ids.ba, bo, ana));
    await run(ana, bo, { type: 'AcceptConnection', connectionId: ids.ba, byUserId: ana });
    await run(ana, dee, { type: 'BlockUser', blockerId: ana, blockedId: dee });
    await run(ana, cy, { type: 'BlockUser', blockerId: cy, blockedId: ana });
    await run(ana, cy, { type: 'UnblockUser', blockerId: cy, blockedId: ana });
    expect(await runner.catchUp()).toBe(true);

    const status = async (id: string) => (await findConnection(database.db, id))?.status;
    expect(await status(ids.ab)).toBe('ended');
    expect(await status(ids.ac)).toBe('declined');
    expect(await status(ids.ad)).toBe('declined');
    expect(await status(ids.ba)).toBe('accepted');
    expect((await findConnection(database.db, ids.ab))?.message).toBe('hi');
    expect((await listConnectionsOf(database.db, ana)).map((r) => r.id)).toEqual([ids.ba]);
    expect((await listBlockedBy(database.db, ana)).map((r) => r.blocked_id)).toEqual([dee]);
    expect(await isBlockedEitherWay(database.db, dee, ana)).toBe(true);
    expect(await isBlockedEitherWay(database.db, cy, ana)).toBe(false);
    const live = await snapshot();
    expect(live.connections).toHaveLength(4);

    for (const name of runner.names) await runner.rebuild(name);
    await runner.catchUp();
    expect(await snapshot()).toEqual(live);

    // Idempotence: checkpoints back to zero with the tables kept, so every event applies a second time.
    await runner.stop();
    await replayOverKeptTables(database.db, store, projections);
    expect(await snapshot()).toEqual(live);
  });
});
