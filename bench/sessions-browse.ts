import http from 'node:http';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql, type RawBuilder } from 'kysely';
import { browseSessions, type BrowseFilters } from '../projections/session-queries.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { spawnApp } from '../tests/support/app-process.ts';
import { scratchDatabase } from './target.ts';

export interface BrowseResult {
  sessions: number;
  /** 1-minute load average before and after: the machine is shared. */
  loadAverage: { start: number; end: number };
  shapes: {
    label: string;
    rows: number;
    http: { p50: number; p95: number };
    query: { p50: number; p95: number };
  }[];
}

const skills = [
  'guitar',
  'classical guitar',
  'piano',
  'violin',
  'singing',
  'python',
  'javascript',
  'typescript',
  'go',
  'rust',
  'sql',
  'machine learning',
  'statistics',
  'mathematics',
  'physics',
  'chess',
  'go game',
  'poker',
  'spanish',
  'french',
  'german',
  'japanese',
  'mandarin',
  'italian',
  'cooking',
  'baking',
  'cooking thai',
  'photography',
  'drawing',
  'painting',
  'watercolor',
  'yoga',
  'running',
  'climbing',
  'swimming',
  'knitting',
  'sewing',
  'woodworking',
  'gardening',
  'public speaking',
  'writing',
  'poetry',
  'marketing',
  'design',
  'figma',
  'photoshop',
  'excel',
  'accounting',
  'investing',
  'meditation',
];
const HOSTS = 5_000;
/** Host n's id: a stable version-4-shaped UUID (the API's id checks want the version and variant bits). */
const hostId = (n: RawBuilder<unknown>) =>
  sql<string>`(overlay(overlay(md5('host' || ${n}) placing '4' from 13) placing '8' from 17))::uuid`;

/** `count` sessions written straight into the read model (and their hosts' profiles), as a year of sessions. */
async function seed(url: string, count: number) {
  const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
  const db = database.db;
  try {
    await sql`insert into session_skills (skill_id) select unnest(${skills}::text[]) on conflict do nothing`.execute(
      db,
    );
    await sql`
      insert into users (id, email, email_normalized, display_name, bio, languages, role, status,
                         created_at, updated_at, last_active_at, position)
      select ${hostId(sql`g`)}, 'host' || g || '@bench.example', 'host' || g || '@bench.example',
             'Host ' || g, '', '{}', 'user', 'active', now(), now(), now(), 0
      from generate_series(1, ${HOSTS}) g`.execute(db);
    await sql`
      insert into sessions (id, host_id, title, description, skill, skill_id, level, prerequisites, starts_at,
                            ends_at, duration_minutes, capacity, meeting_url, time_zone, status, cancelled_at,
                            cancel_reason, registered, waitlisted, sequence, search, created_at, updated_at, position)
      select gen_random_uuid(), ${hostId(sql`1 + (g * 7919) % ${HOSTS}`)},
             initcap(s.skill) || ' session ' || g, 'Learn ' || s.skill || ' together, part ' || (g % 12), initcap(s.skill),
             s.skill, (array['beginner','intermediate','advanced','expert'])[1 + (g / 7) % 4], '{}', t.starts,
             t.starts + interval '60 minutes', 60, 20, null, null,
             case when g % 33 = 0 then 'cancelled' else 'scheduled' end, null, null, 0, 0, 0,
             to_tsvector('simple', unaccent(initcap(s.skill) || ' session ' || g || ' Learn ' || s.skill || ' together')),
             now(), now(), 0
      from generate_series(1, ${count}) g
      cross join lateral (select (${skills}::text[])[1 + (g * 31) % ${skills.length}] as skill) s
      cross join lateral (select date_trunc('minute', now()) - interval '14 days'
                                 + ((g * 7907) % (380 * 24 * 4)) * interval '15 minutes' as starts) t`.execute(
      db,
    );
    await sql`analyze`.execute(db);
  } finally {
    await database.close();
  }
}

const pct = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

function get(agent: http.Agent, url: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

async function time(n: number, once: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(20, n); i++) await once(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await once();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: pct(samples, 50), p95: pct(samples, 95) };
}

/** Browsing `sessions` sessions over HTTP (one app process, signed out) and through the query alone. */
export async function benchBrowse(
  base: string,
  options: { sessions: number; queries: number; appEnv: Record<string, string> },
): Promise<BrowseResult> {
  const scratch = await scratchDatabase(base, 'skillswap_bench_browse');
  const app = await spawnApp(scratch.url, { ...options.appEnv, LOG_LEVEL: 'info' }).catch(
    async (e: unknown) => {
      await scratch.drop();
      throw e;
    },
  );
  const database = await openDatabase({ databaseUrl: scratch.url, poolSize: 2 });
  const agent = new http.Agent({ keepAlive: true });
  try {
    console.log(`\n== browsing: seeding ${options.sessions.toLocaleString('en-US')} sessions`);
    const t0 = performance.now();
    await seed(scratch.url, options.sessions);
    console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const now = new Date();
    const host = (await sql<{ id: string }>`select ${hostId(sql`1`)} as id`.execute(database.db)).rows[0]!.id;
    const weekFrom = new Date(now.getTime() + 30 * 86_400_000).toISOString();
    const weekTo = new Date(now.getTime() + 37 * 86_400_000).toISOString();
    // Page 6 of the default listing, by walking five pages.
    let cursor: BrowseFilters['after'];
    for (let i = 0; i < 5; i++) {
      const page = await browseSessions(database.db, { limit: 20, after: cursor }, null, now);
      const last = page.rows[page.rows.length - 1]!;
      cursor = { startsAt: new Date(last.startsAt).toISOString(), id: last.id };
    }
    const cursorParam = Buffer.from(JSON.stringify([cursor!.startsAt, cursor!.id])).toString('base64url');
    const shapes: { label: string; query: string; filters: BrowseFilters }[] = [
      { label: 'first page (limit 20)', query: '', filters: { limit: 20 } },
      { label: 'page 6 (cursor)', query: `cursor=${cursorParam}`, filters: { limit: 20, after: cursor } },
      { label: 'limit 100', query: 'limit=100', filters: { limit: 100 } },
      { label: 'skill=guitarr (fuzzy)', query: 'skill=guitarr', filters: { limit: 20, skill: 'guitarr' } },
      { label: 'level=expert', query: 'level=expert', filters: { limit: 20, level: 'expert' } },
      { label: 'q=watercol learn', query: 'q=watercol%20learn', filters: { limit: 20, q: 'watercol learn' } },
      { label: 'hostId', query: `hostId=${host}`, filters: { limit: 20, hostId: host } },
      {
        label: 'skill + level + a week',
        query: `skill=python&level=beginner&from=${weekFrom}&to=${weekTo}`,
        filters: { limit: 20, skill: 'python', level: 'beginner', from: weekFrom, to: weekTo },
      },
    ];
    const result: BrowseResult = {
      sessions: options.sessions,
      loadAverage: { start: os.loadavg()[0]!, end: 0 },
      shapes: [],
    };
    for (const shape of shapes) {
      const url = `${app.url}/api/sessions${shape.query ? `?${shape.query}` : ''}`;
      const first = await get(agent, url);
      if (first.status !== 200) throw new Error(`${shape.label}: ${first.status} ${first.body}`);
      const rows = (JSON.parse(first.body) as { sessions: unknown[] }).sessions.length;
      const httpTimes = await time(options.queries, () => get(agent, url));
      const queryTimes = await time(options.queries, () =>
        browseSessions(database.db, shape.filters, null, new Date()),
      );
      result.shapes.push({ label: shape.label, rows, http: httpTimes, query: queryTimes });
      console.log(
        `${shape.label}: ${rows} rows; HTTP p50 ${httpTimes.p50.toFixed(1)} ms p95 ${httpTimes.p95.toFixed(1)} ms; ` +
          `query p50 ${queryTimes.p50.toFixed(1)} ms p95 ${queryTimes.p95.toFixed(1)} ms`,
      );
    }
    result.loadAverage.end = os.loadavg()[0]!;
    return result;
  } finally {
    agent.destroy();
    await database.close();
    await app.stop();
    await scratch.drop();
  }
}
