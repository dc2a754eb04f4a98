import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Db } from '../src/platform/db/database.ts';
import type { AppendResult, ExpectedRevision } from '../src/platform/event-store/port.ts';
import { PostgresEventStore } from '../src/platform/event-store/postgres.ts';
import { median, rate } from './stats.ts';
import type { RawSql, Target } from './target.ts';
import { benchEvent } from './workload.ts';

/** Hard cap per writer and run, whatever the duration: keeps every loop bounded in count too. */
const MAX_APPENDS_PER_WRITER = 250_000;

export interface RunSample {
  events: number;
  ms: number;
  perSecond: number;
}

export interface GapCheck {
  count: number;
  min: number;
  max: number;
  head: number;
  gapFree: boolean;
}

export interface AppendCase {
  id: string;
  label: string;
  writers: number;
  /** Server connections doing the writing (PGlite: 1, the embedded instance). */
  connections: number;
  samples: RunSample[];
  median: number;
  /** Adapter cases only: the log checked after every run. */
  gapChecks?: GapCheck[];
}

/** Adapter vs. raw at the same writer count. */
export interface Ratio {
  /** median(adapter) / median(raw): the headline figure. */
  ofMedians: number;
  /** adapter / raw within each round (the two ran back to back), and their median: steadier under load. */
  perRound: number[];
  pairedMedian: number;
}

export interface AppendResults {
  cases: AppendCase[];
  /** By adapter case id; the informational 8-writer variants are compared with `raw-8`. */
  ratios: Record<string, Ratio>;
  gapFree: boolean;
}

/** Same columns, keys and indexes as es_events; the position comes from a plain bigserial. */
async function createRawTable(raw: RawSql): Promise<void> {
  await raw.query(`drop table if exists bench_raw_events`);
  await raw.query(`
    create table bench_raw_events (
      position bigserial primary key,
      stream_name text not null,
      revision bigint not null,
      event_id uuid not null unique,
      event_type text not null,
      data jsonb not null,
      metadata jsonb not null,
      recorded_at timestamptz not null default now(),
      constraint bench_raw_events_stream_revision unique (stream_name, revision)
    )`);
  await raw.query(`create index bench_raw_events_type on bench_raw_events (event_type, position)`);
}

async function timed(
  writers: number,
  seconds: number,
  write: (writer: number, deadline: number) => Promise<number>,
): Promise<RunSample> {
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const counts = await Promise.all(Array.from({ length: writers }, (_, w) => write(w, deadline)));
  const ms = performance.now() - start;
  const events = counts.reduce((a, b) => a + b, 0);
  return { events, ms, perSecond: rate(events, ms) };
}

/**
 * Each writer appends one event at a time to its own stream, with the exact expected revision. With
 * `viaHandlers` each append goes through a command → handler chain of async functions, as a request would:
 * the adapter must still gather every caller a commit resumed into the next commit.
 */
function adapterRun(
  stores: readonly PostgresEventStore[],
  writers: number,
  seconds: number,
  viaHandlers = false,
): Promise<RunSample> {
  return timed(writers, seconds, async (w, deadline) => {
    const store = stores[w % stores.length]!;
    const stream = `bench-${randomUUID()}`;
    const handler = async (n: number, expected: ExpectedRevision): Promise<AppendResult> => {
      const result = await store.append(stream, [benchEvent(n)], { expectedRevision: expected });
      return result;
    };
    const command = async (n: number, expected: ExpectedRevision): Promise<AppendResult> => {
      await Promise.resolve(); // e.g. a validation step that settles at once
      return await handler(n, expected);
    };
    let expected: ExpectedRevision = 'no_stream';
    let n = 0;
    while (n < MAX_APPENDS_PER_WRITER && performance.now() < deadline) {
      const result: AppendResult = viaHandlers
        ? await command(n, expected)
        : await store.append(stream, [benchEvent(n)], { expectedRevision: expected });
      expected = result.revision;
      n++;
    }
    return n;
  });
}

/** Each writer sends autocommit single-row INSERTs for its own stream: no lock, no stream table. */
function rawRun(raw: RawSql, writers: number, seconds: number): Promise<RunSample> {
  return timed(writers, seconds, async (_w, deadline) => {
    const stream = `bench-${randomUUID()}`;
    let n = 0;
    while (n < MAX_APPENDS_PER_WRITER && performance.now() < deadline) {
      const e = benchEvent(n);
      await raw.query(
        `insert into bench_raw_events (stream_name, revision, event_id, event_type, data, metadata) values ($1, $2, $3, $4, $5, $6)`,
        [stream, n, e.id, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata)],
      );
      n++;
    }
    return n;
  });
}

export async function checkGaps(db: Db): Promise<GapCheck> {
  const { rows } = await sql<{ count: number; min: number | null; max: number | null; head: number }>`
    select count(*)::bigint as count, min(position) as min, max(position) as max,
      (select position from es_head where id = 1) as head
    from es_events`.execute(db);
  const row = rows[0]!;
  const count = Number(row.count);
  const min = Number(row.min ?? 0);
  const max = Number(row.max ?? 0);
  const head = Number(row.head);
  return {
    count,
    min,
    max,
    head,
    gapFree: (count === 0 ? max === 0 : count === max - min + 1) && max === head,
  };
}

export interface AppendOptions {
  runs: number;
  seconds: number;
  log(message: string): void;
}

/** Writer counts compared pairwise; the 64-writer pair is informational (more writers than connections). */
const PAIRS = [
  { writers: 1, info: false },
  { writers: 8, info: false },
  { writers: 64, info: true },
] as const;

/**
 * Runs adapter and baseline alternately (adapter 1, raw 1, adapter 8, raw 8, …) for `runs` rounds, so
 * drift on a shared machine hits both sides alike.
 */
export async function benchAppend(target: Target, options: AppendOptions): Promise<AppendResults> {
  const { handle, raw } = target;
  await createRawTable(raw);
  const store = await PostgresEventStore.create({ db: handle.db, pool: handle.pool });
  // Separate app instances (as separate processes would hold) contending for the es_head lock: server only.
  // They get their own small pools and no LISTEN connection.
  const peerStores: PostgresEventStore[] = [];
  if (target.openPeer) {
    for (let i = 0; i < 8; i++) {
      peerStores.push(await PostgresEventStore.create({ db: (await target.openPeer()).db }));
    }
  }

  const plural = (n: number) => `${n} writer${n === 1 ? '' : 's'}`;
  const pairs: Array<[AppendCase, AppendCase]> = PAIRS.map(({ writers, info }) => [
    {
      id: `adapter-${writers}`,
      label: `adapter, ${plural(writers)}${info ? ' (info)' : ''}`,
      writers,
      connections: 1,
      samples: [],
      median: 0,
      gapChecks: [],
    },
    {
      id: `raw-${writers}`,
      label: `raw INSERT, ${plural(writers)}${info ? ' (info)' : ''}`,
      writers,
      connections: target.rawConnections(writers),
      samples: [],
      median: 0,
    },
  ]);
  const instances: AppendCase | undefined =
    peerStores.length > 0
      ? {
          id: 'adapter-8x1',
          label: 'adapter, 8 instances × 1 writer (info)',
          writers: 8,
          connections: 8,
          samples: [],
          median: 0,
          gapChecks: [],
        }
      : undefined;
  const viaHandlers: AppendCase = {
    id: 'adapter-8-handlers',
    label: 'adapter, 8 writers via handlers (info)',
    writers: 8,
    connections: 1,
    samples: [],
    median: 0,
    gapChecks: [],
  };
  const singles = [viaHandlers, ...(instances ? [instances] : [])];
  const cases: AppendCase[] = [...pairs.flat(), ...singles];

  const runCase = (c: AppendCase, seconds: number): Promise<RunSample> => {
    if (c.id.startsWith('raw-')) return rawRun(raw, c.writers, seconds);
    if (c === instances) return adapterRun(peerStores, c.writers, seconds);
    if (c === viaHandlers) return adapterRun([store], c.writers, seconds, true);
    return adapterRun([store], c.writers, seconds);
  };

  try {
    // One unmeasured second per case first: a cold process (JIT, query compilation, new connections,
    // empty caches) runs the first appends 2-4x slower than a warm one.
    for (const c of cases) await runCase(c, 1);
    const warm = await checkGaps(handle.db);
    if (!warm.gapFree) throw new Error(`log has gaps after the warm-up: ${JSON.stringify(warm)}`);
    options.log(`  warm-up done (${warm.count} events in the log, gap-free)`);

    // Rounds alternate the order inside each adapter/raw pair (A B, then B A, …): a machine that slows
    // down or speeds up during a round then favours neither side.
    for (let round = 1; round <= options.runs; round++) {
      const order = [...pairs.flatMap((pair) => (round % 2 === 1 ? pair : [pair[1], pair[0]])), ...singles];
      for (const c of order) {
        const sample = await runCase(c, options.seconds);
        c.samples.push(sample);
        let note = '';
        if (c.gapChecks) {
          const check = await checkGaps(handle.db);
          c.gapChecks.push(check);
          note = check.gapFree
            ? ', log gap-free'
            : `, GAPS: ${check.count} events over ${check.min}..${check.max}, head ${check.head}`;
        }
        options.log(
          `  run ${round}/${options.runs} ${c.label}: ${Math.round(sample.perSecond)} events/s (${sample.events} in ${Math.round(sample.ms)} ms${note})`,
        );
      }
    }
  } finally {
    for (const peer of peerStores) await peer.close();
    await store.close();
  }

  for (const c of cases) c.median = median(c.samples.map((s) => s.perSecond));
  const compare = (a: AppendCase, r: AppendCase): Ratio => {
    const perRound = a.samples.map((s, i) => s.perSecond / r.samples[i]!.perSecond);
    return { ofMedians: a.median / r.median, perRound, pairedMedian: median(perRound) };
  };
  const ratios: Record<string, Ratio> = {};
  for (const [a, r] of pairs) ratios[a.id] = compare(a, r);
  for (const single of singles) ratios[single.id] = compare(single, pairs[1]![1]);
  const gapFree = cases.every((c) => (c.gapChecks ?? []).every((g) => g.gapFree));
  return { cases, ratios, gapFree };
}
