/**
 * Audit replay benchmark (docs/benchmarks.md): with a log of AUDIT_BENCH_EVENTS events (default 20,000 plus the folded stream;
 * the figure is 1,000,000 on the server) in user streams, measures one stream's page of events
 * (p50/p95), a global-log search by actor and by correlation id (p50/p95), and folding one stream of
 * AUDIT_BENCH_FOLD events (default 10,000) with the user aggregate's own evolve.
 *
 *   npm run bench -- audit                           PGlite in memory
 *   DATABASE_URL=postgres://…@127.0.0.1/postgres AUDIT_BENCH_EVENTS=1000000 npm run bench -- audit
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { foldUpTo } from '../src/features/audit/index.ts';
import { userAggregate } from '../src/features/identity/index.ts';
import type { EventMetadata, NewEvent } from '../src/platform/event-store/port.ts';
import { PostgresEventStore } from '../src/platform/event-store/postgres.ts';
import { intArg } from './args.ts';
import { median, table } from './stats.ts';
import { checkLocalUrl, openPgliteTarget, openServerTarget } from './target.ts';

const events = intArg('AUDIT_BENCH_EVENTS', process.env.AUDIT_BENCH_EVENTS ?? '20000', 1_000, 5_000_000);
const foldSize = intArg('AUDIT_BENCH_FOLD', process.env.AUDIT_BENCH_FOLD ?? '10000', 100, 1_000_000);
const SAMPLES = 200;
const PER_APPEND = 50;
const PER_REQUEST = 5; // events sharing one correlation id
const serverUrl = process.env.DATABASE_URL;
if (serverUrl) checkLocalUrl(serverUrl);

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const p = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const ms = (v: number) => `${v.toFixed(2)} ms`;
async function timed(samples: number, run: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times;
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
  data: { userId, email: `${userId}@example.com`, displayName: 'Bench', passwordHash: 'x', role: 'user' },
  metadata: metadata(actorId, randomUUID()),
});
const updated = (userId: string, n: number, meta: EventMetadata): NewEvent => ({
  type: 'ProfileUpdated',
  data: { userId, bio: `bio ${n}` },
  metadata: meta,
});

const load = os.loadavg()[0]!;
const target = serverUrl ? await openServerTarget(serverUrl) : await openPgliteTarget();
const store = await PostgresEventStore.create({ db: target.handle.db, pool: target.handle.pool });
try {
  const actors = Array.from({ length: 500 }, () => randomUUID());
  const users = Array.from({ length: Math.max(10, Math.floor(events / 25)) }, () => randomUUID());
  const correlations: string[] = [];
  const fillStart = performance.now();
  for (const userId of users) await store.append(`user-${userId}`, [registered(userId, pick(actors))]);
  for (let written = users.length; written < events; written += PER_APPEND) {
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
  }
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

  const page = await timed(SAMPLES, async () => {
    const stream = Math.random() < 0.5 ? foldStream : `user-${pick(users)}`;
    const from = stream === foldStream ? Math.floor(Math.random() * (foldSize - 100)) : 0;
    return store.readStream(stream, { from, limit: 100 });
  });
  const byActor = await timed(SAMPLES, () => store.searchEvents({ actorId: pick(actors), limit: 100 }));
  const byCorrelation = await timed(SAMPLES, () =>
    store.searchEvents({ correlationId: pick(correlations), limit: 100 }),
  );
  const reads: number[] = [];
  const folds: number[] = [];
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    const stream = await store.readStream(foldStream);
    const read = performance.now();
    const folded = foldUpTo(userAggregate, stream, stream.at(-1)!.revision);
    folds.push(performance.now() - read);
    reads.push(read - start);
    if (folded.revision !== foldSize - 1)
      throw new Error(`folded to ${folded.revision}, not ${foldSize - 1}`);
  }

  console.log(
    `\nAudit replay on ${target.label}: ${head.toLocaleString('en')} events in the log ` +
      `(filled in ${(fillMs / 1000).toFixed(1)} s), load average ${load.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)}\n`,
  );
  console.log(
    table(
      ['measure', 'p50', 'p95'],
      [
        ["one stream's page of 100 events", ms(p(page, 0.5)), ms(p(page, 0.95))],
        ['log search by actor (first page of 100)', ms(p(byActor, 0.5)), ms(p(byActor, 0.95))],
        ['log search by correlation id', ms(p(byCorrelation, 0.5)), ms(p(byCorrelation, 0.95))],
        [
          `read + fold a ${foldSize.toLocaleString('en')}-event stream (median of 5)`,
          ms(median(reads.map((r, i) => r + folds[i]!))),
          `read ${ms(median(reads))}, fold ${ms(median(folds))}`,
        ],
      ],
    ),
  );
} finally {
  await store.close();
  await target.close();
}
