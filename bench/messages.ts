/**
 * Direct-message delivery benchmark (docs/benchmarks.md, "Direct messages"): `users` people in a ring,
 * each connected to the next and holding one `/api/live` socket; messages are POSTed at a fixed rate
 * (open loop) and each is timed from the start of its POST to the recipient's `message.received` frame.
 * The POST's own answer time is the in-run baseline. Modes: PGlite (one process, in this process), and
 * on a Postgres server one app process and two (every message then crosses processes).
 *
 *   npm run bench -- messages                                  PGlite, plus the server in DATABASE_URL if set
 *   npm run bench -- messages --postgres postgres://postgres@127.0.0.1:5433/postgres --no-pglite
 *   options: --seconds 30 --rate 200 --users 200 --runs 3   (quick: --seconds 5 --runs 1 --users 50 --rate 50)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path, { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/database.ts';
import type { EventStore } from '../src/platform/event-store/port.ts';
import { PostgresEventStore } from '../src/platform/event-store/postgres.ts';
import { startServer } from '../src/server.ts';
import { spawnApp, type AppProcess } from '../tests/support/app-process.ts';
import { connectUsers } from '../tests/support/connect-users.ts';
import { HttpClient } from '../tests/support/http-client.ts';
import { intArg } from './args.ts';
import { fmtRate, median, table } from './stats.ts';
import { checkLocalUrl, scratchDatabase } from './target.ts';

const { values: args } = parseArgs({
  args: process.argv.slice(3),
  options: {
    postgres: { type: 'string' },
    seconds: { type: 'string', default: '30' },
    rate: { type: 'string', default: '200' },
    users: { type: 'string', default: '200' },
    runs: { type: 'string', default: '3' },
    'no-pglite': { type: 'boolean', default: false },
  },
});
const seconds = intArg('seconds', args.seconds, 1, 120);
const rate = intArg('rate', args.rate, 1, 2_000);
const userCount = intArg('users', args.users, 2, 1_000);
const runs = intArg('runs', args.runs, 1, 9);
const serverUrl = args.postgres ?? process.env.DATABASE_URL;
if (serverUrl) checkLocalUrl(serverUrl);
const MAX_IN_FLIGHT = 2_000;
const DRAIN_MS = 10_000;

interface Env {
  label: string;
  urls: string[];
  store: EventStore;
  close(): Promise<void>;
}

interface User {
  id: string;
  cookie: string;
  /** Index of the app process this user talks to and listens on. */
  home: number;
}

interface Sample {
  sent: number;
  errors: number;
  /** Failed POSTs by HTTP status (0: no answer). */
  errorsByStatus: Record<string, number>;
  delivered: number;
  missing: number;
  sendRate: number;
  deliveredRate: number;
  deliveryP50: number;
  deliveryP99: number;
  postP50: number;
  postP99: number;
}

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : Number.NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const appEnv = {
  RATE_LIMIT_LOGIN_PER_MINUTE: '1000000',
  RATE_LIMIT_REGISTER_PER_HOUR: '1000000',
  RATE_LIMIT_MESSAGES_PER_MINUTE: '1000000',
  LOG_LEVEL: 'warn',
};

async function pgliteEnv(): Promise<Env> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'skillswap-bench-'));
  const server = await startServer(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...appEnv }),
  );
  return {
    label: 'PGlite, 1 app process (load generator in the same process)',
    urls: [server.url],
    store: server.platform.deps.store,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function serverEnv(base: string, processes: number): Promise<Env> {
  const scratch = await scratchDatabase(base, 'skillswap_bench_dm');
  const url = scratch.url;
  const apps: AppProcess[] = [];
  let database: DatabaseHandle | undefined;
  let store: PostgresEventStore | undefined;
  const drop = () => scratch.drop();
  try {
    // One at a time: each migrates the database on start.
    for (let i = 0; i < processes; i++) apps.push(await spawnApp(url, { ...appEnv, LOG_LEVEL: 'info' }));
    database = await openDatabase({ databaseUrl: url, poolSize: 2 });
    database.pool?.on('error', () => undefined);
    store = await PostgresEventStore.create({ db: database.db });
  } catch (error) {
    await Promise.all(apps.map((a) => a.stop()));
    await database?.close();
    await drop();
    throw error;
  }
  const [db, s] = [database, store];
  return {
    label: `PostgreSQL server, ${processes} app process${processes > 1 ? 'es (every message crosses processes)' : ''}`,
    urls: apps.map((a) => a.url),
    store: s,
    async close() {
      await Promise.all(apps.map((a) => a.stop()));
      await s.close();
      await db.close();
      await drop();
    },
  };
}

async function seed(env: Env): Promise<User[]> {
  const users: User[] = new Array<User>(userCount);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < userCount; i = next++) {
      const home = i % env.urls.length;
      const client = new HttpClient(env.urls[home]!);
      const res = await client.post<{ user: { id: string } }>('/api/auth/register', {
        json: {
          email: `${randomUUID()}@bench.example`,
          password: 'bench password 123',
          displayName: `Bench ${i}`,
        },
      });
      if (res.status !== 201) throw new Error(`register failed: ${res.status}`);
      const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      users[i] = { id: res.body.user.id, cookie, home };
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  for (let i = 0; i < userCount; i++)
    await connectUsers(env.store, users[i]!.id, users[(i + 1) % userCount]!.id);
  return users;
}

async function openSockets(env: Env, users: User[], onFrame: (data: string, at: number) => void) {
  return Promise.all(
    users.map(
      (user) =>
        new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(`${env.urls[user.home]!.replace(/^http/, 'ws')}/api/live`, {
            headers: { cookie: user.cookie },
          });
          ws.on('message', (data: Buffer) => {
            const text = data.toString('utf8');
            if (text.includes('"type":"ready"')) resolve(ws);
            else onFrame(text, performance.now());
          });
          ws.once('error', reject);
        }),
    ),
  );
}

async function runOnce(env: Env, users: User[]): Promise<Sample> {
  const started = new Map<string, number>();
  const delivery: number[] = [];
  const post: number[] = [];
  let lastDelivery = 0;
  const sockets = await openSockets(env, users, (text, at) => {
    if (!text.includes('"type":"message.received"')) return;
    const token = /"body":"(bench-[^"]+)"/.exec(text)?.[1];
    const t0 = token ? started.get(token) : undefined;
    if (t0 === undefined || !token) return;
    started.delete(token);
    delivery.push(at - t0);
    lastDelivery = at;
  });
  let sent = 0;
  let errors = 0;
  const errorsByStatus: Record<string, number> = {};
  const fail = (status: number) => {
    errors++;
    errorsByStatus[status] = (errorsByStatus[status] ?? 0) + 1;
  };
  let inFlight = 0;
  const runId = randomBytes(3).toString('hex');
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  const fire = (k: number) => {
    const i = k % users.length;
    const from = users[i]!;
    const to = users[(i + 1) % users.length]!;
    const token = `bench-${runId}-${k}`;
    const begin = performance.now();
    started.set(token, begin);
    inFlight++;
    fetch(`${env.urls[from.home]!}/api/conversations/${to.id}/messages`, {
      method: 'POST',
      headers: { cookie: from.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ body: token }),
    })
      .then(async (res) => {
        await res.arrayBuffer();
        if (res.status === 201) post.push(performance.now() - begin);
        else fail(res.status);
      })
      .catch(() => fail(0))
      .finally(() => inFlight--);
  };
  while (performance.now() < end) {
    const due = Math.floor(((performance.now() - t0) * rate) / 1000);
    while (sent < due && inFlight < MAX_IN_FLIGHT) fire(sent++);
    await sleep(2);
  }
  const sendEnded = performance.now();
  const drainUntil = sendEnded + DRAIN_MS;
  while ((inFlight > 0 || started.size > errors) && performance.now() < drainUntil) await sleep(20);
  await Promise.all(sockets.map((s) => new Promise((r) => (s.once('close', r), s.close()))));
  delivery.sort((a, b) => a - b);
  post.sort((a, b) => a - b);
  return {
    sent,
    errors,
    errorsByStatus,
    delivered: delivery.length,
    missing: sent - errors - delivery.length,
    sendRate: (sent * 1000) / (sendEnded - t0),
    deliveredRate: (delivery.length * 1000) / (Math.max(lastDelivery, sendEnded) - t0),
    deliveryP50: pct(delivery, 50),
    deliveryP99: pct(delivery, 99),
    postP50: pct(post, 50),
    postP99: pct(post, 99),
  };
}

interface ModeResult {
  label: string;
  samples: Sample[];
  medians: Omit<Sample, 'sent' | 'errors' | 'errorsByStatus' | 'delivered' | 'missing'>;
  loadAverage: { start: number; end: number };
}

async function benchMode(open: () => Promise<Env>): Promise<ModeResult> {
  const loadStart = os.loadavg()[0]!;
  const env = await open();
  try {
    console.log(`\n== ${env.label}`);
    const users = await seed(env);
    console.log(
      `seeded ${users.length} users in a ring of connections; ${runs} run(s) of ${seconds} s at ${rate}/s`,
    );
    const samples: Sample[] = [];
    for (let r = 0; r < runs; r++) {
      const s = await runOnce(env, users);
      samples.push(s);
      console.log(
        `run ${r + 1}: sent ${s.sent}, delivered ${s.delivered}, errors ${s.errors} ${JSON.stringify(s.errorsByStatus)}, missing ${s.missing}; ` +
          `delivery p50 ${s.deliveryP50.toFixed(1)} ms p99 ${s.deliveryP99.toFixed(1)} ms; ` +
          `POST p50 ${s.postP50.toFixed(1)} ms p99 ${s.postP99.toFixed(1)} ms; delivered ${fmtRate(s.deliveredRate)}/s`,
      );
    }
    const m = (pick: (s: Sample) => number) => median(samples.map(pick));
    return {
      label: env.label,
      samples,
      medians: {
        sendRate: m((s) => s.sendRate),
        deliveredRate: m((s) => s.deliveredRate),
        deliveryP50: m((s) => s.deliveryP50),
        deliveryP99: m((s) => s.deliveryP99),
        postP50: m((s) => s.postP50),
        postP99: m((s) => s.postP99),
      },
      loadAverage: { start: loadStart, end: os.loadavg()[0]! },
    };
  } finally {
    await env.close();
  }
}

const results: ModeResult[] = [];
if (!args['no-pglite']) results.push(await benchMode(pgliteEnv));
if (serverUrl) {
  results.push(await benchMode(() => serverEnv(serverUrl, 1)));
  results.push(await benchMode(() => serverEnv(serverUrl, 2)));
}
const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');
console.log(
  `\n======== direct messages: medians of ${runs} run(s), ${seconds} s at ${rate}/s, ${userCount} users ========`,
);
console.log(
  table(
    [
      'mode',
      'sent/s',
      'delivered/s',
      'POST->frame p50',
      'p99',
      'POST->201 p50',
      'p99',
      'p50 ratio',
      'missing',
      'load',
    ],
    results.map((r) => [
      r.label,
      fmtRate(r.medians.sendRate),
      fmtRate(r.medians.deliveredRate),
      `${ms(r.medians.deliveryP50)} ms`,
      `${ms(r.medians.deliveryP99)} ms`,
      `${ms(r.medians.postP50)} ms`,
      `${ms(r.medians.postP99)} ms`,
      `${(r.medians.deliveryP50 / r.medians.postP50).toFixed(2)}x`,
      String(r.samples.reduce((n, s) => n + s.missing + s.errors, 0)),
      `${r.loadAverage.start.toFixed(1)}->${r.loadAverage.end.toFixed(1)}`,
    ]),
  ),
);
const file = join(dirname(fileURLToPath(import.meta.url)), 'results', 'messages.json');
mkdirSync(dirname(file), { recursive: true });
writeFileSync(
  file,
  `${JSON.stringify({ at: new Date().toISOString(), cpus: os.cpus().length, config: { seconds, rate, userCount, runs }, results }, null, 2)}\n`,
);
console.log(`\nwrote ${file}`);
