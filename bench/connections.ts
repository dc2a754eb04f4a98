/**
 * Connection commands (docs/benchmarks.md, "Connections"). Medians of several rounds, each beside its
 * baseline measured in the same round on the same database:
 *   1. request + accept through handleCommand (read the pair stream, fold, decide, append with the
 *      revision read) vs. appending the same events straight to the store with the revision known;
 *   2. 20 requests racing on one fresh pair (both directions): time until all have answered, and a check
 *      that exactly one request was recorded, vs. one uncontended request.
 *
 *   npm run bench -- connections                     PGlite, plus the server in DATABASE_URL if set
 *   npm run bench -- connections --postgres postgres://postgres@127.0.0.1:5433/postgres --no-pglite
 *   options: --runs 5  --seconds 2  --writers 8  --races 30
 */
import { intArg } from './args.ts';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pairEvents, pairStream, type PairEvent } from '../src/features/connections/events.ts';
import { decidePair, type PairCommand } from '../src/features/connections/pair.decide.ts';
import { pairAggregate } from '../src/features/connections/pair.ts';
import { handleCommand } from '../src/platform/commands.ts';
import { AppError } from '../src/platform/errors.ts';
import type { EventStore } from '../src/platform/event-store/port.ts';
import { PostgresEventStore } from '../src/platform/event-store/postgres.ts';
import { fmtRate, fmtRatio, median, rate, table } from './stats.ts';
import { activeScratch, checkLocalUrl, openPgliteTarget, openServerTarget, type Target } from './target.ts';
import { benchMetadata } from './workload.ts';

const MAX_PAIRS_PER_WRITER = 100_000;
const RACERS = 20;

export async function main(argv: string[]): Promise<number> {
  const { values: args } = parseArgs({
    args: argv,
    options: {
      postgres: { type: 'string' },
      runs: { type: 'string', default: '5' },
      seconds: { type: 'string', default: '2' },
      writers: { type: 'string', default: '8' },
      races: { type: 'string', default: '30' },
      'no-pglite': { type: 'boolean', default: false },
    },
  });
  const options = {
    runs: intArg('runs', args.runs, 1, 15),
    seconds: intArg('seconds', args.seconds, 1, 30),
    writers: intArg('writers', args.writers, 1, 64),
    races: intArg('races', args.races, 1, 500),
  };
  const serverUrl = args.postgres ?? process.env.DATABASE_URL;
  if (serverUrl) checkLocalUrl(serverUrl);
  const opens: Array<() => Promise<Target>> = [];
  if (!args['no-pglite']) opens.push(openPgliteTarget);
  if (serverUrl) opens.push(() => openServerTarget(serverUrl));
  if (opens.length === 0) throw new Error('nothing to run: --no-pglite without --postgres or DATABASE_URL');

  const reports: string[] = [];
  let ok = true;
  try {
    for (const open of opens) {
      const target = await open();
      try {
        const result = await benchTarget(target, options);
        reports.push(result.report);
        ok &&= result.raceCorrect;
      } finally {
        await target.close();
      }
    }
  } finally {
    for (const drop of [...activeScratch]) await drop().catch((e: unknown) => console.error(e));
  }
  console.log(`\n======== connections (medians of ${options.runs} runs) ========`);
  for (const r of reports) console.log(r);
  return ok ? 0 : 1;
}

interface Sample {
  count: number;
  ms: number;
  perSecond: number;
}

const metadata = benchMetadata;

/** Each writer connects fresh pairs: request, then accept, each a full command (load, decide, append). */
function viaHandlers(store: EventStore, writers: number, seconds: number): Promise<Sample> {
  return timed(writers, seconds, async (deadline) => {
    let commands = 0;
    for (let i = 0; i < MAX_PAIRS_PER_WRITER && performance.now() < deadline; i++) {
      const [a, b, id] = [randomUUID(), randomUUID(), randomUUID()];
      const run = (command: PairCommand) =>
        handleCommand(store, pairStream(a, b), pairAggregate, (s) => decidePair(command, s), metadata(i));
      await run({
        type: 'RequestConnection',
        connectionId: id,
        fromUserId: a,
        toUserId: b,
        message: 'hello',
      });
      await run({ type: 'AcceptConnection', connectionId: id, byUserId: b });
      commands += 2;
    }
    return commands;
  });
}

/** The same two events per pair, appended one at a time with the revision already known: no read, no fold. */
function bareAppends(store: EventStore, writers: number, seconds: number): Promise<Sample> {
  return timed(writers, seconds, async (deadline) => {
    let appends = 0;
    for (let i = 0; i < MAX_PAIRS_PER_WRITER && performance.now() < deadline; i++) {
      const [a, b, id] = [randomUUID(), randomUUID(), randomUUID()];
      const pair = { connectionId: id, fromUserId: a, toUserId: b };
      const events: PairEvent[] = [
        { type: 'ConnectionRequested', data: { ...pair, message: 'hello' } },
        { type: 'ConnectionAccepted', data: pair },
      ];
      const r = await store.append(pairStream(a, b), [pairEvents.encode(events[0]!, metadata(i))], {
        expectedRevision: 'no_stream',
      });
      await store.append(pairStream(a, b), [pairEvents.encode(events[1]!, metadata(i))], {
        expectedRevision: r.revision,
      });
      appends += 2;
    }
    return appends;
  });
}

async function timed(writers: number, seconds: number, work: (deadline: number) => Promise<number>) {
  const start = performance.now();
  const counts = await Promise.all(Array.from({ length: writers }, () => work(start + seconds * 1000)));
  const ms = performance.now() - start;
  const count = counts.reduce((x, y) => x + y, 0);
  return { count, ms, perSecond: rate(count, ms) };
}

/** RACERS requests on one fresh pair at once, alternating directions; ms until all answered. */
async function race(
  store: EventStore,
  racers: number,
): Promise<{ ms: number; recorded: number; refused: number }> {
  const [a, b] = [randomUUID(), randomUUID()];
  const start = performance.now();
  const outcomes = await Promise.allSettled(
    Array.from({ length: racers }, (_, i) => {
      const [from, to] = i % 2 === 0 ? [a, b] : [b, a];
      const command: PairCommand = {
        type: 'RequestConnection',
        connectionId: randomUUID(),
        fromUserId: from,
        toUserId: to,
        message: null,
      };
      return handleCommand(
        store,
        pairStream(a, b),
        pairAggregate,
        (s) => decidePair(command, s),
        metadata(i),
      );
    }),
  );
  const ms = performance.now() - start;
  const refused = outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof AppError).length;
  const recorded = (await store.readStream(pairStream(a, b))).length;
  return { ms, recorded, refused };
}

interface Pair {
  writers: number;
  handlers: Sample[];
  bare: Sample[];
}

async function benchTarget(
  target: Target,
  options: { runs: number; seconds: number; writers: number; races: number },
) {
  const log = (m: string) => console.log(m);
  const loadStart = os.loadavg()[0]!;
  const store = await PostgresEventStore.create({ db: target.handle.db, pool: target.handle.pool });
  log(`\n== ${target.label}`);
  const pairs: Pair[] = [...new Set([1, options.writers])].map((writers) => ({
    writers,
    handlers: [],
    bare: [],
  }));
  const raceMs: number[] = [];
  const singleMs: number[] = [];
  let raceCorrect = true;
  try {
    for (const { writers } of pairs) {
      await viaHandlers(store, writers, 1);
      await bareAppends(store, writers, 1);
    }
    // Rounds alternate the order inside each pair, so drift on a shared machine favours neither side.
    for (let round = 1; round <= options.runs; round++) {
      for (const p of pairs) {
        const runs = [
          async () => p.handlers.push(await viaHandlers(store, p.writers, options.seconds)),
          async () => p.bare.push(await bareAppends(store, p.writers, options.seconds)),
        ];
        for (const run of round % 2 === 1 ? runs : [...runs].reverse()) await run();
        log(
          `  run ${round}/${options.runs}, ${p.writers} writer(s): handlers ${fmtRate(p.handlers.at(-1)!.perSecond)} commands/s, bare ${fmtRate(p.bare.at(-1)!.perSecond)} appends/s`,
        );
      }
    }
    for (let i = 0; i < options.races; i++) {
      const r = await race(store, RACERS);
      const single = await race(store, 1);
      raceMs.push(r.ms);
      singleMs.push(single.ms);
      if (r.recorded !== 1 || r.refused !== RACERS - 1 || single.recorded !== 1) {
        raceCorrect = false;
        log(`  race ${i + 1}: ${r.recorded} recorded, ${r.refused} refused (expected 1 and ${RACERS - 1})`);
      }
    }
  } finally {
    await store.close();
  }
  const rows: string[][] = [];
  const ratios = pairs.map((p) => {
    const h = median(p.handlers.map((s) => s.perSecond));
    const b = median(p.bare.map((s) => s.perSecond));
    const runs = (samples: Sample[]) => samples.map((s) => fmtRate(s.perSecond)).join(' / ');
    rows.push([
      'request + accept via handleCommand (commands)',
      String(p.writers),
      runs(p.handlers),
      fmtRate(h),
    ]);
    rows.push([
      'baseline: bare appends, revision known (appends)',
      String(p.writers),
      runs(p.bare),
      fmtRate(b),
    ]);
    const paired = median(p.handlers.map((s, i) => s.perSecond / p.bare[i]!.perSecond));
    return { writers: p.writers, ofMedians: h / b, paired };
  });
  const single = ratios[0]!;
  const raceMedian = median(raceMs);
  const singleMedian = median(singleMs);
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const report = [
    `\n${target.label} (1-min load average ${loadStart.toFixed(1)} -> ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs)`,
    table(['case', 'writers', 'runs (per second)', 'median per second'], rows),
    ...ratios.map(
      (r) =>
        `handlers / bare at ${r.writers} writer(s): ${fmtRatio(r.ofMedians)} of medians, ${fmtRatio(r.paired)} paired`,
    ),
    `race: ${RACERS} requests on one pair, median ${ms(raceMedian)} until all answered (p90 ${ms(quantile(raceMs, 0.9))}); one uncontended request ${ms(singleMedian)}; ${options.races} races, exactly one request recorded each: ${raceCorrect ? 'yes' : 'NO'}`,
    `target: command path >= 40% of bare appends at 1 writer: ${single.ofMedians >= 0.4 ? 'MET' : 'MISSED'} (${fmtRatio(single.ofMedians)}; paired ${fmtRatio(single.paired)})`,
    `target: a ${RACERS}-way race settles within ${RACERS}x one request: ${raceMedian <= RACERS * singleMedian ? 'MET' : 'MISSED'} (${(raceMedian / singleMedian).toFixed(1)}x)`,
  ].join('\n');
  return { report, raceCorrect };
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}
