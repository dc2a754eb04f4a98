/**
 * Event store and projection benchmark (docs/benchmarks.md). Each figure is the median of several runs,
 * next to a baseline measured in the same run on the same database:
 *   1. appends through PostgresEventStore (1 and 8 writers) vs. raw single-row INSERTs;
 *   2. ProjectionRunner catch-up with the activity log vs. raw page-read + multi-row upserts.
 *
 *   npm run bench                                   PGlite, plus the server in DATABASE_URL if set
 *   npm run bench -- --postgres postgres://postgres@127.0.0.1:5433/postgres
 *   options: --runs 5  --seconds 2  --pglite-events 20000  --server-events 50000  --no-pglite
 *   npm run bench -- connections [options]           connection commands (bench/connections.ts)
 *   npm run bench -- yjs                             the Yjs document server (bench/yjs/run-yjs.ts)
 *   npm run bench -- messages [options]              direct-message delivery (bench/messages.ts)
 *   npm run bench -- matching [options]              matching vs a difflib scan (bench/matching/main.ts)
 *   npm run bench -- live-social [options]           connection/group updates reaching the other person (bench/live-social.ts)
 *   npm run bench -- sessions [options]              a crowd registering, and browsing 100,000 sessions (bench/sessions.ts)
 *   npm run bench -- audit                           audit replay: stream pages, log search, folding (bench/audit.ts)
 *   npm run bench -- encryption [options]            personal-data encryption vs the bare store (bench/encryption.ts)
 *   npm run bench -- encryption-codec                sealing and opening one event alone, µs (bench/encryption-codec.ts)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchAppend, type AppendResults } from './append.ts';
import { benchProjection, type ProjectionResults } from './projection.ts';
import { intArg } from './args.ts';
import { fmtRate, fmtRatio, table } from './stats.ts';
import { activeScratch, checkLocalUrl, openPgliteTarget, openServerTarget, type Target } from './target.ts';

const WATCHDOG_MINUTES = 15;

// Sub-commands run one feature's benchmark alone: `npm run bench -- <name> [its options]`.
const subcommands: Record<string, () => Promise<unknown>> = {
  connections: async () => {
    const { main } = await import('./connections.ts');
    process.exitCode = await main(process.argv.slice(3));
  },
  'doc-messages': () => import('./doc-messages-run.ts'),
  yjs: async () => {
    const { runYjsBench } = await import('./yjs/run-yjs.ts');
    process.exitCode = await runYjsBench(process.argv.slice(3));
  },
  messages: () => import('./messages.ts'),
  matching: () => import('./matching/main.ts'),
  'live-social': () => import('./live-social.ts'),
  sessions: () => import('./sessions.ts'),
  audit: () => import('./audit.ts'),
  'encryption-codec': () => import('./encryption-codec.ts'),
  encryption: () => import('./encryption.ts'),
};
const subcommand = subcommands[process.argv[2] ?? ''];
if (subcommand) {
  await subcommand();
  process.exit(process.exitCode ?? 0);
}

const { values: args } = parseArgs({
  options: {
    postgres: { type: 'string' },
    runs: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '2' },
    'pglite-events': { type: 'string', default: '20000' },
    'server-events': { type: 'string', default: '50000' },
    'no-pglite': { type: 'boolean', default: false },
  },
});

const runs = intArg('runs', args.runs, 1, 15);
const seconds = intArg('seconds', args.seconds, 1, 30);
const pgliteEvents = intArg('pglite-events', args['pglite-events'], 1_000, 200_000);
const serverEvents = intArg('server-events', args['server-events'], 1_000, 500_000);
const serverUrl = args.postgres ?? process.env.DATABASE_URL;
if (serverUrl) checkLocalUrl(serverUrl);
if (runs < 3) console.warn(`note: --runs ${runs} is below 3; medians of fewer runs are noisy`);

const log = (message: string) => console.log(message);

interface TargetResult {
  kind: Target['kind'];
  label: string;
  append: AppendResults;
  projection: ProjectionResults;
  targets: { appendAt8: boolean; gapFree: boolean; projectionAtHalf: boolean };
  /** 1-minute load average before and after this target: the machine is shared, so say how busy it was. */
  loadAverage: { start: number; end: number };
}

async function cleanup(): Promise<void> {
  for (const drop of [...activeScratch])
    await drop().catch((e: unknown) => console.error('could not drop scratch database', e));
}

// Bound the whole run in time: a stuck run drops its scratch database and exits.
const watchdog = setTimeout(() => {
  console.error(`benchmark exceeded ${WATCHDOG_MINUTES} minutes; aborting`);
  void cleanup().finally(() => process.exit(2));
}, WATCHDOG_MINUTES * 60_000);
watchdog.unref();
process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));

async function benchTarget(open: () => Promise<Target>, events: number): Promise<TargetResult> {
  const loadStart = os.loadavg()[0]!;
  const target = await open();
  try {
    log(`\n== ${target.label}`);
    log(`-- appends: ${runs} rounds of ${seconds} s per case`);
    const append = await benchAppend(target, { runs, seconds, log });
    log(`-- projection catch-up: ${events} events, ${runs} rounds`);
    const projection = await benchProjection(target, { runs, events, log });
    const at8 = append.cases.find((c) => c.id === 'adapter-8')!;
    const raw8 = append.cases.find((c) => c.id === 'raw-8')!;
    return {
      kind: target.kind,
      label: target.label,
      append,
      projection,
      targets: {
        appendAt8: at8.median >= raw8.median,
        gapFree: append.gapFree,
        projectionAtHalf: projection.ratio >= 0.5,
      },
      loadAverage: { start: loadStart, end: os.loadavg()[0]! },
    };
  } finally {
    await target.close();
  }
}

function report(result: TargetResult): string {
  const { append, projection } = result;
  const ratioOf = (id: string) => append.ratios[id];
  const appendRows = append.cases.map((c) => [
    c.label,
    String(c.writers),
    String(c.connections),
    c.samples.map((s) => fmtRate(s.perSecond)).join(' / '),
    fmtRate(c.median),
    ratioOf(c.id) ? fmtRatio(ratioOf(c.id)!.ofMedians) : '',
    ratioOf(c.id) ? fmtRatio(ratioOf(c.id)!.pairedMedian) : '',
    c.gapChecks ? (c.gapChecks.every((g) => g.gapFree) ? 'yes' : 'NO') : '',
  ]);
  const projRows = [
    ['engine: ProjectionRunner + activity log', projection.engine],
    ['baseline: raw page read + multi-row upsert', projection.baseline],
  ].map(([label, r]) => {
    const res = r as ProjectionResults['engine'];
    return [label as string, res.samples.map((s) => fmtRate(s.perSecond)).join(' / '), fmtRate(res.median)];
  });
  const t = result.targets;
  return [
    `\n${result.label} (1-min load average ${result.loadAverage.start.toFixed(1)} -> ${result.loadAverage.end.toFixed(1)} on ${os.cpus().length} CPUs)`,
    table(
      [
        'append case',
        'writers',
        'conns',
        'runs (events/s)',
        'median events/s',
        'vs raw',
        'paired',
        'gap-free',
      ],
      appendRows,
    ),
    '',
    table(
      [`catch-up, ${projection.events.toLocaleString('en-US')} events`, 'runs (events/s)', 'median events/s'],
      projRows,
    ),
    `engine / baseline: ${fmtRatio(projection.ratio)} of medians, ${fmtRatio(projection.pairedRatio)} paired (per round: ${projection.perRound.map(fmtRatio).join(' / ')})`,
    `("paired" = median over rounds of adapter/raw measured back to back in that round)`,
    '',
    `target: adapter at 8 writers >= raw INSERT at 8: ${t.appendAt8 ? 'MET' : 'MISSED'} (${fmtRatio(append.ratios['adapter-8']!.ofMedians)}; paired ${fmtRatio(append.ratios['adapter-8']!.pairedMedian)})`,
    `target: log gap-free after every adapter run:     ${t.gapFree ? 'MET' : 'MISSED'}`,
    `target: projection >= 50% of multi-row upserts:   ${t.projectionAtHalf ? 'MET' : 'MISSED'} (${fmtRatio(projection.ratio)}; paired ${fmtRatio(projection.pairedRatio)})`,
  ].join('\n');
}

async function main(): Promise<void> {
  const started = new Date();
  const load = os.loadavg();
  const results: TargetResult[] = [];
  if (!args['no-pglite']) results.push(await benchTarget(openPgliteTarget, pgliteEvents));
  if (serverUrl) results.push(await benchTarget(() => openServerTarget(serverUrl), serverEvents));
  if (results.length === 0) throw new Error('nothing to run: --no-pglite without --postgres or DATABASE_URL');

  console.log('\n======== results (medians of ' + runs + ' runs) ========');
  for (const r of results) console.log(report(r));

  const cpus = os.cpus();
  const out = {
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      loadAverageAtStart: load,
      loadAverageAtEnd: os.loadavg(),
    },
    config: { runs, secondsPerAppendRun: seconds, pgliteEvents, serverEvents },
    results,
  };
  const file = join(dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');
  mkdirSync(dirname(file), { recursive: true });
  const compact = (_key: string, v: unknown) =>
    typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v;
  writeFileSync(file, `${JSON.stringify(out, compact, 2)}\n`);
  console.log(`\nwrote ${file}`);
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanup();
  clearTimeout(watchdog);
}
