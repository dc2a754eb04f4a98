import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { PostgresEventStore } from '../../src/platform/event-store/postgres.ts';
import type { Projection } from '../../src/platform/projections/projection.ts';
import { ProjectionRunner } from '../../src/platform/projections/runner.ts';
import { createTestDatabase } from '../support/database.ts';
import { appendTestEvents } from '../support/events.ts';

const EVENTS = 20_000;

/** One row per event, labelled with the projection version that wrote it; `failAt` breaks a handler. */
function labelled(version: number, failAt?: () => number | undefined): Projection {
  return {
    name: 'labelled',
    version,
    tables: ['labelled_rows' as never],
    handles: ['TestHappened'],
    async apply(db, events) {
      const broken = failAt?.();
      if (broken !== undefined && events.some((e) => e.position === broken))
        throw new Error(`cannot label event ${broken}`);
      const rows = events.map((e) => sql`(${e.position}, ${`v${version}`})`);
      await sql`insert into labelled_rows (position, label) values ${sql.join(rows)}
        on conflict (position) do nothing`.execute(db);
    },
  };
}

describe('blue/green rebuild', () => {
  let database: DatabaseHandle;
  let store: PostgresEventStore;
  const read = async () =>
    (
      await sql<{ label: string; rows: number }>`
        select label, count(*)::int as rows from labelled_rows group by label order by label`.execute(
        database.db,
      )
    ).rows;
  const shadowSchemas = async () =>
    (
      await sql<{
        name: string;
      }>`select nspname as name from pg_namespace where nspname like 'rebuild_%'`.execute(database.db)
    ).rows;
  /** Reads the read model over and over until `until` settles; every answer, in order. */
  const readWhile = async (until: Promise<unknown>, onRead: () => void = () => undefined) => {
    let settled = false;
    void until.finally(() => (settled = true));
    const answers: { label: string; rows: number }[][] = [];
    while (!settled) {
      onRead();
      answers.push(await read());
      // Readers arrive as I/O does: let timers and the runner's turns in between (PGlite answers in microtasks).
      await new Promise((resolve) => setImmediate(resolve));
    }
    answers.push(await read());
    return answers;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    store = await PostgresEventStore.create({ db: database.db, pool: database.pool });
    await sql`create table labelled_rows (position bigint primary key, label text not null)`.execute(
      database.db,
    );
    await appendTestEvents(store, EVENTS, { perAppend: 1_000 });
  });
  afterAll(async () => {
    await store.close();
    await database.close();
  });

  it('a new version builds beside the old tables: reads answer with the old rows until one atomic switch', async () => {
    const v1 = new ProjectionRunner(database.db, store, [labelled(1)]);
    await v1.start();
    expect(await v1.catchUp()).toBe(true);
    await v1.stop();
    expect(await read()).toEqual([{ label: 'v1', rows: EVENTS }]);

    const v2 = new ProjectionRunner(database.db, store, [labelled(2)]);
    await v2.start(); // answers at once: the rebuild runs in the background
    const during: string[] = []; // the rebuild's state as each read started
    const started = Date.now();
    const answers = await readWhile(v2.catchUp(), () =>
      during.push(v2.status()[0]!.rebuild?.state ?? 'none'),
    );
    const took = Date.now() - started;
    expect(v2.status()[0]!.rebuild?.state).toBe('done');
    await v2.stop();

    // Every read answered whole: all old rows, or all new ones; old before new, never back.
    for (const answer of answers)
      expect([[{ label: 'v1', rows: EVENTS }], [{ label: 'v2', rows: EVENTS }]]).toContainEqual(answer);
    const labels = answers.map((a) => a[0]!.label);
    const firstNew = labels.indexOf('v2');
    expect(labels.slice(firstNew).every((l) => l === 'v2')).toBe(true);
    // Reads went on while it built, and each of those was served from the old tables.
    const whileBuilding = labels.filter((_, i) => during[i] === 'building');
    console.info(`${answers.length} reads in ${took} ms, ${whileBuilding.length} while building`);
    expect(whileBuilding.length).toBeGreaterThan(0);
    expect(new Set(whileBuilding)).toEqual(new Set(['v1']));
    const checkpoint = await database.db
      .selectFrom('projection_checkpoints')
      .selectAll()
      .where('name', '=', 'labelled')
      .executeTakeFirstOrThrow();
    expect(checkpoint).toMatchObject({ version: 2, status: 'running', position: EVENTS });
    expect(await shadowSchemas()).toEqual([]);
  });

  it('a rebuild started while events keep arriving keeps the live rows fresh, then switches with no gap', async () => {
    const runner = new ProjectionRunner(database.db, store, [labelled(2)]);
    await runner.start();
    await runner.catchUp();
    const rebuilt = runner.rebuild('labelled');
    const writes = (async () => {
      for (let i = 0; i < 5; i++) await appendTestEvents(store, 100, { perAppend: 100 });
    })();
    const answers = await readWhile(Promise.all([rebuilt, writes]));
    expect(await runner.catchUp()).toBe(true);
    await runner.stop();

    const counts = answers.map((a) => a.reduce((n, r) => n + r.rows, 0));
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(EVENTS); // never emptied, never partial
    counts.forEach((n, i) => expect(n).toBeGreaterThanOrEqual(counts[i - 1] ?? 0));
    const head = await store.headPosition();
    expect(await read()).toEqual([{ label: 'v2', rows: head }]);
    expect(runner.status()[0]).toMatchObject({ status: 'stopped', rebuild: { state: 'done' } });
  });

  it('a rebuild that fails leaves the live tables as they were and says why', async () => {
    let failAt: number | undefined = 10;
    const runner = new ProjectionRunner(database.db, store, [labelled(3, () => failAt)]);
    // Version 3 rebuilds at start, and fails; the version 2 rows keep answering.
    await runner.start();
    await runner.catchUp();
    expect(runner.status()[0]).toMatchObject({
      status: 'failed',
      lastError: 'Rebuild failed: cannot label event 10',
      rebuild: { state: 'failed', error: 'cannot label event 10' },
    });
    const head = await store.headPosition();
    expect(await read()).toEqual([{ label: 'v2', rows: head }]);
    expect(await shadowSchemas()).toEqual([]);

    // Fixed: a rebuild from the console now switches in version 3.
    failAt = undefined;
    await runner.rebuild('labelled');
    expect(await runner.catchUp()).toBe(true);
    expect(runner.status()[0]).toMatchObject({ status: 'running', lastError: null });
    expect(await read()).toEqual([{ label: 'v3', rows: head }]);
    await runner.stop();
  });
});
