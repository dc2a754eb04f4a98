/**
 * Matching benchmark (docs/benchmarks.md, "Matching"): one member's top 20 from the projection-backed
 * query, beside the naive app's answer (load every member's skills, compare with difflib's ratio in
 * JavaScript), measured in the same run on the same seeded database.
 *
 *   npm run bench -- matching                      PGlite, plus the server in DATABASE_URL if set
 *   npm run bench -- matching --postgres postgres://postgres@127.0.0.1:5433/postgres --no-pglite
 *   options: --users 100000  --queries 40  --scans 2  --rounds 3  --threshold 0.8  --seed 7
 *   npm run bench -- matching --resolution-only    only how spellings resolve (PGlite, ~1 min)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { CANDIDATES_PER_SKILL, findMatches } from '../../projections/matches.ts';
import { resolveSkillNames } from '../../projections/matching.ts';
import { median, table } from '../stats.ts';
import { activeScratch, checkLocalUrl, openPgliteTarget, openServerTarget, type Target } from '../target.ts';
import { bestMutual, loadAllMembers, naiveMatches } from './naive-scan.ts';
import { seedThroughProjections } from './seed.ts';
import { syntheticUsers, type SyntheticUser } from './synthetic.ts';

const { values: args } = parseArgs({
  args: process.argv.slice(3),
  options: {
    postgres: { type: 'string' },
    'no-pglite': { type: 'boolean', default: false },
    'resolution-only': { type: 'boolean', default: false },
    users: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '40' },
    scans: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
    threshold: { type: 'string', default: '0.8' },
    seed: { type: 'string', default: '7' },
  },
});

function num(name: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new Error(`--${name} must be a number in ${min}..${max}`);
  return n;
}
const userCount = num('users', args.users, 1_000, 500_000);
const queries = num('queries', args.queries, 5, 500);
const scans = num('scans', args.scans, 1, 20);
const rounds = num('rounds', args.rounds, 1, 10);
const threshold = num('threshold', args.threshold, 0.3, 1);
const seed = num('seed', args.seed, 0, 2 ** 31);
const serverUrl = args.postgres ?? process.env.DATABASE_URL;
if (serverUrl) checkLocalUrl(serverUrl);
const log = (message: string) => console.log(message);
const TOP = 20;

/** Nearest-rank percentile. */
const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const ms = (v: number) => (v >= 100 ? `${Math.round(v).toLocaleString('en-US')} ms` : `${v.toFixed(1)} ms`);

/** How often each written spelling landed on the canonical skill of the name it was written from. */
async function resolutionAccuracy(target: Target, users: readonly SyntheticUser[]) {
  const truth = new Map<string, string>();
  for (const u of users) for (const s of [...u.teach, ...u.learn]) truth.set(s.name, s.base);
  const names = [...truth.keys()];
  const bases = [...new Set(truth.values())];
  const resolve = async (list: string[]) => {
    const { rows } = await sql<{ name: string; skill_id: string | null }>`
      select n as name, r.skill_id from unnest(${list}::text[]) n
      left join skill_name_resolutions r on r.name_key = skill_key(n)`.execute(target.handle.db);
    return new Map(rows.map((r) => [r.name, r.skill_id]));
  };
  const written = await resolve(names);
  const canonicalOfBase = await resolve(bases);
  let right = 0;
  let split = 0;
  let wrong = 0;
  for (const [name, base] of truth) {
    const got = written.get(name);
    if (got === canonicalOfBase.get(base)) right++;
    else if (got === null || got === undefined || !bases.some((b) => canonicalOfBase.get(b) === got)) split++;
    else wrong++;
  }
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from canonical_skills`.execute(
    target.handle.db,
  );
  return {
    spellings: names.length,
    right,
    split,
    wrong,
    canonicalSkills: rows[0]!.n,
    vocabulary: bases.length,
  };
}

interface TargetResult {
  label: string;
  seed: Awaited<ReturnType<typeof seedThroughProjections>>;
  resolution: Awaited<ReturnType<typeof resolutionAccuracy>>;
  ours: { samples: number[]; p50: number; p95: number };
  naive: { load: number[]; scan: number[]; total: number[]; p50: number; p95: number; scanP50: number };
  ratio: { p50: number; p95: number; scanOnlyP50: number };
  overlap: {
    perUser: {
      inBestMutual: number;
      mutualForScan: number;
      tieSet: number;
      sameAsUnbounded: number;
      scoreGap: number;
    }[];
    mean: number;
  };
  loadAverage: { start: number; end: number };
}

async function benchTarget(open: () => Promise<Target>): Promise<TargetResult> {
  const loadStart = os.loadavg()[0]!;
  const target = await open();
  try {
    log(`\n== ${target.label}`);
    const users = [...syntheticUsers(userCount, seed)];
    log(`-- seeding ${userCount.toLocaleString('en-US')} members through the projections' handlers`);
    const seeded = await seedThroughProjections(target.handle.db, users, { log });
    log(`   ${seeded.events.toLocaleString('en-US')} events in ${ms(seeded.ms)}`);
    // Fresh statistics for the planner on both (PGlite runs no autovacuum daemon).
    await target.raw.query('analyze');
    const resolution = await resolutionAccuracy(target, users);
    log(`   resolution: ${JSON.stringify(resolution)}`);

    const step = Math.floor(users.length / (queries + rounds * scans));
    const pick = (i: number) => users[i * step]!.id;
    const db = target.handle.db;
    const top20 = (id: string) => findMatches(db, id, { limit: TOP });
    for (let i = 0; i < 5; i++) await top20(pick(i)); // warm-up

    const ours: number[] = [];
    const naive = { load: [] as number[], scan: [] as number[], total: [] as number[] };
    const overlap: TargetResult['overlap']['perUser'] = [];
    const runOurs = async () => {
      for (let q = 0; q < queries; q++) {
        const t = performance.now();
        await top20(pick(q));
        ours.push(performance.now() - t);
      }
    };
    const runNaive = async (round: number) => {
      for (let s = 0; s < scans; s++) {
        const id = pick(queries + round * scans + s);
        const t0 = performance.now();
        const members = await loadAllMembers(target.raw);
        const t1 = performance.now();
        const me = members.find((m) => m.id === id)!;
        const scanned = naiveMatches(me, members, threshold);
        const t2 = performance.now();
        naive.load.push(t1 - t0);
        naive.scan.push(t2 - t1);
        naive.total.push(t2 - t0);
        const best = bestMutual(scanned, TOP);
        const mutualForScan = new Set(scanned.filter((m) => m.mutual).map((m) => m.id));
        const bounded = await top20(id);
        const mine = bounded.map((m) => m.user.id);
        const exact = await findMatches(db, id, { limit: TOP, candidatesPerSkill: 1_000_000 });
        const unbounded = new Set(exact.map((m) => m.user.id));
        const meanScore = (list: { score: number }[]) =>
          list.reduce((a, m) => a + m.score, 0) / Math.max(1, list.length);
        overlap.push({
          inBestMutual: mine.filter((u) => best.has(u)).length / Math.max(1, mine.length),
          mutualForScan: mine.filter((u) => mutualForScan.has(u)).length / Math.max(1, mine.length),
          tieSet: best.size,
          sameAsUnbounded: mine.filter((u) => unbounded.has(u)).length / Math.max(1, mine.length),
          scoreGap: meanScore(exact) - meanScore(bounded),
        });
        log(`   naive scan ${s + 1}/${scans}: load ${ms(t1 - t0)}, scan ${ms(t2 - t1)}`);
      }
    };
    for (let round = 0; round < rounds; round++) {
      log(`-- round ${round + 1}/${rounds}`);
      // Alternate the order so neither side always runs on a warmer (or busier) machine.
      if (round % 2 === 0) {
        await runOurs();
        await runNaive(round);
      } else {
        await runNaive(round);
        await runOurs();
      }
      log(`   ours so far: p50 ${ms(percentile(ours, 50))}, p95 ${ms(percentile(ours, 95))}`);
    }
    const oursP50 = percentile(ours, 50);
    const oursP95 = percentile(ours, 95);
    const naiveP50 = percentile(naive.total, 50);
    const naiveP95 = percentile(naive.total, 95);
    return {
      label: target.label,
      seed: seeded,
      resolution,
      ours: { samples: ours, p50: oursP50, p95: oursP95 },
      naive: { ...naive, p50: naiveP50, p95: naiveP95, scanP50: percentile(naive.scan, 50) },
      ratio: {
        p50: naiveP50 / oursP50,
        p95: naiveP95 / oursP95,
        scanOnlyP50: percentile(naive.scan, 50) / oursP50,
      },
      overlap: { perUser: overlap, mean: median(overlap.map((o) => o.inBestMutual)) },
      loadAverage: { start: loadStart, end: os.loadavg()[0]! },
    };
  } finally {
    await target.close();
  }
}

function report(r: TargetResult): string {
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  const res = r.resolution;
  return [
    `\n${r.label} (1-min load average ${r.loadAverage.start.toFixed(1)} -> ${r.loadAverage.end.toFixed(1)} on ${os.cpus().length} CPUs)`,
    `seeded ${r.seed.users.toLocaleString('en-US')} members (${r.seed.events.toLocaleString('en-US')} events) in ${ms(r.seed.ms)}: ` +
      `users projection ${ms(r.seed.usersMs)}, matching projection ${ms(r.seed.matchingMs)}`,
    table(
      ['top 20 for one member', 'samples', 'p50', 'p95'],
      [
        ['projection query (findMatches)', String(r.ours.samples.length), ms(r.ours.p50), ms(r.ours.p95)],
        ['naive: load all + difflib scan', String(r.naive.total.length), ms(r.naive.p50), ms(r.naive.p95)],
        [
          '  of which the scan alone',
          String(r.naive.scan.length),
          ms(r.naive.scanP50),
          ms(percentile(r.naive.scan, 95)),
        ],
      ],
    ),
    `speed-up: ${Math.round(r.ratio.p50)}x at p50, ${Math.round(r.ratio.p95)}x at p95 (${Math.round(r.ratio.scanOnlyP50)}x against the scan alone)`,
    `target >= 100x at p50: ${r.ratio.p50 >= 100 ? 'MET' : 'MISSED'}`,
    `top-20 overlap with the scan's best two-way matches (difflib >= ${threshold} both ways, ties kept): ` +
      `median ${pct(r.overlap.mean)}; per member ${r.overlap.perUser.map((o) => `${pct(o.inBestMutual)} of ${o.tieSet}`).join(', ')}`,
    `share of our top 20 the scan calls two-way at all: ${r.overlap.perUser.map((o) => pct(o.mutualForScan)).join(', ')}`,
    `share of our top 20 (at most ${CANDIDATES_PER_SKILL} candidates per skill) also in the unbounded top 20: ${r.overlap.perUser.map((o) => pct(o.sameAsUnbounded)).join(', ')}`,
    `mean score of the unbounded top 20 minus ours (scores 0..1): ${r.overlap.perUser.map((o) => o.scoreGap.toFixed(3)).join(', ')}`,
    `resolution of ${res.spellings.toLocaleString('en-US')} distinct spellings of ${res.vocabulary} skills: ${pct(res.right / res.spellings)} right, ` +
      `${pct(res.split / res.spellings)} left as their own skill, ${pct(res.wrong / res.spellings)} merged into another; ${res.canonicalSkills} canonical skills`,
  ].join('\n');
}

/**
 * Only the resolution figure: every distinct spelling, in the order the members' events first write it,
 * through the projection's own `resolveSkillNames` (a spelling's resolution depends only on the spellings
 * before it, so this gives what seeding all members would), then the same accuracy count.
 */
async function resolutionOnly() {
  const target = await openPgliteTarget();
  try {
    const t0 = performance.now();
    const users = [...syntheticUsers(userCount, seed)];
    const names = [...new Set(users.flatMap((u) => [...u.teach, ...u.learn].map((s) => s.name)))];
    await target.handle.db.transaction().execute(async (trx) => {
      for (let from = 0; from < names.length; from += 1_000) {
        const chunk = names.slice(from, from + 1_000);
        await resolveSkillNames(
          trx,
          chunk,
          chunk.map((_, i) => from + i + 1),
        );
      }
    });
    const res = await resolutionAccuracy(target, users);
    const pct = (v: number) => `${((v / res.spellings) * 100).toFixed(1)}%`;
    console.log(
      `resolution of ${res.spellings.toLocaleString('en-US')} distinct spellings of ${res.vocabulary} skills ` +
        `(${userCount.toLocaleString('en-US')} members, seed ${seed}): ${pct(res.right)} right, ` +
        `${pct(res.split)} left as their own skill, ${pct(res.wrong)} merged into another; ` +
        `${res.canonicalSkills} canonical skills in use; ${ms(performance.now() - t0)}`,
    );
  } finally {
    await target.close();
  }
}

async function main() {
  if (args['resolution-only']) return resolutionOnly();
  const started = new Date();
  const results: TargetResult[] = [];
  if (!args['no-pglite']) results.push(await benchTarget(openPgliteTarget));
  if (serverUrl) results.push(await benchTarget(() => openServerTarget(serverUrl)));
  if (results.length === 0) throw new Error('nothing to run: --no-pglite without --postgres or DATABASE_URL');
  console.log(`\n======== matching: ${userCount.toLocaleString('en-US')} members, ${rounds} rounds ========`);
  for (const r of results) console.log(report(r));
  const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'results', 'matching-latest.json');
  mkdirSync(dirname(file), { recursive: true });
  const round3 = (_k: string, v: unknown) =>
    typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v;
  writeFileSync(
    file,
    `${JSON.stringify({ startedAt: started.toISOString(), finishedAt: new Date().toISOString(), config: { userCount, queries, scans, rounds, threshold, seed }, cpus: os.cpus().length, node: process.version, results }, round3, 2)}\n`,
  );
  console.log(`\nwrote ${file}`);
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  for (const drop of [...activeScratch]) await drop().catch(() => undefined);
}
