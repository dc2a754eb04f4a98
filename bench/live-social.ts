/**
 * What the other person's browser waits for (docs/benchmarks.md, "Live connection and group updates"):
 * from the start of one person's `POST /api/connections` (or `POST /api/groups/:id/members`) until the other
 * person's `/api/live` frame arrives, and until the reload the web app then sends (`GET` with
 * `X-Min-Position: <frame position>`) answers with the new request (or group) in it. The actor's own
 * answer time (POST → 201/204) is the in-run baseline. Requests are fired open loop at a fixed rate, each
 * between a pair that has none yet (user i asks user i+offset, a new offset per run).
 *
 *   npm run bench -- live-social                                   PGlite, plus the server in DATABASE_URL if set
 *   npm run bench -- live-social --postgres postgres://postgres@127.0.0.1:5433/postgres --no-pglite
 *   options: --seconds 10 --rate 20 --users 200 --runs 3
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { HttpClient } from '../tests/support/http-client.ts';
import { startTestApp, type TestApp } from '../tests/support/test-app.ts';
import { intArg } from './args.ts';
import { median, table } from './stats.ts';
import { checkLocalUrl } from './target.ts';

const { values: args } = parseArgs({
  args: process.argv.slice(3),
  options: {
    postgres: { type: 'string' },
    seconds: { type: 'string', default: '10' },
    rate: { type: 'string', default: '20' },
    users: { type: 'string', default: '200' },
    runs: { type: 'string', default: '3' },
    'no-pglite': { type: 'boolean', default: false },
  },
});
const seconds = intArg('seconds', args.seconds, 1, 60);
const rate = intArg('rate', args.rate, 1, 500);
const userCount = intArg('users', args.users, 4, 1_000);
const runs = intArg('runs', args.runs, 1, 9);
const serverUrl = args.postgres ?? process.env.DATABASE_URL;
if (serverUrl) checkLocalUrl(serverUrl);
if (runs * 2 >= userCount) throw new Error('--users must exceed twice --runs, so every run asks new pairs');
const DRAIN_MS = 10_000;

type Kind = 'connection' | 'group';
interface User {
  id: string;
  cookie: string;
  groupId: string;
  socket: WebSocket;
}
interface Op {
  begin: number;
  post?: number;
  frame?: number;
  fresh?: number;
}
interface Sample {
  kind: Kind;
  sent: number;
  failed: number;
  postP50: number;
  frameP50: number;
  freshP50: number;
  freshP99: number;
}

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : Number.NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function seed(app: TestApp, onFrame: (user: number, frame: Record<string, unknown>) => void) {
  const users: User[] = [];
  for (let i = 0; i < userCount; i++) {
    const client = new HttpClient(app.url);
    const res = await client.post<{ user: { id: string } }>('/api/auth/register', {
      json: { email: `${randomUUID()}@bench.example`, password: 'bench password 123', displayName: `B${i}` },
    });
    if (res.status !== 201) throw new Error(`register failed: ${res.status}`);
    const group = await client.post<{ id: string }>('/api/groups', { json: { name: `Group ${i}` } });
    if (group.status !== 201) throw new Error(`group failed: ${group.status}`);
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const socket = await new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`${app.url.replace(/^http/, 'ws')}/api/live`, { headers: { cookie } });
      ws.on('message', (data: Buffer) => {
        const frame = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
        if (frame.type === 'ready') resolve(ws);
        else onFrame(i, frame);
      });
      ws.once('error', reject);
    });
    users.push({ id: res.body.user.id, cookie, groupId: group.body.id, socket });
  }
  return users;
}

async function runOnce(app: TestApp, users: User[], ops: Map<string, Op>, kind: Kind, offset: number) {
  ops.clear();
  let sent = 0;
  let failed = 0;
  let inFlight = 0;
  const t0 = performance.now();
  const fire = (i: number) => {
    const actor = users[i]!;
    const other = users[(i + offset) % users.length]!;
    const op: Op = { begin: performance.now() };
    const key = kind === 'connection' ? `${actor.id}>${other.id}` : `${actor.groupId}>${other.id}`;
    ops.set(key, op);
    const path = kind === 'connection' ? '/api/connections' : `/api/groups/${actor.groupId}/members`;
    inFlight++;
    fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: { cookie: actor.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ userId: other.id }),
    })
      .then(async (res) => {
        await res.arrayBuffer();
        if (res.ok) op.post = performance.now() - op.begin;
        else failed++;
      })
      .catch(() => failed++)
      .finally(() => inFlight--);
  };
  const end = t0 + seconds * 1000;
  while (performance.now() < end && sent < users.length) {
    const due = Math.min(users.length, Math.floor(((performance.now() - t0) * rate) / 1000));
    while (sent < due) fire(sent++);
    await sleep(2);
  }
  const drainUntil = performance.now() + DRAIN_MS;
  const done = () => [...ops.values()].every((o) => o.fresh !== undefined);
  while ((inFlight > 0 || !done()) && performance.now() < drainUntil) await sleep(20);
  const sorted = (pick: (o: Op) => number | undefined) =>
    [...ops.values()]
      .map(pick)
      .filter((v): v is number => v !== undefined)
      .sort((a, b) => a - b);
  const fresh = sorted((o) => o.fresh);
  return {
    kind,
    sent,
    failed: failed + (sent - failed - fresh.length),
    postP50: pct(
      sorted((o) => o.post),
      50,
    ),
    frameP50: pct(
      sorted((o) => o.frame),
      50,
    ),
    freshP50: pct(fresh, 50),
    freshP99: pct(fresh, 99),
  } satisfies Sample;
}

/** The reload the web app sends on a frame; resolves when the answer holds what the frame announced. */
async function reloadUntilFresh(app: TestApp, user: User, kind: Kind, frame: Record<string, unknown>) {
  const path = kind === 'connection' ? '/api/connections' : '/api/groups';
  const res = await fetch(`${app.url}${path}`, {
    headers: { cookie: user.cookie, 'x-min-position': String(frame.position) },
  });
  const body = (await res.json()) as { incoming?: { id: string }[]; groups?: { id: string }[] };
  return kind === 'connection'
    ? (body.incoming ?? []).some((c) => c.id === frame.connectionId)
    : (body.groups ?? []).some((g) => g.id === frame.groupId);
}

async function benchMode(label: string, databaseUrl: string | undefined) {
  const loadStart = os.loadavg()[0]!;
  if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
  else delete process.env.DATABASE_URL;
  const app = await startTestApp({ LOG_LEVEL: 'warn' });
  const ops = new Map<string, Op>();
  let users: User[] = [];
  const onFrame = (index: number, frame: Record<string, unknown>) => {
    const at = performance.now();
    const user = users[index];
    const kind: Kind | null =
      frame.type === 'connection.requested'
        ? 'connection'
        : frame.type === 'group.member_added'
          ? 'group'
          : null;
    if (!user || !kind) return;
    const key =
      kind === 'connection' ? `${String(frame.userId)}>${user.id}` : `${String(frame.groupId)}>${user.id}`;
    const op = ops.get(key);
    if (!op) return;
    op.frame = at - op.begin;
    void reloadUntilFresh(app, user, kind, frame).then((ok) => {
      if (ok) op.fresh = performance.now() - op.begin;
    });
  };
  try {
    console.log(`\n== ${label}`);
    users = await seed(app, onFrame);
    const samples: Sample[] = [];
    for (let r = 0; r < runs; r++) {
      for (const kind of ['connection', 'group'] as const) {
        const s = await runOnce(app, users, ops, kind, r + 1);
        samples.push(s);
        console.log(
          `run ${r + 1} ${kind}: sent ${s.sent}, failed or late ${s.failed}; POST p50 ${s.postP50.toFixed(1)} ms, ` +
            `frame p50 ${s.frameP50.toFixed(1)} ms, list fresh p50 ${s.freshP50.toFixed(1)} ms p99 ${s.freshP99.toFixed(1)} ms`,
        );
      }
    }
    for (const u of users) u.socket.close();
    return { label, samples, loadAverage: { start: loadStart, end: os.loadavg()[0]! } };
  } finally {
    await app.close();
  }
}

const results = [];
if (!args['no-pglite']) results.push(await benchMode('PGlite, 1 process', undefined));
if (serverUrl) results.push(await benchMode('PostgreSQL server, 1 process', serverUrl));

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : 'n/a');
console.log(
  `\n======== live connection/group updates: medians of ${runs} run(s), ${rate}/s for up to ${seconds} s, ${userCount} users ========`,
);
const rows: string[][] = [];
for (const r of results) {
  for (const kind of ['connection', 'group'] as const) {
    const of = r.samples.filter((s) => s.kind === kind);
    const m = (pick: (s: Sample) => number) => median(of.map(pick));
    rows.push([
      r.label,
      kind === 'connection' ? 'request → inbox' : 'add → groups list',
      ms(m((s) => s.postP50)),
      ms(m((s) => s.frameP50)),
      ms(m((s) => s.freshP50)),
      ms(m((s) => s.freshP99)),
      `${(m((s) => s.freshP50) / m((s) => s.postP50)).toFixed(2)}x`,
      String(of.reduce((n, s) => n + s.failed, 0)),
      `${r.loadAverage.start.toFixed(1)}->${r.loadAverage.end.toFixed(1)}`,
    ]);
  }
}
console.log(
  table(
    ['mode', 'what', 'POST p50', 'frame p50', 'fresh p50', 'fresh p99', 'fresh/POST', 'failed', 'load'],
    rows,
  ),
);
const file = join(dirname(fileURLToPath(import.meta.url)), 'results', 'live-social.json');
mkdirSync(dirname(file), { recursive: true });
writeFileSync(
  file,
  `${JSON.stringify({ at: new Date().toISOString(), cpus: os.cpus().length, config: { seconds, rate, userCount, runs }, results }, null, 2)}\n`,
);
console.log(`\nwrote ${file}`);
