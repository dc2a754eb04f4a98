import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityLogProjection } from '../../projections/activity-log.ts';
import { usersProjection } from '../../projections/users.ts';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts';
import { PostgresEventStore } from '../../src/platform/event-store/postgres.ts';
import type { Projection } from '../../src/platform/projections/projection.ts';
import {
  PROJECTION_PROGRESS_CHANNEL,
  ProjectionRunner,
  type BatchOutcome,
} from '../../src/platform/projections/runner.ts';
import { PgNotifyBroadcast } from '../../src/platform/realtime/broadcast.ts';
import { copyPgliteTemplate, createTestDatabase } from '../support/database.ts';
import { replayOverKeptTables } from '../support/replay.ts';
import { appendTestEvents } from '../support/events.ts';
import { createSeenTable, seenPositions, seenProjection } from '../support/seen-projection.ts';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('projection runner', () => {
  let database: DatabaseHandle & { url?: string };
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    store = await PostgresEventStore.create({ db: database.db, pool: database.pool });
  });
  afterAll(async () => {
    await store.close();
    await database.close();
  });

  it('catches up, then applies live events, each exactly once', async () => {
    await createSeenTable(database.db, 'seen_live');
    const start = await store.headPosition();
    await appendTestEvents(store, 2_500, { perAppend: 50 });
    const runner = new ProjectionRunner(database.db, store, [seenProjection('seen_live')]);
    await runner.start();
    expect(await runner.catchUp()).toBe(true);
    await appendTestEvents(store, 30, { perAppend: 1 });
    expect(await runner.catchUp()).toBe(true);
    await runner.stop();
    const head = await store.headPosition();
    expect(start).toBe(0);
    expect(await seenPositions(database.db, 'seen_live')).toEqual(range(1, head));
    const checkpoint = await database.db
      .selectFrom('projection_checkpoints')
      .selectAll()
      .where('name', '=', 'seen_live')
      .executeTakeFirstOrThrow();
    expect(Number(checkpoint.position)).toBe(head);
  });

  it('a projection that fails stops alone, reports its error, and resumes after a fix with no duplicate and no gap', async () => {
    await createSeenTable(database.db, 'seen_flaky');
    await createSeenTable(database.db, 'seen_steady');
    const start = await store.headPosition();
    await appendTestEvents(store, 300, { perAppend: 100 });
    const failAt = start + 150; // the middle of a batch: rows before it were written in the same transaction
    let broken = true;
    const flaky = seenProjection('seen_flaky', (position) => {
      if (broken && position === failAt) throw new Error('handler bug');
    });
    const runner = new ProjectionRunner(database.db, store, [flaky, seenProjection('seen_steady')]);
    await runner.start();
    await runner.waitFor(start + 300, { names: ['seen_steady'] });
    await expect.poll(() => runner.status().find((s) => s.name === 'seen_flaky')?.status).toBe('failed');

    const flakyStatus = runner.status().find((s) => s.name === 'seen_flaky')!;
    expect(flakyStatus.lastError).toBe('handler bug');
    expect(flakyStatus.position).toBeLessThan(failAt);
    const stored = await database.db
      .selectFrom('projection_checkpoints')
      .selectAll()
      .where('name', '=', 'seen_flaky')
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ status: 'failed', last_error: 'handler bug' });
    // The failed batch left nothing behind: the table ends exactly at the checkpoint.
    expect(await seenPositions(database.db, 'seen_flaky')).toEqual(range(1, flakyStatus.position));
    expect(await seenPositions(database.db, 'seen_steady')).toEqual(range(1, start + 300));

    broken = false;
    await runner.restart('seen_flaky');
    expect(await runner.catchUp()).toBe(true);
    await runner.stop();
    expect(await seenPositions(database.db, 'seen_flaky')).toEqual(range(1, await store.headPosition()));
  });

  it('after the process dies in the middle of a batch, it resumes with no duplicate and no gap', async () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'skillswap-crash-'));
    // A database of its own that a child process can open: a PGlite folder, or the test's server database.
    const target = database.url ?? path.join(scratch, 'pglite');
    if (!database.url) copyPgliteTemplate(target); // migrated (tests/support/global-setup.ts)
    const own = database.url ? database : await openDatabase({ pgliteDir: target });
    try {
      const ownStore = database.url ? store : await PostgresEventStore.create({ db: own.db });
      await createSeenTable(own.db, 'seen_crash');
      const start = await ownStore.headPosition();
      await appendTestEvents(ownStore, 1_500, { perAppend: 100 });
      const crashAt = start + 1_200; // inside the second batch of 1,000
      if (!database.url) {
        await ownStore.close();
        await own.close(); // PGlite is single-process: hand the folder to the child
      }

      const run = promisify(execFile);
      const worker = path.join(import.meta.dirname, '../support/crash-worker.ts');
      const crashed = await run('node', ['--import', 'tsx', worker, target, String(crashAt)]).then(
        () => 0,
        (error: { code?: number }) => error.code,
      );
      expect(crashed).toBe(9);

      const after = database.url ? own : await openDatabase({ pgliteDir: target });
      const afterStore = database.url ? store : await PostgresEventStore.create({ db: after.db });
      const checkpoint = await after.db
        .selectFrom('projection_checkpoints')
        .select('position')
        .where('name', '=', 'seen_crash')
        .executeTakeFirstOrThrow();
      // Earlier batches committed; the one holding crashAt did not, and left no row behind.
      const committed = Number(checkpoint.position);
      expect(committed).toBeLessThan(crashAt);
      expect(committed).toBeGreaterThan(start);
      expect(await seenPositions(after.db, 'seen_crash')).toEqual(range(1, committed));

      const runner = new ProjectionRunner(after.db, afterStore, [seenProjection('seen_crash')]);
      await runner.start();
      expect(await runner.catchUp()).toBe(true);
      await runner.stop();
      expect(await seenPositions(after.db, 'seen_crash')).toEqual(range(1, start + 1_500));
      if (!database.url) {
        await afterStore.close();
        await after.close();
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('a version bump rebuilds from zero', async () => {
    await createSeenTable(database.db, 'seen_versioned');
    const v1 = seenProjection('seen_versioned');
    const first = new ProjectionRunner(database.db, store, [v1]);
    await first.start();
    await first.catchUp();
    await first.stop();
    const before = await seenPositions(database.db, 'seen_versioned');
    const v2: Projection = { ...v1, version: 2 };
    const second = new ProjectionRunner(database.db, store, [v2]);
    await second.start();
    await second.catchUp();
    await second.stop();
    expect(await seenPositions(database.db, 'seen_versioned')).toEqual(before);
    const row = await database.db
      .selectFrom('projection_checkpoints')
      .selectAll()
      .where('name', '=', 'seen_versioned')
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(2);
  });

  it('on stopping, stores a position it passed idle, but never moves a checkpoint another process moved further', async () => {
    await createSeenTable(database.db, 'seen_idle');
    const idle: Projection = { ...seenProjection('seen_idle'), handles: ['NeverHappens'] };
    const stored = async () =>
      Number(
        (
          await database.db
            .selectFrom('projection_checkpoints')
            .select('position')
            .where('name', '=', 'seen_idle')
            .executeTakeFirstOrThrow()
        ).position,
      );
    const first = new ProjectionRunner(database.db, store, [idle]);
    await first.start();
    await appendTestEvents(store, 5, { perAppend: 1 });
    expect(await first.catchUp()).toBe(true);
    const head = await store.headPosition();
    await first.stop();
    expect(await stored()).toBe(head);

    // Behind another process: it applied (or passed) 100 events this one has not read yet.
    const second = new ProjectionRunner(database.db, store, [idle]);
    await second.start();
    await appendTestEvents(store, 5, { perAppend: 1 });
    expect(await second.catchUp()).toBe(true);
    await database.db
      .updateTable('projection_checkpoints')
      .set({ position: head + 105 })
      .where('name', '=', 'seen_idle')
      .execute();
    await second.stop();
    expect(await stored()).toBe(head + 105);
  });

  it('waitFor answers false when the position is not reached in time', async () => {
    const runner = new ProjectionRunner(database.db, store, [activityLogProjection]);
    await runner.start();
    await runner.catchUp();
    const head = await store.headPosition();
    expect(await runner.waitFor(head)).toBe(true);
    expect(await runner.waitFor(head + 1, { timeoutMs: 100 })).toBe(false);
    await runner.stop();
  });
});

// Two app processes on one server: what one applied and announced, the other takes without a transaction of
// its own; when the one applying stops, the other applies again after a short wait.
describe.skipIf(!process.env.DATABASE_URL)('two runners on one Postgres server', () => {
  it('apply every event exactly once, and one follows the other by its announcements', async () => {
    const database = await createTestDatabase();
    const store = await PostgresEventStore.create({ db: database.db, pool: database.pool });
    const broadcast = new PgNotifyBroadcast(database.pool!, PROJECTION_PROGRESS_CHANNEL);
    try {
      await broadcast.ready();
      await createSeenTable(database.db, 'seen_pair');
      const outcomes = new Map<string, number>();
      const runners = ['a', 'b'].map(
        (runner) =>
          new ProjectionRunner(database.db, store, [seenProjection('seen_pair')], undefined, {
            progress: broadcast,
            onBatch: (_name: string, outcome: BatchOutcome) =>
              outcomes.set(`${runner} ${outcome}`, (outcomes.get(`${runner} ${outcome}`) ?? 0) + 1),
          }),
      );
      for (const runner of runners) await runner.start();
      for (let i = 0; i < 30; i++) {
        await appendTestEvents(store, 5, { perAppend: 5 });
        for (const runner of runners) expect(await runner.catchUp()).toBe(true);
      }
      const followed = (outcomes.get('a followed') ?? 0) + (outcomes.get('b followed') ?? 0);
      expect(followed).toBeGreaterThan(0);

      // The one that applied stops: the other applies again.
      const leader = (outcomes.get('a applied') ?? 0) >= (outcomes.get('b applied') ?? 0) ? 0 : 1;
      await runners[leader]!.stop();
      const other = runners[1 - leader]!;
      for (let i = 0; i < 5; i++) {
        await appendTestEvents(store, 5, { perAppend: 5 });
        expect(await other.catchUp()).toBe(true);
      }
      await other.stop();
      expect(await seenPositions(database.db, 'seen_pair')).toEqual(range(1, await store.headPosition()));
    } finally {
      await broadcast.close();
      await store.close();
      await database.close();
    }
  });
});

describe('identity read models', () => {
  let database: DatabaseHandle;
  let store: PostgresEventStore;
  const projections = [usersProjection, activityLogProjection];
  const snapshot = async () => ({
    users: (await sql`select * from users order by id`.execute(database.db)).rows,
    skills: (await sql`select * from user_skills order by user_id, kind, normalized`.execute(database.db))
      .rows,
    activity: (await sql`select * from activity_log order by position`.execute(database.db)).rows,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    store = await PostgresEventStore.create({ db: database.db, pool: database.pool });
  });
  afterAll(async () => {
    await store.close();
    await database.close();
  });

  it('a rebuild yields exactly the tables the live run built, and replaying every event again changes nothing', async () => {
    const runner = new ProjectionRunner(database.db, store, projections);
    await runner.start();
    // Live: events arrive in waves while the projections run.
    const { writeIdentityHistory } = await import('../support/identity-history.ts');
    for (let wave = 0; wave < 4; wave++) {
      await writeIdentityHistory(store, 5, wave);
      await runner.catchUp();
    }
    const live = await snapshot();
    expect(live.users).toHaveLength(20);
    expect(live.skills.length).toBeGreaterThan(20);

    for (const name of runner.names) await runner.rebuild(name);
    await runner.catchUp();
    expect(await snapshot()).toEqual(live);

    // Idempotence: move the checkpoints back to zero without emptying the tables, so every event applies twice.
    await runner.stop();
    await replayOverKeptTables(database.db, store, projections);
    expect(await snapshot()).toEqual(live);
  });
});
