/**
 * Sessions benchmark (docs/benchmarks.md, "Sessions").
 *
 * 1. A crowd registering: `people` signed-in people POST /api/sessions/:id/registrations at once for a
 *    session of `seats` seats. Measured: the time until every answer is in, and each answer's latency (p50,
 *    p99). Checked: every answer is 201, exactly `seats` registered and the rest waitlisted with places
 *    1..n. The baseline, in the same run on the same database, is raw SQL per request:
 *    `UPDATE bench_seats SET taken = taken + 1 WHERE id = $1 AND taken < cap`, and a waitlist INSERT when
 *    full. A second baseline puts the same SQL behind bare HTTP servers (bench/raw-http.ts: node:http, no
 *    framework, no sign-in), one per app process, which the crowd reaches as it reaches the app. Modes:
 *    PGlite (one app process, in this process), and on a Postgres server one and two app processes
 *    (requests alternate between them). Each crowd comes on new connections (each person opens one as
 *    the crowd comes: the server takes in one per turn of its event loop) and on connections already open
 *    (as a browser that shows the session page holds one, or a proxy a pool), `--connections new|open|both`.
 *    On a server started with pg_stat_statements, each crowd's statements are counted too (they do not
 *    depend on the machine's load). BENCH_CPU_PROFILE=<dir> makes the app processes write V8 CPU profiles
 *    there.
 * 2. Browsing at `browse` sessions (server only): GET /api/sessions with each filter over HTTP, and the
 *    read-model query alone, p50 and p95.
 *
 *   npm run bench -- sessions                                   PGlite, plus the server in DATABASE_URL if set
 *   npm run bench -- sessions --postgres postgres://postgres@127.0.0.1:54320/postgres
 *   options: --runs 3 --warmup 1 --people 500 --seats 100 --browse 100000 --queries 200 --connections both
 *            --no-pglite --no-browse --no-crowd
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os, { tmpdir } from 'node:os';
import path, { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import type { Db } from '../src/platform/db/database.ts';
import type { EventStore } from '../src/platform/event-store/port.ts';
import type { Deps } from '../src/platform/http/context.ts';
import { createSession as createSignIn } from '../src/platform/http/sessions.ts';
import { startServer } from '../src/server.ts';
import { userEventsFor } from '../tests/support/user-commands.ts';
import { intArg } from './args.ts';
import { benchBrowse, type BrowseResult } from './sessions-browse.ts';
import { median, table } from './stats.ts';
import { checkLocalUrl } from './target.ts';
import { openServerApps, type RawQuery } from './sessions-env.ts';
import { RAW_SEATS_DDL, rawSeatsHandler } from './raw-http.ts';

const { values: args } = parseArgs({
  args: process.argv.slice(3),
  options: {
    postgres: { type: 'string' },
    runs: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1' },
    people: { type: 'string', default: '500' },
    seats: { type: 'string', default: '100' },
    browse: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '200' },
    'no-pglite': { type: 'boolean', default: false },
    'no-browse': { type: 'boolean', default: false },
    'no-crowd': { type: 'boolean', default: false },
    connections: { type: 'string', default: 'both' },
  },
});
const runs = intArg('runs', args.runs, 1, 9);
const warmups = intArg('warmup', args.warmup, 0, 5);
const people = intArg('people', args.people, 2, 5_000);
const seats = intArg('seats', args.seats, 1, 500);
const browseCount = intArg('browse', args.browse, 1_000, 1_000_000);
const queries = intArg('queries', args.queries, 10, 5_000);
type Connections = 'new' | 'open';
const connectionKinds: Connections[] =
  args.connections === 'both'
    ? ['new', 'open']
    : args.connections === 'new' || args.connections === 'open'
      ? [args.connections]
      : [];
if (connectionKinds.length === 0)
  throw new Error(
    '--connections is "new" (each person opens one as the crowd comes), "open" (already open) or "both"',
  );
const serverUrl = args.postgres ?? process.env.DATABASE_URL;
if (serverUrl) checkLocalUrl(serverUrl);

/** What a mode gives the crowd: app URLs, the store and database to seed, raw SQL for the baseline. */
export interface Env {
  label: string;
  urls: string[];
  store: EventStore;
  db: Db;
  raw: RawQuery;
  /** Connections the raw baseline really has. */
  rawConnections: number;
  /** CPU time the app processes have used so far (ms), where it can be told apart from the bench's own. */
  appCpuMs?: () => number;
  /** The raw SQL behind bare HTTP servers (bench/raw-http.ts), as many as app processes. */
  rawUrls: string[];
  /** CPU time those servers have used so far (ms), when they are processes of their own. */
  rawCpuMs?: () => number;
  close(): Promise<void>;
}

interface Person {
  id: string;
  cookie: string;
}

interface Sample {
  wallMs: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  registered: number;
  waitlisted: number;
  placesOk: boolean;
  /** App CPU time from the first request until every process's read models had the last registration. */
  appCpuMs?: number;
  /** The HTTP baseline servers' CPU time for the crowd. */
  rawCpuMs?: number;
  /** Statements the app sent for the crowd, read models included (server with pg_stat_statements only). */
  statements?: StatementCounts;
}

/** Statements of one database so far, by kind, from `pg_stat_statements`. */
interface StatementCounts {
  total: number;
  /** Projection batches (the statement that locks and moves a checkpoint, one per transaction). */
  projectionBatches: number;
  appends: number;
}

/**
 * Counts of the scratch database's statements so far, or undefined when the server does not track them
 * (`shared_preload_libraries=pg_stat_statements`, docs/benchmarks.md). Unlike times, these do not depend on
 * the load of the machine: they show how well the app batched.
 */
async function statementCounts(env: Env): Promise<StatementCounts | undefined> {
  if (!serverUrl) return undefined;
  try {
    await env.raw('create extension if not exists pg_stat_statements');
    const [row] = await env.raw(
      `select coalesce(sum(calls), 0)::bigint as total,
              coalesce(sum(calls) filter (where query like '%with prior as%'), 0)::bigint as projection,
              coalesce(sum(calls) filter (where query like 'select es_append(%'), 0)::bigint as appends
         from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())`,
    );
    return {
      total: Number(row!.total),
      projectionBatches: Number(row!.projection),
      appends: Number(row!.appends),
    };
  } catch {
    return undefined;
  }
}

const pct = (sorted: readonly number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : Number.NaN;
const appEnv = {
  RATE_LIMIT_LOGIN_PER_MINUTE: '1000000',
  RATE_LIMIT_REGISTER_PER_HOUR: '1000000',
  RATE_LIMIT_MESSAGES_PER_MINUTE: '1000000',
  RATE_LIMIT_SESSIONS_PER_HOUR: '1000000',
  LOG_LEVEL: 'warn',
};

async function pgliteEnv(): Promise<Env> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'skillswap-bench-'));
  const server = await startServer(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...appEnv }),
  );
  const pglite = server.platform.database.pglite!;
  const raw: RawQuery = async (text, params) =>
    (await pglite.query(text, params)).rows as Record<string, unknown>[];
  const rawServer = http.createServer({ keepAliveTimeout: 60_000 }, rawSeatsHandler(raw));
  await new Promise<void>((resolve) => rawServer.listen(0, '127.0.0.1', resolve));
  const rawPort = (rawServer.address() as { port: number }).port;
  return {
    label: 'PGlite, 1 app process (load generator in the same process)',
    urls: [server.url],
    store: server.platform.deps.store,
    db: server.platform.deps.db,
    raw,
    rawConnections: 1,
    rawUrls: [`http://127.0.0.1:${rawPort}`],
    async close() {
      rawServer.closeAllConnections();
      await new Promise((resolve) => rawServer.close(resolve));
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signed-in people made as the app would (identity events, a sign-in row), without hashing passwords. */
async function seedPeople(env: Env, count: number): Promise<Person[]> {
  const deps = { db: env.db, clock: () => new Date() } as unknown as Deps;
  const made: Person[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    await userEventsFor(env.store, id, [
      {
        type: 'RegisterUser',
        userId: id,
        email: `${id}@bench.example`,
        displayName: `Bench ${i}`,
        passwordHash: 'x',
        role: 'user',
      },
    ]);
    made.push({ id, cookie: '' });
  }
  const head = await env.store.headPosition();
  for (const person of made)
    person.cookie = `ss_session=${(await createSignIn(deps, person.id, head, {})).token}`;
  return made;
}

interface Answer {
  status: number;
  body: string;
  position: number;
}

function request(
  agent: http.Agent,
  url: string,
  method: string,
  cookie: string,
  json?: unknown,
  minPosition = 0,
  extraHeaders: Record<string, string> = {},
) {
  return new Promise<Answer>((resolve, reject) => {
    const body = json === undefined ? undefined : JSON.stringify(json);
    const headers: Record<string, string> = { ...(cookie && { cookie }), ...extraHeaders };
    if (body) headers['content-type'] = 'application/json';
    if (minPosition) headers['x-min-position'] = String(minPosition);
    const req = http.request(url, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          position: Number(res.headers['x-position'] ?? 0),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * With connections `open`, each person's connection is opened (and used once, by a request answered without
 * the database) before the crowd comes, as a browser holds one to the page it shows and a proxy holds a
 * pool of them: the crowd then measures the requests alone. With `new`, the 500 connections are opened as
 * the crowd comes, and the server takes in one per turn of its event loop (docs/benchmarks.md).
 */
async function openCrowdConnections(
  connections: Connections,
  agent: http.Agent,
  urls: readonly string[],
  count: number,
  path: string,
) {
  if (connections === 'new') return;
  await Promise.all(
    Array.from({ length: count }, (_, i) => request(agent, `${urls[i % urls.length]}${path}`, 'GET', '')),
  );
  const free = Object.values(agent.freeSockets).reduce((sum, list) => sum + (list?.length ?? 0), 0);
  if (free < count) throw new Error(`only ${free} of ${count} connections stayed open`);
}

/** Every person sends one request at once; the answers in crowd order, each one's latency, and the wall time. */
async function fireCrowd(crowd: Person[], send: (person: Person, i: number) => Promise<Answer>) {
  const latencies: number[] = [];
  const t0 = performance.now();
  const answers = await Promise.all(
    crowd.map(async (person, i) => {
      const begin = performance.now();
      const answer = await send(person, i).catch(() => ({ status: 0, body: '', position: 0 }));
      latencies.push(performance.now() - begin);
      return answer;
    }),
  );
  const wallMs = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  return { answers, wallMs, p50: pct(latencies, 50), p99: pct(latencies, 99) };
}

/**
 * The answers' status counts, and whether they are exact: `seats` registered and the others waitlisted in
 * places 1..n, counting the line from `firstPlace`.
 */
function judgeCrowd(answers: Answer[], firstPlace = 1) {
  const statuses: Record<string, number> = {};
  for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
  const outcomes = answers
    .filter((a) => a.status === 201)
    .map((a) => JSON.parse(a.body) as { status: string; waitlistPosition: number | null });
  const places = outcomes
    .flatMap((o) => (o.status === 'waitlisted' ? [o.waitlistPosition! - firstPlace + 1] : []))
    .sort((a, b) => a - b);
  const placesOk =
    outcomes.filter((o) => o.status === 'registered').length === seats &&
    places.length === answers.length - seats &&
    places.every((p, i) => p === i + 1);
  return { statuses, placesOk };
}

async function crowdRun(env: Env, host: Person, crowd: Person[], connections: Connections): Promise<Sample> {
  // A fresh keep-alive pool per run: no socket left idle from seeding that the server may be closing.
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: Infinity });
  try {
    const startsAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const created = await request(agent, `${env.urls[0]}/api/sessions`, 'POST', host.cookie, {
      title: 'Benchmark session',
      skill: 'Guitar',
      level: 'beginner',
      startsAt,
      durationMinutes: 60,
      capacity: seats,
    });
    if (created.status !== 201) throw new Error(`create failed: ${created.status} ${created.body}`);
    const id = (JSON.parse(created.body) as { id: string }).id;
    // Every process has caught up with the seeding and the session before the crowd comes.
    for (const url of env.urls) {
      const seen = await request(
        agent,
        `${url}/api/sessions/${id}`,
        'GET',
        host.cookie,
        undefined,
        created.position,
      );
      if (seen.status !== 200) throw new Error(`read failed: ${seen.status} ${seen.body}`);
    }
    await openCrowdConnections(connections, agent, env.urls, crowd.length, '/healthz');
    const statementsBefore = await statementCounts(env);
    const cpuBefore = env.appCpuMs?.();
    const { answers, wallMs, p50, p99 } = await fireCrowd(crowd, (person, i) =>
      request(
        agent,
        `${env.urls[i % env.urls.length]}/api/sessions/${id}/registrations`,
        'POST',
        person.cookie,
      ),
    );
    const last = Math.max(...answers.map((a) => a.position));
    const read = await request(
      agent,
      `${env.urls[0]}/api/sessions/${id}`,
      'GET',
      host.cookie,
      undefined,
      last,
    );
    const session = JSON.parse(read.body) as { registered: number; waitlisted: number };
    // CPU is counted until every process has projected the crowd: the read models are part of the work.
    for (const url of env.urls.slice(1))
      await request(agent, `${url}/api/sessions/${id}`, 'GET', host.cookie, undefined, last);
    const cpuAfter = env.appCpuMs?.();
    const statementsAfter = statementsBefore && (await statementCounts(env));
    return {
      ...(statementsBefore &&
        statementsAfter && {
          statements: {
            total: statementsAfter.total - statementsBefore.total,
            projectionBatches: statementsAfter.projectionBatches - statementsBefore.projectionBatches,
            appends: statementsAfter.appends - statementsBefore.appends,
          },
        }),
      ...(cpuBefore !== undefined && cpuAfter !== undefined && { appCpuMs: cpuAfter - cpuBefore }),
      wallMs,
      p50,
      p99,
      ...judgeCrowd(answers),
      registered: session.registered,
      waitlisted: session.waitlisted,
    };
  } finally {
    agent.destroy();
  }
}

/** The raw-SQL floor: per request one guarded UPDATE, and a waitlist INSERT when the seats are gone. */
async function baselineRun(env: Env, crowd: Person[]): Promise<Sample> {
  for (const ddl of RAW_SEATS_DDL) await env.raw(ddl);
  const id = randomUUID();
  await env.raw(`insert into bench_seats (id, cap, taken) values ($1, $2, 0)`, [id, seats]);
  const latencies: number[] = [];
  let registered = 0;
  const t0 = performance.now();
  await Promise.all(
    crowd.map(async (person) => {
      const begin = performance.now();
      const rows = await env.raw(
        `update bench_seats set taken = taken + 1 where id = $1 and taken < cap returning taken`,
        [id],
      );
      if (rows.length > 0) registered++;
      else await env.raw(`insert into bench_waitlist (seat_id, user_id) values ($1, $2)`, [id, person.id]);
      latencies.push(performance.now() - begin);
    }),
  );
  const wallMs = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  const [{ taken }] = (await env.raw(`select taken from bench_seats where id = $1`, [id])) as [
    { taken: number },
  ];
  const [{ n }] = (await env.raw(`select count(*)::int as n from bench_waitlist where seat_id = $1`, [
    id,
  ])) as [{ n: number }];
  return {
    wallMs,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    statuses: { ok: crowd.length },
    registered: taken,
    waitlisted: n,
    placesOk: registered === seats && taken === seats && n === crowd.length - seats,
  };
}

/** The same raw SQL behind bare HTTP servers: one POST per person, as the app gets them. */
async function baselineHttpRun(env: Env, crowd: Person[], connections: Connections): Promise<Sample> {
  for (const ddl of RAW_SEATS_DDL) await env.raw(ddl);
  const id = randomUUID();
  await env.raw(`insert into bench_seats (id, cap, taken) values ($1, $2, 0)`, [id, seats]);
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: Infinity });
  try {
    await openCrowdConnections(connections, agent, env.rawUrls, crowd.length, '/');
    const cpuBefore = env.rawCpuMs?.();
    const { answers, wallMs, p50, p99 } = await fireCrowd(crowd, (person, i) =>
      request(
        agent,
        `${env.rawUrls[i % env.rawUrls.length]}/seats/${id}/registrations`,
        'POST',
        '',
        undefined,
        0,
        {
          'x-user': person.id,
        },
      ),
    );
    const cpuAfter = env.rawCpuMs?.();
    const [{ taken }] = (await env.raw(`select taken from bench_seats where id = $1`, [id])) as [
      { taken: number },
    ];
    const line = (await env.raw(`select position from bench_waitlist where seat_id = $1 order by position`, [
      id,
    ])) as { position: string }[];
    // Places in this seat's line count from its first position (the table is shared by every run).
    const first = line.length > 0 ? Number(line[0]!.position) : 0;
    return {
      ...(cpuBefore !== undefined && cpuAfter !== undefined && { rawCpuMs: cpuAfter - cpuBefore }),
      wallMs,
      p50,
      p99,
      ...judgeCrowd(answers, first),
      registered: taken,
      waitlisted: line.length,
    };
  } finally {
    agent.destroy();
  }
}

interface ModeResult {
  label: string;
  /** Whether the crowd's connections were opened as it came (`new`) or before (`open`). */
  connections: Connections;
  app: Sample[];
  baseline: Sample[];
  baselineHttp: Sample[];
  rawConnections: number;
  loadAverage: { start: number; end: number };
}

async function benchCrowd(open: () => Promise<Env>): Promise<ModeResult[]> {
  const loadStart = os.loadavg()[0]!;
  const env = await open();
  try {
    console.log(`\n== ${env.label}`);
    const [host, ...crowd] = await seedPeople(env, people + 1);
    console.log(
      `seeded ${crowd.length} people and a host; ${runs} run(s) of ${people} registrations for ${seats} seats`,
    );
    const baseline: Sample[] = [];
    const byConnections = connectionKinds.map((connections) => ({
      connections,
      app: [] as Sample[],
      baselineHttp: [] as Sample[],
    }));
    const kinds = [
      { name: 'raw SQL', samples: baseline, run: () => baselineRun(env, crowd) },
      ...byConnections.flatMap((c) => [
        {
          name: `app, ${c.connections} connections`,
          samples: c.app,
          run: () => crowdRun(env, host!, crowd, c.connections),
        },
        {
          name: `raw SQL over HTTP, ${c.connections} connections`,
          samples: c.baselineHttp,
          run: () => baselineHttpRun(env, crowd, c.connections),
        },
      ]),
    ];
    // Warm-up rounds first, not counted: the app and the HTTP baseline are JIT-compiled as they serve, and
    // a cold first round measures the compiler (both got ~2x faster from round 1 to round 4).
    for (let r = -warmups; r < runs; r++) {
      // Rotate the order of the app and the baselines from run to run.
      for (let k = 0; k < kinds.length; k++) {
        const kind = kinds[(k + r + warmups) % kinds.length]!;
        const sample = await kind.run();
        if (r >= 0) kind.samples.push(sample);
        console.log(
          `${r < 0 ? 'warm-up' : `run ${r + 1}`} ${kind.name}: all answers in ${sample.wallMs.toFixed(0)} ms, ` +
            `p50 ${sample.p50.toFixed(1)} ms, p99 ${sample.p99.toFixed(1)} ms, ${JSON.stringify(sample.statuses)}, ` +
            `registered ${sample.registered}, waitlisted ${sample.waitlisted}, places ${sample.placesOk ? 'ok' : 'WRONG'}` +
            (sample.appCpuMs !== undefined ? `, app CPU ${sample.appCpuMs.toFixed(0)} ms` : '') +
            (sample.statements
              ? `, ${sample.statements.total} statements (${sample.statements.projectionBatches} projection batches, ${sample.statements.appends} appends)`
              : '') +
            (sample.rawCpuMs !== undefined ? `, server CPU ${sample.rawCpuMs.toFixed(0)} ms` : ''),
        );
      }
    }
    const loadAverage = { start: loadStart, end: os.loadavg()[0]! };
    return byConnections.map((c) => ({
      label: `${env.label}, ${c.connections === 'new' ? 'new connections' : 'connections open'}`,
      connections: c.connections,
      app: c.app,
      baseline,
      baselineHttp: c.baselineHttp,
      rawConnections: env.rawConnections,
      loadAverage,
    }));
  } finally {
    await env.close();
  }
}

const crowdResults: ModeResult[] = [];
let browseResult: BrowseResult | undefined;
const crowd = !args['no-crowd'];
if (crowd && !args['no-pglite']) crowdResults.push(...(await benchCrowd(pgliteEnv)));
if (serverUrl) {
  if (crowd) crowdResults.push(...(await benchCrowd(() => openServerApps(serverUrl, 1, appEnv))));
  if (crowd) crowdResults.push(...(await benchCrowd(() => openServerApps(serverUrl, 2, appEnv))));
  if (!args['no-browse'])
    browseResult = await benchBrowse(serverUrl, { sessions: browseCount, queries, appEnv });
}

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 1 : 0)} ms` : 'n/a');
const m = (samples: Sample[], pick: (s: Sample) => number) => median(samples.map(pick));
console.log(
  `\n======== sessions: ${people} registrations at once for ${seats} seats, medians of ${runs} run(s) after ${warmups} warm-up round(s) ========`,
);
console.log(
  table(
    [
      'mode',
      'app: all answered',
      'p50',
      'p99',
      'raw SQL: all done',
      'p50',
      'p99',
      'app / raw (all)',
      'raw over HTTP: all done',
      'p50',
      'p99',
      'app / raw over HTTP',
      'paired',
      'app CPU per registration',
      'app statements',
      'raw HTTP server CPU per registration',
      'exact',
      'load',
    ],
    crowdResults.map((r) => [
      r.label,
      ms(m(r.app, (s) => s.wallMs)),
      ms(m(r.app, (s) => s.p50)),
      ms(m(r.app, (s) => s.p99)),
      ms(m(r.baseline, (s) => s.wallMs)),
      ms(m(r.baseline, (s) => s.p50)),
      ms(m(r.baseline, (s) => s.p99)),
      `${(m(r.app, (s) => s.wallMs) / m(r.baseline, (s) => s.wallMs)).toFixed(1)}x`,
      ms(m(r.baselineHttp, (s) => s.wallMs)),
      ms(m(r.baselineHttp, (s) => s.p50)),
      ms(m(r.baselineHttp, (s) => s.p99)),
      `${(m(r.app, (s) => s.wallMs) / m(r.baselineHttp, (s) => s.wallMs)).toFixed(2)}x`,
      // The median of each run's own ratio: app and baseline of one run ran minutes apart at most.
      `${median(r.app.map((s, i) => s.wallMs / r.baselineHttp[i]!.wallMs)).toFixed(2)}x`,
      r.app.every((s) => s.appCpuMs !== undefined)
        ? `${(m(r.app, (s) => s.appCpuMs!) / people).toFixed(2)} ms`
        : 'n/a',
      r.app.every((s) => s.statements !== undefined) ? String(m(r.app, (s) => s.statements!.total)) : 'n/a',
      r.baselineHttp.every((s) => s.rawCpuMs !== undefined)
        ? `${(m(r.baselineHttp, (s) => s.rawCpuMs!) / people).toFixed(2)} ms`
        : 'n/a',
      [...r.app, ...r.baseline, ...r.baselineHttp].every(
        (s) => s.placesOk && s.registered === seats && s.waitlisted === people - seats,
      )
        ? 'yes'
        : 'NO',
      `${r.loadAverage.start.toFixed(1)}->${r.loadAverage.end.toFixed(1)}`,
    ]),
  ),
);
if (browseResult) {
  const { start, end } = browseResult.loadAverage;
  console.log(
    `\n======== browsing ${browseResult.sessions.toLocaleString('en-US')} sessions on the server, ` +
      `${queries} queries each (load ${start.toFixed(1)}->${end.toFixed(1)}) ========`,
  );
  console.log(
    table(
      ['query', 'rows', 'HTTP p50', 'HTTP p95', 'read model p50', 'read model p95'],
      browseResult.shapes.map((s) => [
        s.label,
        String(s.rows),
        ms(s.http.p50),
        ms(s.http.p95),
        ms(s.query.p50),
        ms(s.query.p95),
      ]),
    ),
  );
}
const file = join(dirname(fileURLToPath(import.meta.url)), 'results', 'sessions.json');
mkdirSync(dirname(file), { recursive: true });
writeFileSync(
  file,
  `${JSON.stringify({ at: new Date().toISOString(), cpus: os.cpus().length, config: { runs, warmups, people, seats, browseCount, queries }, crowd: crowdResults, browse: browseResult }, null, 2)}\n`,
);
console.log(`\nwrote ${file}`);
