/**
 * Audit replay benchmark (docs/benchmarks.md): with a log of AUDIT_BENCH_EVENTS events (default 20,000 plus the folded stream;
 * the figure is 1,000,000 on the server) in user streams, measures one stream's page of events
 * (p50/p95), a global-log search by actor and by correlation id (p50/p95), and folding one stream of
 * AUDIT_BENCH_FOLD events (default 10,000) with the user aggregate's own evolve.
 *
 * Each mode in AUDIT_BENCH_MODES (default `bare,sealed`) fills its own log (a fresh scratch database on the
 * server, a fresh in-memory PGlite) in the same run: `bare` writes and reads through the bare
 * `PostgresEventStore`, `sealed` through `PersonalDataStore` (personal fields and the actor's IP and user
 * agent sealed per person, issue 11), so the encrypted figures stand beside the unencrypted ones.
 * The fill keeps AUDIT_BENCH_IN_FLIGHT appends (default 32) in flight through the store, which groups them
 * into shared commits as it does for concurrent requests.
 *
 *   npm run bench -- audit                           PGlite in memory
 *   DATABASE_URL=postgres://…@127.0.0.1/postgres AUDIT_BENCH_EVENTS=1000000 npm run bench -- audit
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { foldUpTo } from '../src/features/audit/index.ts';
import { userAggregate } from '../src/features/identity/index.ts';
import { personalDataPolicy } from '../src/personal-data.ts';
import type { EventMetadata, EventStore, NewEvent } from '../src/platform/event-store/port.ts';
import { PostgresEventStore } from '../src/platform/event-store/postgres.ts';
import { PersonalDataCodec } from '../src/platform/personal-data/codec.ts';
import { DataKeys } from '../src/platform/personal-data/keys.ts';
import { PersonalDataStore } from '../src/platform/personal-data/store.ts';
import { intArg } from './args.ts';
import { fmtRate, fmtRatio, median, rate, table } from './stats.ts';
import { checkLocalUrl, openPgliteTarget, openServerTarget, type Target } from './target.ts';

const events = intArg('AUDIT_BENCH_EVENTS', process.env.AUDIT_BENCH_EVENTS ?? '20000', 1_000, 5_000_000);
const foldSize = intArg('AUDIT_BENCH_FOLD', process.env.AUDIT_BENCH_FOLD ?? '10000', 100, 1_000_000);
const inFlight = intArg('AUDIT_BENCH_IN_FLIGHT', process.env.AUDIT_BENCH_IN_FLIGHT ?? '32', 1, 256);
const modes = (process.env.AUDIT_BENCH_MODES ?? 'bare,sealed').split(',').map((m) => m.trim());
for (const m of modes)
  if (m !== 'bare' && m !== 'sealed') throw new Error(`AUDIT_BENCH_MODES: ${m} is not bare or sealed`);
const SAMPLES = 200;
const PER_APPEND = 50;
const PER_REQUEST = 5; // events sharing one correlation id
const DATA_KEY = 'bench-data-key-not-a-secret';
const serverUrl = process.env.DATABASE_URL;
if (serverUrl) checkLocalUrl(serverUrl);

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const p = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const ms = (v: number) => `${v.toFixed(2)} ms`;
/** Runs `count` tasks with up to `inFlight` at once. */
async function inParallel(count: number, run: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await run(next++);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
}

const metadata = (actorId: string, correlationId: string): EventMetadata => ({
  actorId,
  actorRole: 'user',
  correlationId,
  causationId: null,
  occurredAt: new Date().toISOString(),
  ip: '127.0.0.1',
  userAgent: 'bench',
});
const registered = (userId: string, actorId: string): NewEvent => ({
  type: 'UserRegistered',
  data: {
    userId,
    email: `${userId}@example.com`,
    displayName: 'Bench',
    passwordHash: 'x',
    role: 'user',
  },
  metadata: metadata(actorId, randomUUID()),
});
const updated = (userId: string, n: number, meta: EventMetadata): NewEvent => ({
  type: 'ProfileUpdated',
  data: { userId, bio: `bio ${n}` },
  metadata: meta,
});

interface Quantiles {
  p50: number;
  p95: number;
}
interface ModeResult {
  mode: string;
  label: string;
  head: number;
  fill: { seconds: number; registrationsPerSecond: number; updatesPerSecond: number };
  page: Quantiles;
  byActor: Quantiles;
  byCorrelation: Quantiles;
  fold: { readAndFoldMs: number; readMs: number; foldMs: number };
}
const quantiles = (v: number[]): Quantiles => ({ p50: p(v, 0.5), p95: p(v, 0.95) });

/** One filled log, kept open until every mode is measured. */
interface Log {
  mode: string;
  target: Target;
  store: EventStore;
  actors: string[];
  users: string[];
  correlations: string[];
  foldStream: string;
  head: number;
  fill: ModeResult['fill'];
  samples: { page: number[]; byActor: number[]; byCorrelation: number[]; reads: number[]; folds: number[] };
}

async function fillLog(mode: string): Promise<Log> {
  const target: Target = serverUrl ? await openServerTarget(serverUrl) : await openPgliteTarget();
  const bare = await PostgresEventStore.create({ db: target.handle.db, pool: target.handle.pool });
  const store: EventStore =
    mode === 'sealed'
      ? new PersonalDataStore(
          bare,
          new PersonalDataCodec(
            await DataKeys.open(target.handle.db, { dataKey: DATA_KEY }),
            personalDataPolicy,
          ),
        )
      : bare;
  opened.push({ target, store });
  const log = (m: string) => console.log(`[${mode}] ${m}`);
  const actors = Array.from({ length: 500 }, () => randomUUID());
  const users = Array.from({ length: Math.max(10, Math.floor(events / 25)) }, () => randomUUID());
  const correlations: string[] = [];
  const fillStart = performance.now();
  await inParallel(users.length, (i) =>
    store.append(`user-${users[i]!}`, [registered(users[i]!, pick(actors))]),
  );
  const registrationsMs = performance.now() - fillStart;
  log(`${users.length.toLocaleString('en')} registrations in ${(registrationsMs / 1000).toFixed(1)} s`);
  const updatesStart = performance.now();
  const updates = events - users.length;
  let reported = 0;
  await inParallel(Math.ceil(updates / PER_APPEND), async (task) => {
    const written = users.length + task * PER_APPEND;
    const userId = pick(users);
    const actorId = pick(actors);
    let meta = metadata(actorId, randomUUID());
    const batch = Array.from({ length: Math.min(PER_APPEND, events - written) }, (_, k) => {
      if (k % PER_REQUEST === 0) {
        meta = metadata(actorId, randomUUID());
        correlations.push(meta.correlationId);
      }
      return updated(userId, written + k, meta);
    });
    await store.append(`user-${userId}`, batch);
    if (written - reported >= 100_000) {
      reported = written;
      const secs = (performance.now() - updatesStart) / 1000;
      log(`${written.toLocaleString('en')} events (${fmtRate((written - users.length) / secs)} updates/s)`);
    }
  });
  const updatesMs = performance.now() - updatesStart;
  const foldUser = randomUUID();
  const foldStream = `user-${foldUser}`;
  await store.append(foldStream, [registered(foldUser, pick(actors))]);
  for (let n = 1; n < foldSize; n += 1_000) {
    const meta = metadata(foldUser, randomUUID());
    const size = Math.min(1_000, foldSize - n);
    await store.append(
      foldStream,
      Array.from({ length: size }, (_, k) => updated(foldUser, n + k, meta)),
    );
  }
  const fillMs = performance.now() - fillStart;
  const head = await store.headPosition();
  log(`filled ${head.toLocaleString('en')} events in ${(fillMs / 1000).toFixed(1)} s`);
  return {
    mode,
    target,
    store,
    actors,
    users,
    correlations,
    foldStream,
    head,
    fill: {
      seconds: fillMs / 1000,
      registrationsPerSecond: rate(users.length, registrationsMs),
      updatesPerSecond: rate(updates, updatesMs),
    },
    samples: { page: [], byActor: [], byCorrelation: [], reads: [], folds: [] },
  };
}

const time = async (run: () => Promise<unknown>) => {
  const start = performance.now();
  await run();
  return performance.now() - start;
};

/** Every measure, sample by sample across the logs (which goes first alternates), so load hits all alike. */
async function measure(logs: Log[]): Promise<void> {
  const order = (i: number) => (i % 2 === 0 ? logs : [...logs].reverse());
  for (let i = 0; i < SAMPLES; i++)
    for (const l of order(i)) {
      const stream = Math.random() < 0.5 ? l.foldStream : `user-${pick(l.users)}`;
      const from = stream === l.foldStream ? Math.floor(Math.random() * (foldSize - 100)) : 0;
      l.samples.page.push(await time(() => l.store.readStream(stream, { from, limit: 100 })));
    }
  for (let i = 0; i < SAMPLES; i++)
    for (const l of order(i))
      l.samples.byActor.push(await time(() => l.store.searchEvents({ actorId: pick(l.actors), limit: 100 })));
  for (let i = 0; i < SAMPLES; i++)
    for (const l of order(i))
      l.samples.byCorrelation.push(
        await time(() => l.store.searchEvents({ correlationId: pick(l.correlations), limit: 100 })),
      );
  for (let run = 0; run < 5; run++)
    for (const l of order(run)) {
      const start = performance.now();
      const stream = await l.store.readStream(l.foldStream);
      const read = performance.now();
      const folded = foldUpTo(userAggregate, stream, stream.at(-1)!.revision);
      l.samples.folds.push(performance.now() - read);
      l.samples.reads.push(read - start);
      if (folded.revision !== foldSize - 1)
        throw new Error(`folded to ${folded.revision}, not ${foldSize - 1}`);
      if ((stream.at(-1)!.data as { bio?: string }).bio !== `bio ${foldSize - 1}`)
        throw new Error('the stream did not read back its last bio');
    }
}

const opened: { target: Target; store: EventStore }[] = [];
const loadAverage = { start: os.loadavg()[0]!, measuring: 0, end: 0 };
const results: ModeResult[] = [];
try {
  const logs: Log[] = [];
  for (const mode of modes) logs.push(await fillLog(mode));
  // A freshly written table gets vacuumed and analysed by autovacuum some time later; do it now, on every
  // log, so that it does not land in the middle of one mode's samples.
  for (const l of logs) await sql`vacuum analyze`.execute(l.target.handle.db);
  loadAverage.measuring = os.loadavg()[0]!;
  console.log('measuring, samples interleaved across the logs');
  await measure(logs);
  for (const l of logs)
    results.push({
      mode: l.mode,
      label: l.target.label,
      head: l.head,
      fill: l.fill,
      page: quantiles(l.samples.page),
      byActor: quantiles(l.samples.byActor),
      byCorrelation: quantiles(l.samples.byCorrelation),
      fold: {
        readAndFoldMs: median(l.samples.reads.map((r, i) => r + l.samples.folds[i]!)),
        readMs: median(l.samples.reads),
        foldMs: median(l.samples.folds),
      },
    });
} finally {
  for (const { store, target } of opened) {
    await store.close();
    await target.close();
  }
}
loadAverage.end = os.loadavg()[0]!;

const name = (m: string) => (m === 'sealed' ? 'PersonalDataStore (sealed)' : 'bare store');
console.log(
  `\nAudit replay on ${results[0]!.label.replace(/ \(scratch database .*\)$/, '')}, ` +
    `${inFlight} appends in flight during the fill`,
);
for (const r of results)
  console.log(
    `  ${name(r.mode)}: ${r.head.toLocaleString('en')} events in the log (filled in ${r.fill.seconds.toFixed(1)} s: ` +
      `${fmtRate(r.fill.registrationsPerSecond)} registrations/s, ${fmtRate(r.fill.updatesPerSecond)} events/s in ` +
      `appends of ${PER_APPEND})`,
  );
console.log(
  `  1-minute load average ${loadAverage.start.toFixed(1)} at the start, ${loadAverage.measuring.toFixed(1)} ` +
    `when measuring began, ${loadAverage.end.toFixed(1)} at the end (${os.cpus().length} CPUs)`,
);
const q = (v: Quantiles) => `${ms(v.p50)} / ${ms(v.p95)}`;
const rows: string[][] = [
  ["one stream's page of 100 events, p50 / p95", ...results.map((r) => q(r.page))],
  ['log search by actor (first page of 100), p50 / p95', ...results.map((r) => q(r.byActor))],
  ['log search by correlation id, p50 / p95', ...results.map((r) => q(r.byCorrelation))],
  [
    `read + fold a ${foldSize.toLocaleString('en')}-event stream (median of 5)`,
    ...results.map((r) => `${ms(r.fold.readAndFoldMs)} (fold ${ms(r.fold.foldMs)})`),
  ],
  ['fill: registrations/s (one event each)', ...results.map((r) => fmtRate(r.fill.registrationsPerSecond))],
  [`fill: events/s in appends of ${PER_APPEND}`, ...results.map((r) => fmtRate(r.fill.updatesPerSecond))],
];
const bare = results.find((r) => r.mode === 'bare');
const sealed = results.find((r) => r.mode === 'sealed');
if (bare && sealed)
  rows.push([
    'sealed / bare fill rate (registrations, updates)',
    '',
    `${fmtRatio(sealed.fill.registrationsPerSecond / bare.fill.registrationsPerSecond)}, ` +
      `${fmtRatio(sealed.fill.updatesPerSecond / bare.fill.updatesPerSecond)}`,
  ]);
console.log(`\n${table(['measure', ...results.map((r) => name(r.mode))], rows)}`);

const out = join(
  dirname(fileURLToPath(import.meta.url)),
  'results',
  `audit-${serverUrl ? 'postgres' : 'pglite'}.json`,
);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ date: new Date().toISOString(), events, foldSize, inFlight, cpus: os.cpus().length, loadAverage, results }, null, 2)}\n`,
);
console.log(`\nwritten to ${out}`);
