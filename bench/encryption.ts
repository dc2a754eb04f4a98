/**
 * The cost of crypto-shredding (issue 11, docs/benchmarks.md "Personal data encryption"): identity events
 * carrying personal fields (UserRegistered, ProfileUpdated: email, display name, bio, and the actor's IP
 * and user agent in metadata) written and read through `PersonalDataStore` vs the bare Postgres store,
 * on the same database, in the same run, alternating A B / B A per round.
 *   1. appends, 1 and 8 writers, each writer one person's stream, one event per append (target: the
 *      encrypted store keeps ≥ 85% of the bare store's throughput); info: 8 writers each registering a
 *      new person per append (a new data key per event).
 *   2. catch-up: a readAll loop over the sealed log, opened (decrypted, cold key cache) vs not; and the
 *      users projection from a cold start, over a sealed log through the wrapped store vs a plain log
 *      through the bare store (two phases, same size and shapes).
 *
 *   npm run bench -- encryption                      PGlite, plus the server in DATABASE_URL if set
 *   npm run bench -- encryption --postgres postgres://postgres@127.0.0.1:54320/postgres --no-pglite
 *   options: --runs 5  --seconds 2  --events 10000 (catch-up log size)  --projection-runs 3
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { usersProjection } from '../projections/users.ts';
import { personalDataPolicy } from '../src/personal-data.ts';
import type { EventStore } from '../src/platform/event-store/port.ts';
import { PostgresEventStore } from '../src/platform/event-store/postgres.ts';
import { PersonalDataCodec } from '../src/platform/personal-data/codec.ts';
import { DataKeys } from '../src/platform/personal-data/keys.ts';
import { PersonalDataStore } from '../src/platform/personal-data/store.ts';
import { ProjectionRunner } from '../src/platform/projections/runner.ts';
import { intArg } from './args.ts';
import { fmtRate, fmtRatio, median, rate, table } from './stats.ts';
import { activeScratch, checkLocalUrl, openPgliteTarget, openServerTarget, type Target } from './target.ts';
import { profileUpdated, registered } from './personal-events.ts';

const { values: args } = parseArgs({
  args: process.argv.slice(3),
  options: {
    postgres: { type: 'string' },
    runs: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '2' },
    events: { type: 'string', default: '10000' },
    'projection-runs': { type: 'string', default: '3' },
    'no-pglite': { type: 'boolean', default: false },
  },
});
const runs = intArg('runs', args.runs, 1, 15);
const seconds = intArg('seconds', args.seconds, 1, 30);
const events = intArg('events', args.events, 1_000, 200_000);
const projectionRuns = intArg('projection-runs', args['projection-runs'], 1, 10);
const serverUrl = args.postgres ?? process.env.DATABASE_URL;
if (serverUrl) checkLocalUrl(serverUrl);

const DATA_KEY = 'bench-data-key-not-a-secret';
const MAX_APPENDS_PER_WRITER = 250_000;
const EVENTS_PER_PERSON = 10; // catch-up log: one registration and nine profile updates per person
const FILL_IN_FLIGHT = 16;
const PAGE = 1_000;
interface Sample {
  events: number;
  ms: number;
  perSecond: number;
}
interface Case {
  id: string;
  label: string;
  samples: Sample[];
  median: number;
}

/** `writers` loops for `seconds`; each returns how many events it appended. */
async function timed(writers: number, secs: number, loop: (deadline: number) => Promise<number>) {
  const start = performance.now();
  const deadline = start + secs * 1000;
  const counts = await Promise.all(Array.from({ length: writers }, () => loop(deadline)));
  const ms = performance.now() - start;
  const n = counts.reduce((a, b) => a + b, 0);
  return { events: n, ms, perSecond: rate(n, ms) };
}

/** Each writer is one person: registers, then updates their profile, one event per append. */
function personRun(store: EventStore, writers: number, secs: number): Promise<Sample> {
  return timed(writers, secs, async (deadline) => {
    const userId = randomUUID();
    const stream = `user-${userId}`;
    let expected: number | 'no_stream' = 'no_stream';
    let n = 0;
    while (n < MAX_APPENDS_PER_WRITER && performance.now() < deadline) {
      const event = n === 0 ? registered(userId, n) : profileUpdated(userId, n);
      expected = (await store.append(stream, [event], { expectedRevision: expected })).revision;
      n++;
    }
    return n;
  });
}

/** Each append registers a new person: with encryption, every event makes (and stores) a data key. */
function registrationRun(store: EventStore, writers: number, secs: number): Promise<Sample> {
  return timed(writers, secs, async (deadline) => {
    let n = 0;
    while (n < MAX_APPENDS_PER_WRITER && performance.now() < deadline) {
      const userId = randomUUID();
      await store.append(`user-${userId}`, [registered(userId, n)], { expectedRevision: 'no_stream' });
      n++;
    }
    return n;
  });
}

const openCodec = async (target: Target) =>
  new PersonalDataCodec(await DataKeys.open(target.handle.db, { dataKey: DATA_KEY }), personalDataPolicy);

async function emptyLog(target: Target): Promise<void> {
  await sql`truncate es_events, es_streams`.execute(target.handle.db);
  await sql`update es_head set position = 0 where id = 1`.execute(target.handle.db);
}

/** Empties the log and writes `count` identity events, ten per person, 16 appends in flight. */
async function fill(store: EventStore, target: Target, count: number): Promise<Sample> {
  await emptyLog(target);
  const start = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const from = next;
      const size = Math.min(EVENTS_PER_PERSON, count - from);
      next += size;
      const userId = randomUUID();
      const batch = Array.from({ length: size }, (_, k) =>
        k === 0 ? registered(userId, from) : profileUpdated(userId, from + k),
      );
      await store.append(`user-${userId}`, batch, { expectedRevision: 'no_stream' });
    }
  };
  await Promise.all(Array.from({ length: FILL_IN_FLIGHT }, worker));
  const ms = performance.now() - start;
  return { events: count, ms, perSecond: rate(count, ms) };
}

/** Reads the whole log page by page; checks that personal fields came back in the clear (or not). */
async function readAllRun(store: EventStore, count: number, opened: boolean): Promise<Sample> {
  const start = performance.now();
  let after = 0;
  let seen = 0;
  for (;;) {
    const page = await store.readAll({ after, limit: PAGE });
    if (page.length === 0) break;
    for (const e of page) {
      const data = e.data as Record<string, unknown>;
      if (opened !== (typeof data.displayName === 'string'))
        throw new Error(`event ${e.position} read ${opened ? 'sealed' : 'in the clear'}`);
    }
    seen += page.length;
    after = page[page.length - 1]!.position;
  }
  const ms = performance.now() - start;
  if (seen !== count) throw new Error(`read ${seen} events, expected ${count}`);
  return { events: seen, ms, perSecond: rate(seen, ms) };
}

/** The users projection from a cold start until caught up; checks every person is there. */
async function usersRun(target: Target, store: EventStore, count: number): Promise<Sample> {
  const { db } = target.handle;
  await sql`truncate users, user_skills cascade`.execute(db);
  await db.deleteFrom('projection_checkpoints').where('name', '=', usersProjection.name).execute();
  const runner = new ProjectionRunner(db, store, [usersProjection]);
  const start = performance.now();
  try {
    await runner.start();
    if (!(await runner.catchUp(300_000))) throw new Error('users projection did not catch up');
  } finally {
    await runner.stop();
  }
  const ms = performance.now() - start;
  const status = runner.status()[0];
  if (status?.status === 'failed') throw new Error(`users projection failed: ${JSON.stringify(status)}`);
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('display_name', 'like', 'Bench Person %')
    .executeTakeFirstOrThrow();
  const people = Math.ceil(count / EVENTS_PER_PERSON);
  if (Number(row.n) !== people) throw new Error(`users has ${row.n} readable rows, expected ${people}`);
  return { events: count, ms, perSecond: rate(count, ms) };
}

const newCase = (id: string, label: string): Case => ({ id, label, samples: [], median: 0 });
const finish = (c: Case) => (c.median = median(c.samples.map((s) => s.perSecond)));
const paired = (a: Case, b: Case) => median(a.samples.map((s, i) => s.perSecond / b.samples[i]!.perSecond));

async function benchTarget(open: () => Promise<Target>) {
  const loadStart = os.loadavg()[0]!;
  const target = await open();
  const log = (m: string) => console.log(m);
  const bare = await PostgresEventStore.create({ db: target.handle.db, pool: target.handle.pool });
  try {
    log(`\n== ${target.label}`);
    // Appends: one codec (warm key cache within a run, as in a running server).
    const wrapped = new PersonalDataStore(bare, await openCodec(target));
    const pairs = [1, 8].map((w): [Case, Case] => [
      newCase(`bare-${w}`, `bare store, ${w} writer${w > 1 ? 's' : ''}`),
      newCase(`sealed-${w}`, `PersonalDataStore, ${w} writer${w > 1 ? 's' : ''}`),
    ]);
    const regs: [Case, Case] = [
      newCase('bare-reg', 'bare store, 8 writers, a new person per append (info)'),
      newCase('sealed-reg', 'PersonalDataStore, 8 writers, a new person per append (info)'),
    ];
    const all = [...pairs, regs];
    const run = (c: Case, secs: number) => {
      const store = c.id.startsWith('bare') ? bare : wrapped;
      if (c.id.endsWith('reg')) return registrationRun(store, 8, secs);
      return personRun(store, c.id.endsWith('-8') ? 8 : 1, secs);
    };
    for (const c of all.flat()) await run(c, 1); // warm-up
    for (let round = 1; round <= runs; round++) {
      for (const pair of all) {
        for (const c of round % 2 === 1 ? pair : [pair[1], pair[0]]) {
          const s = await run(c, seconds);
          c.samples.push(s);
          log(`  run ${round}/${runs} ${c.label}: ${Math.round(s.perSecond)} events/s`);
        }
      }
    }
    for (const c of all.flat()) finish(c);

    // Catch-up. Phase 1: a plain log (bare store); phase 2: the same shapes sealed.
    log(`-- catch-up: ${events} events, ${EVENTS_PER_PERSON} per person`);
    const plainFill = await fill(bare, target, events);
    const usersPlain = newCase('users-plain', 'users projection, plain log, bare store');
    for (let r = 0; r < projectionRuns; r++) {
      usersPlain.samples.push(await usersRun(target, bare, events));
      log(`  ${usersPlain.label}: ${Math.round(usersPlain.samples.at(-1)!.perSecond)} events/s`);
    }
    const sealedFill = await fill(new PersonalDataStore(bare, await openCodec(target)), target, events);
    const usersSealed = newCase('users-sealed', 'users projection, sealed log, PersonalDataStore');
    const readBare = newCase('read-bare', 'readAll pages, sealed log, bare store (not opened)');
    const readOpen = newCase('read-open', 'readAll pages, sealed log, PersonalDataStore (cold keys)');
    for (let r = 0; r < projectionRuns; r++) {
      // A fresh codec each run: a catch-up at start begins with an empty key cache.
      const store = new PersonalDataStore(bare, await openCodec(target));
      usersSealed.samples.push(await usersRun(target, store, events));
      log(`  ${usersSealed.label}: ${Math.round(usersSealed.samples.at(-1)!.perSecond)} events/s`);
    }
    for (let round = 1; round <= runs; round++) {
      const pair: Array<[Case, () => Promise<Sample>]> = [
        [readBare, () => readAllRun(bare, events, false)],
        [
          readOpen,
          async () => readAllRun(new PersonalDataStore(bare, await openCodec(target)), events, true),
        ],
      ];
      for (const [c, go] of round % 2 === 1 ? pair : pair.reverse()) {
        c.samples.push(await go());
        log(`  run ${round}/${runs} ${c.label}: ${Math.round(c.samples.at(-1)!.perSecond)} events/s`);
      }
    }
    for (const c of [usersPlain, usersSealed, readBare, readOpen]) finish(c);
    return {
      label: target.label,
      loadAverage: { start: loadStart, end: os.loadavg()[0]! },
      appends: all,
      fills: { plain: plainFill, sealed: sealedFill },
      users: [usersPlain, usersSealed] as [Case, Case],
      reads: [readBare, readOpen] as [Case, Case],
    };
  } finally {
    await bare.close();
    await target.close();
  }
}

function report(r: Awaited<ReturnType<typeof benchTarget>>): string {
  const row = (c: Case) => [
    c.label,
    c.samples.map((s) => fmtRate(s.perSecond)).join(' / '),
    fmtRate(c.median),
  ];
  const appendRows = r.appends.flatMap(([b, s]) => [
    [...row(b), '', ''],
    [...row(s), fmtRatio(s.median / b.median), fmtRatio(paired(s, b))],
  ]);
  const [up, us] = r.users;
  const [rb, ro] = r.reads;
  const lines = [
    `\n${r.label} (1-min load average ${r.loadAverage.start.toFixed(1)} -> ${r.loadAverage.end.toFixed(1)} on ${os.cpus().length} CPUs)`,
    table(['append case', 'runs (events/s)', 'median events/s', 'sealed/bare', 'paired'], appendRows),
    '',
    table(
      [`catch-up, ${events.toLocaleString('en-US')} events`, 'runs (events/s)', 'median events/s', 'vs'],
      [
        [...row(up), ''],
        [...row(us), fmtRatio(us.median / up.median)],
        [...row(rb), ''],
        [...row(ro), `${fmtRatio(ro.median / rb.median)} (paired ${fmtRatio(paired(ro, rb))})`],
      ],
    ),
    `fill (16 appends of ${EVENTS_PER_PERSON} in flight): plain ${fmtRate(r.fills.plain.perSecond)}/s, sealed ${fmtRate(r.fills.sealed.perSecond)}/s (${fmtRatio(r.fills.sealed.perSecond / r.fills.plain.perSecond)})`,
  ];
  for (const [b, s] of r.appends.slice(0, 2)) {
    const cost = 1 - s.median / b.median;
    lines.push(
      `target: encryption costs <= 15% of append throughput, ${s.label}: ${cost <= 0.15 ? 'MET' : 'MISSED'} (cost ${fmtRatio(cost)}; paired ${fmtRatio(1 - paired(s, b))})`,
    );
  }
  return lines.join('\n');
}

const watchdog = setTimeout(() => {
  console.error('encryption benchmark exceeded 10 minutes; aborting');
  void Promise.all([...activeScratch].map((d) => d())).finally(() => process.exit(2));
}, 10 * 60_000);
watchdog.unref();
try {
  const results = [];
  if (!args['no-pglite']) results.push(await benchTarget(openPgliteTarget));
  if (serverUrl) results.push(await benchTarget(() => openServerTarget(serverUrl)));
  if (results.length === 0) throw new Error('nothing to run: --no-pglite without --postgres or DATABASE_URL');
  console.log(
    `\n======== results (medians of ${runs} append runs, ${projectionRuns} projection runs) ========`,
  );
  for (const r of results) console.log(report(r));
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  for (const drop of [...activeScratch]) await drop().catch(() => undefined);
  clearTimeout(watchdog);
}
