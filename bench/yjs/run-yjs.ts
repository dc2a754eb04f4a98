/**
 * Yjs document server benchmark (docs/benchmarks.md, "Yjs document server"):
 *   1. fan-out: one writer posting 20 messages/s to one document watched by 100 and 500 clients, our
 *      server (validating and persisting every update) beside @y/websocket-server 0.1.1 in the same run;
 *   2. server RSS with 500 clients on one document and on 500 documents;
 *   3. load time of a document with 100,000 past updates (with snapshots) vs 1,000.
 *
 *   npm run bench -- yjs [--runs 3] [--seconds 5] [--clients 100,500] [--postgres URL] [--skip-load]
 *                        [--skip-fanout] (fan-out and memory)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fmtRatio, median, table } from '../stats.ts';
import { scratchDatabase } from '../target.ts';
import { Watcher, Writer } from './clients.ts';
import { benchLoad, type LoadResults } from './load.ts';

const here = dirname(fileURLToPath(import.meta.url));
const RATE = 20;

interface Server {
  kind: 'ours' | 'reference';
  url: string;
  child: ChildProcess;
  ask<T>(request: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

async function startChild(kind: Server['kind'], env: Record<string, string>): Promise<Server> {
  const child = fork(join(here, 'serve.ts'), [kind], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const pending = new Map<number, (value: unknown) => void>();
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
    child.on('message', (m: { ready?: boolean; url?: string; id?: number }) => {
      if (m.ready) resolve(m.url!);
      else if (m.id !== undefined) pending.get(m.id)?.(m);
    });
  });
  return {
    kind,
    url,
    child,
    ask: <T>(request: Record<string, unknown>) =>
      new Promise<T>((resolve) => {
        const id = ++next;
        pending.set(id, resolve as (v: unknown) => void);
        child.send({ ...request, id });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

interface Account {
  userId: string;
  cookie: string;
}

async function register(base: string): Promise<Account> {
  const res = await fetch(`${base}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `bench.${randomBytes(6).toString('hex')}@example.com`,
      password: 'correct horse battery',
      displayName: 'Bench',
    }),
  });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string } };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { userId: body.user.id, cookie };
}

/** Opens `count` watchers, `batch` at a time (a burst of 500 handshakes is not what we measure). */
async function openWatchers(url: string, cookie: string | undefined, count: number, batch = 50) {
  const watchers: Watcher[] = [];
  for (let i = 0; i < count; i += batch) {
    const n = Math.min(batch, count - i);
    watchers.push(...(await Promise.all(Array.from({ length: n }, () => Watcher.open(url, cookie)))));
  }
  return watchers;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface ServerStats {
  /** Mean ms per accepted update in each step (ours only): validate, apply, relay to every socket, append. */
  stats?: Record<'updates' | 'relayedFrames' | 'validate' | 'apply' | 'relay' | 'append', number>;
  /** The server's event-loop delay during the round, ms. */
  loop: { p50: number; p99: number };
}

interface FanoutSample {
  p50: number;
  p99: number;
  delivered: number;
  expected: number;
  server: ServerStats;
}

/** One run: a fresh document, `clients` watchers, `seconds` of posting at 20/s; latency send → arrival. */
async function fanoutRun(
  server: Server,
  account: Account | undefined,
  doc: string,
  clients: number,
  seconds: number,
) {
  const url = `${server.url.replace('http', 'ws')}/yjs/${doc}`;
  const watchers = await openWatchers(url, account?.cookie, clients);
  const writer = await Writer.open(url, account?.cookie);
  const count = RATE * seconds;
  await server.ask({ cmd: 'stats' }); // resets the counters: the round starts here
  try {
    for (let i = 0; i < count; i++) {
      writer.post(account?.userId ?? 'reference', `bench message ${i} ${'x'.repeat(80)}`);
      await new Promise((r) => setTimeout(r, 1000 / RATE));
    }
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && watchers.some((w) => w.arrivals.length < count)) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const serverStats = await server.ask<ServerStats>({ cmd: 'stats' });
    const latencies: number[] = [];
    for (const w of watchers) {
      w.arrivals.slice(0, count).forEach((t, k) => latencies.push(t - writer.sentAt[k]!));
    }
    latencies.sort((a, b) => a - b);
    return {
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      delivered: latencies.length,
      expected: count * clients,
      server: { ...(serverStats.stats && { stats: serverStats.stats }), loop: serverStats.loop },
    } satisfies FanoutSample;
  } finally {
    writer.close();
    for (const w of watchers) w.close();
  }
}

function describeServer({ stats, loop }: ServerStats): string {
  const steps = stats
    ? `per update: validate ${stats.validate.toFixed(2)}, apply ${stats.apply.toFixed(2)}, relay ${stats.relay.toFixed(2)}, append ${stats.append.toFixed(2)} ms; `
    : '';
  return `${steps}event loop delay p50 ${loop.p50.toFixed(1)}, p99 ${loop.p99.toFixed(1)} ms`;
}

async function docFor(server: Server, account: Account | undefined, label: string): Promise<string> {
  if (server.kind === 'reference') return `${label}-${randomBytes(4).toString('hex')}`;
  const [groupId] = await server
    .ask<{ groups: string[] }>({ cmd: 'groups', adminId: account!.userId, count: 1 })
    .then((r) => r.groups);
  return `group-${groupId}`;
}

async function benchFanout(
  ours: Server,
  reference: Server,
  account: Account,
  clientCounts: number[],
  runs: number,
  seconds: number,
  log: (s: string) => void,
) {
  const results: Array<{ clients: number; ours: FanoutSample[]; reference: FanoutSample[] }> = [];
  log('-- fan-out warm-up (2 s each, not measured)');
  for (const server of [ours, reference]) {
    const acc = server.kind === 'ours' ? account : undefined;
    await fanoutRun(server, acc, await docFor(server, acc, 'warm'), 20, 2);
  }
  for (const clients of clientCounts) {
    const row = { clients, ours: [] as FanoutSample[], reference: [] as FanoutSample[] };
    for (let r = 0; r < runs; r++) {
      const order = r % 2 === 0 ? [ours, reference] : [reference, ours];
      for (const server of order) {
        const acc = server.kind === 'ours' ? account : undefined;
        const sample = await fanoutRun(server, acc, await docFor(server, acc, 'fanout'), clients, seconds);
        row[server.kind].push(sample);
        log(
          `   ${clients} clients, round ${r + 1}, ${server.kind}: p50 ${sample.p50.toFixed(1)} ms, p99 ${sample.p99.toFixed(1)} ms, delivered ${sample.delivered}/${sample.expected}; ${describeServer(sample.server)}`,
        );
      }
    }
    results.push(row);
  }
  return results;
}

async function benchMemory(server: Server, account: Account | undefined, log: (s: string) => void) {
  const rss = async () => (await server.ask<{ rss: number }>({ cmd: 'rss' })).rss;
  const idle = await rss();
  const one = await docFor(server, account, 'memory');
  let watchers = await openWatchers(`${server.url.replace('http', 'ws')}/yjs/${one}`, account?.cookie, 500);
  const oneDoc = await rss();
  for (const w of watchers) w.close();
  const docs =
    server.kind === 'ours'
      ? (
          await server.ask<{ groups: string[] }>({ cmd: 'groups', adminId: account!.userId, count: 500 })
        ).groups.map((g) => `group-${g}`)
      : Array.from({ length: 500 }, (_, i) => `memory-${i}-${randomBytes(3).toString('hex')}`);
  watchers = [];
  for (let i = 0; i < docs.length; i += 50) {
    watchers.push(
      ...(await Promise.all(
        docs
          .slice(i, i + 50)
          .map((d) => Watcher.open(`${server.url.replace('http', 'ws')}/yjs/${d}`, account?.cookie)),
      )),
    );
  }
  const manyDocs = await rss();
  for (const w of watchers) w.close();
  log(
    `   ${server.kind}: idle ${mb(idle)}, 500 clients on 1 doc ${mb(oneDoc)}, 500 clients on 500 docs ${mb(manyDocs)}`,
  );
  return { idle, oneDoc, manyDocs };
}

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

export async function runYjsBench(argv: string[]): Promise<number> {
  const { values: args } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '5' },
      clients: { type: 'string', default: '100,500' },
      postgres: { type: 'string' },
      'skip-load': { type: 'boolean', default: false },
      'skip-fanout': { type: 'boolean', default: false },
    },
  });
  const runs = Number(args.runs);
  const seconds = Number(args.seconds);
  const clientCounts = args.clients.split(',').map(Number);
  const serverUrl = args.postgres ?? process.env.DATABASE_URL;
  const log = (s: string) => console.log(s);
  const started = new Date();
  const load = os.loadavg()[0]!;

  const dataDir = mkdtempSync(join(os.tmpdir(), 'skillswap-bench-yjs-'));
  let scratch: { url: string; drop(): Promise<void> } | undefined;
  if (serverUrl) scratch = await scratchDatabase(serverUrl, 'skillswap_bench_yjs');
  const env = { BENCH_DATA_DIR: dataDir, ...(scratch && { BENCH_DATABASE_URL: scratch.url }) };
  const database = scratch ? 'PostgreSQL server (scratch database)' : 'PGlite (file, in the child)';
  let ours: Server | undefined;
  let reference: Server | undefined;
  try {
    let fanout: Awaited<ReturnType<typeof benchFanout>> = [];
    let memory: Record<Server['kind'], Awaited<ReturnType<typeof benchMemory>>> | undefined;
    if (!args['skip-fanout']) {
      ours = await startChild('ours', env);
      reference = await startChild('reference', env);
      const account = await register(ours.url);
      log(`== Yjs fan-out on ${database}: ${runs} rounds of ${seconds} s at ${RATE} messages/s`);
      fanout = await benchFanout(ours, reference, account, clientCounts, runs, seconds, log);
      await ours.close();
      await reference.close();

      log('-- memory (fresh server processes)');
      ours = await startChild('ours', env);
      reference = await startChild('reference', env);
      const memAccount = await register(ours.url);
      memory = {
        ours: await benchMemory(ours, memAccount, log),
        reference: await benchMemory(reference, undefined, log),
      };
      await ours.close();
      await reference.close();
      ours = reference = undefined;
    }

    let loadResults: LoadResults | undefined;
    if (!args['skip-load']) {
      log('-- load time');
      loadResults = await benchLoad(scratch?.url, log);
    }

    const fanRows = fanout.map((row) => {
      const p50 = {
        ours: median(row.ours.map((s) => s.p50)),
        reference: median(row.reference.map((s) => s.p50)),
      };
      const p99 = {
        ours: median(row.ours.map((s) => s.p99)),
        reference: median(row.reference.map((s) => s.p99)),
      };
      const lost = row.ours.reduce((n, s) => n + s.expected - s.delivered, 0);
      return { clients: row.clients, p50, p99, ratio: p50.ours / p50.reference, lost };
    });
    console.log(
      `\n======== Yjs results (medians of ${runs} runs; load average ${load.toFixed(1)} -> ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs) ========`,
    );
    console.log(
      table(
        [
          'clients',
          'ours p50 ms',
          'reference p50 ms',
          'ours/ref p50',
          'ours p99 ms',
          'reference p99 ms',
          'undelivered (ours)',
        ],
        fanRows.map((r) => [
          String(r.clients),
          r.p50.ours.toFixed(1),
          r.p50.reference.toFixed(1),
          fmtRatio(r.ratio),
          r.p99.ours.toFixed(1),
          r.p99.reference.toFixed(1),
          String(r.lost),
        ]),
      ),
    );
    for (const r of fanRows)
      console.log(
        `target: p50 at ${r.clients} clients within 1.5x of the reference: ${r.ratio <= 1.5 ? 'MET' : 'MISSED'} (${r.ratio.toFixed(2)}x)`,
      );
    if (memory) {
      const rows = memory;
      console.log(
        '\n' +
          table(
            ['server RSS', 'idle', '500 clients, 1 doc', '500 clients, 500 docs'],
            (['ours', 'reference'] as const).map((k) => [
              k,
              mb(rows[k].idle),
              mb(rows[k].oneDoc),
              mb(rows[k].manyDocs),
            ]),
          ),
      );
    }
    if (loadResults) {
      console.log(
        '\n' +
          table(
            ['document', 'stream events', 'snapshot bytes', 'live messages', 'load median ms', 'runs ms'],
            loadResults.cases.map((c) => [
              c.label,
              c.events.toLocaleString('en-US'),
              c.snapshotBytes.toLocaleString('en-US'),
              c.liveMessages.toLocaleString('en-US'),
              c.median.toFixed(0),
              c.samples.map((s) => s.toFixed(0)).join(' / '),
            ]),
          ),
      );
    }
    const file = join(here, '..', 'results', 'yjs-latest.json');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(
      file,
      `${JSON.stringify({ startedAt: started.toISOString(), finishedAt: new Date().toISOString(), database, runs, seconds, rate: RATE, fanout, fanRows, memory, load: loadResults }, null, 2)}\n`,
    );
    console.log(`\nwrote ${file}`);
    return 0;
  } catch (error) {
    console.error(error);
    return 1;
  } finally {
    await ours?.close();
    await reference?.close();
    rmSync(dataDir, { recursive: true, force: true });
    await scratch?.drop();
  }
}
