import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { activityLogProjection } from '../projections/activity-log.ts';
import { PostgresEventStore } from '../src/platform/event-store/postgres.ts';
import { ProjectionRunner } from '../src/platform/projections/runner.ts';
import { checkGaps, type RunSample } from './append.ts';
import { median, rate } from './stats.ts';
import type { RawSql, Target } from './target.ts';
import { benchEvent } from './workload.ts';

const PAGE = 1_000;
const FILL_EVENTS_PER_APPEND = 100;
const FILL_IN_FLIGHT = 16;
const CATCH_UP_TIMEOUT_MS = 180_000;

export interface ProjectionResults {
  events: number;
  fill: RunSample;
  engine: { samples: RunSample[]; median: number };
  baseline: { samples: RunSample[]; median: number; source: string };
  /** engine median / baseline median: the headline figure. */
  ratio: number;
  /** engine / baseline within each round (back to back), and their median. */
  perRound: number[];
  pairedRatio: number;
}

/** Same columns, key and indexes as activity_log. */
async function createBaselineTable(raw: RawSql): Promise<void> {
  await raw.query(`drop table if exists bench_activity_log`);
  await raw.query(`
    create table bench_activity_log (
      position bigint primary key,
      event_id uuid not null,
      event_type text not null,
      stream_name text not null,
      actor_id uuid,
      actor_role text,
      correlation_id text,
      causation_id text,
      ip text,
      user_agent text,
      occurred_at timestamptz not null
    )`);
  await raw.query(`create index bench_activity_log_actor on bench_activity_log (actor_id, position)`);
  await raw.query(`create index bench_activity_log_type on bench_activity_log (event_type, position)`);
}

/** Empties the log and appends `count` events with multi-event appends, several in flight. */
async function fill(store: PostgresEventStore, target: Target, count: number): Promise<RunSample> {
  await sql`truncate es_events, es_streams`.execute(target.handle.db);
  await sql`update es_head set position = 0 where id = 1`.execute(target.handle.db);
  const start = performance.now();
  let next = 0;
  const worker = async () => {
    // Bounded by count: each iteration claims FILL_EVENTS_PER_APPEND of the `count` events.
    while (next < count) {
      const from = next;
      const size = Math.min(FILL_EVENTS_PER_APPEND, count - from);
      next += size;
      const events = Array.from({ length: size }, (_, i) => benchEvent(from + i));
      await store.append(`user-${randomUUID()}`, events, { expectedRevision: 'no_stream' });
    }
  };
  await Promise.all(Array.from({ length: FILL_IN_FLIGHT }, worker));
  const ms = performance.now() - start;
  return { events: count, ms, perSecond: rate(count, ms) };
}

/** The engine: a ProjectionRunner with only the activity log, from zero until caught up. */
async function engineRun(target: Target, store: PostgresEventStore, expected: number): Promise<RunSample> {
  const { db } = target.handle;
  await sql`truncate activity_log`.execute(db);
  await db.deleteFrom('projection_checkpoints').where('name', '=', activityLogProjection.name).execute();
  const runner = new ProjectionRunner(db, store, [activityLogProjection]);
  const start = performance.now();
  let caughtUp: boolean;
  try {
    await runner.start();
    caughtUp = await runner.catchUp(CATCH_UP_TIMEOUT_MS);
  } finally {
    await runner.stop();
  }
  const ms = performance.now() - start;
  const status = runner.status()[0];
  if (!caughtUp || status?.status === 'failed') {
    throw new Error(`projection did not catch up: ${JSON.stringify(status)}`);
  }
  const { rows } = await sql<{ n: number }>`select count(*)::bigint as n from activity_log`.execute(db);
  if (Number(rows[0]!.n) !== expected)
    throw new Error(`activity_log has ${rows[0]!.n} rows, expected ${expected}`);
  return { events: expected, ms, perSecond: rate(expected, ms) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface EventRow {
  position: number | string;
  stream_name: string;
  event_id: string;
  event_type: string;
  metadata: Record<string, unknown>;
  recorded_at: Date;
}

const COLUMNS = 11;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * The baseline: read the log page by page (the same `position > $1 order by position limit 1000` query as
 * the store's readAll) and write each page as one multi-row INSERT … ON CONFLICT DO NOTHING, autocommit,
 * no checkpoint, no Kysely.
 */
async function baselineRun(raw: RawSql, expected: number): Promise<RunSample> {
  await raw.query(`truncate bench_activity_log`);
  const start = performance.now();
  const maxPages = Math.ceil(expected / PAGE) + 2;
  let after = 0;
  let written = 0;
  for (let page = 0; page < maxPages && performance.now() - start < CATCH_UP_TIMEOUT_MS; page++) {
    const rows = await raw.query<EventRow>(
      `select * from es_events where position > $1 order by position limit ${PAGE}`,
      [after],
    );
    if (rows.length === 0) break;
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const row of rows) {
      const m = row.metadata;
      const base = params.length;
      tuples.push(`(${Array.from({ length: COLUMNS }, (_, i) => `$${base + i + 1}`).join(', ')})`);
      const actor = str(m.actorId);
      params.push(
        Number(row.position),
        row.event_id,
        row.event_type,
        row.stream_name,
        actor && UUID.test(actor) ? actor : null,
        str(m.actorRole),
        str(m.correlationId),
        str(m.causationId),
        str(m.ip),
        str(m.userAgent),
        str(m.occurredAt) ?? new Date(row.recorded_at).toISOString(),
      );
    }
    await raw.query(
      `insert into bench_activity_log (position, event_id, event_type, stream_name, actor_id, actor_role,
         correlation_id, causation_id, ip, user_agent, occurred_at)
       values ${tuples.join(', ')}
       on conflict (position) do nothing`,
      params,
    );
    written += rows.length;
    after = Number(rows[rows.length - 1]!.position);
  }
  const ms = performance.now() - start;
  if (written !== expected) throw new Error(`baseline wrote ${written} rows, expected ${expected}`);
  return { events: written, ms, perSecond: rate(written, ms) };
}

export interface ProjectionOptions {
  runs: number;
  events: number;
  log(message: string): void;
}

export async function benchProjection(
  target: Target,
  options: ProjectionOptions,
): Promise<ProjectionResults> {
  await createBaselineTable(target.raw);
  const store = await PostgresEventStore.create({ db: target.handle.db, pool: target.handle.pool });
  try {
    const filled = await fill(store, target, options.events);
    const gaps = await checkGaps(target.handle.db);
    if (!gaps.gapFree || gaps.count !== options.events)
      throw new Error(`fill left a bad log: ${JSON.stringify(gaps)}`);
    options.log(
      `  filled ${options.events} events in ${Math.round(filled.ms)} ms (${Math.round(filled.perSecond)} events/s)`,
    );
    // Fresh statistics and visibility map for the just-filled log, so neither side pays for them first.
    await sql`vacuum analyze es_events`.execute(target.handle.db);
    // One unmeasured round of each first (JIT, plans, caches), as for the appends.
    await engineRun(target, store, options.events);
    await baselineRun(target.raw, options.events);
    options.log('  warm-up done');
    const engine: RunSample[] = [];
    const baseline: RunSample[] = [];
    // Alternate which side goes first in each round, as for the appends.
    for (let round = 1; round <= options.runs; round++) {
      const runEngine = async () => {
        const e = await engineRun(target, store, options.events);
        engine.push(e);
        options.log(
          `  run ${round}/${options.runs} engine (ProjectionRunner + activity log): ${Math.round(e.perSecond)} events/s (${Math.round(e.ms)} ms)`,
        );
      };
      const runBaseline = async () => {
        const b = await baselineRun(target.raw, options.events);
        baseline.push(b);
        options.log(
          `  run ${round}/${options.runs} baseline (raw page read + multi-row upsert): ${Math.round(b.perSecond)} events/s (${Math.round(b.ms)} ms)`,
        );
      };
      if (round % 2 === 1) {
        await runEngine();
        await runBaseline();
      } else {
        await runBaseline();
        await runEngine();
      }
    }
    const perRound = engine.map((e, i) => e.perSecond / baseline[i]!.perSecond);
    const engineMedian = median(engine.map((s) => s.perSecond));
    const baselineMedian = median(baseline.map((s) => s.perSecond));
    return {
      events: options.events,
      fill: filled,
      engine: { samples: engine, median: engineMedian },
      baseline: {
        samples: baseline,
        median: baselineMedian,
        source: 'read from es_events page by page (1,000 rows, same query as readAll), one upsert per page',
      },
      ratio: engineMedian / baselineMedian,
      pairedRatio: median(perRound),
      perRound,
    };
  } finally {
    await store.close();
  }
}
