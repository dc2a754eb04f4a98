/**
 * Wall and group message read model (docs/benchmarks.md, "Doc messages"): projection throughput against a
 * raw multi-row INSERT of the same rows, and `q` search through the GIN index against an unindexed
 * unaccent + ILIKE scan, medians of several runs in the same process and database.
 *
 *   npm run bench -- doc-messages [--runs 5] [--pglite-messages 20000] [--server-messages 50000] [--no-pglite]
 *   (the server is DATABASE_URL or --postgres postgres://postgres@127.0.0.1:5433/postgres)
 */
import { parseArgs } from 'node:util';
import { benchDocMessages, type DocMessagesResults } from './doc-messages.ts';
import { fmtRate, fmtRatio, table } from './stats.ts';
import { activeScratch, checkLocalUrl, openPgliteTarget, openServerTarget, type Target } from './target.ts';

const { values: args } = parseArgs({
  args: process.argv.slice(3),
  options: {
    postgres: { type: 'string' },
    runs: { type: 'string', default: '5' },
    'pglite-messages': { type: 'string', default: '20000' },
    'server-messages': { type: 'string', default: '50000' },
    'no-pglite': { type: 'boolean', default: false },
  },
});
const runs = Number(args.runs);
const serverUrl = args.postgres ?? process.env.DATABASE_URL;
if (serverUrl) checkLocalUrl(serverUrl);

function report(label: string, r: DocMessagesResults): string {
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  return [
    `\n${label}`,
    table(
      [`apply ${r.messages.toLocaleString('en-US')} posts`, 'runs (messages/s)', 'median'],
      [
        [
          'engine: doc-messages projection',
          r.engine.perSecond.map(fmtRate).join(' / '),
          fmtRate(r.engine.median),
        ],
        [
          'baseline: raw multi-row INSERT',
          r.baseline.perSecond.map(fmtRate).join(' / '),
          fmtRate(r.baseline.median),
        ],
      ],
    ),
    `engine / baseline: ${fmtRatio(r.ratio)}`,
    '',
    table(
      ['search q', 'hits (limit 50)', 'GIN tsvector (median)', 'unaccent ILIKE scan (median)', 'speed-up'],
      r.search.map((s) => [
        s.query,
        String(s.hits),
        ms(s.ginMs),
        ms(s.ilikeMs),
        `${(s.ilikeMs / s.ginMs).toFixed(1)}x`,
      ]),
    ),
    `page of 50 before a message 90% deep in history: ${ms(r.deepPageMs)} (median)`,
  ].join('\n');
}

async function run(open: () => Promise<Target>, messages: number): Promise<string> {
  const target = await open();
  try {
    console.log(`\n== ${target.label}`);
    return report(target.label, await benchDocMessages(target, { runs, messages, log: console.log }));
  } finally {
    await target.close();
  }
}

const reports: string[] = [];
try {
  if (!args['no-pglite']) reports.push(await run(openPgliteTarget, Number(args['pglite-messages'])));
  if (serverUrl) reports.push(await run(() => openServerTarget(serverUrl), Number(args['server-messages'])));
  console.log(`\n======== doc-messages results (medians of ${runs} runs) ========`);
  for (const r of reports) console.log(r);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  for (const drop of [...activeScratch]) await drop().catch(() => undefined);
}
