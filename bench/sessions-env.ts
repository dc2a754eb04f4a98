import { readFileSync } from 'node:fs';
import pg from 'pg';
import { openDatabase } from '../src/platform/db/database.ts';
import { PostgresEventStore } from '../src/platform/event-store/postgres.ts';
import { spawnApp, type AppProcess } from '../tests/support/app-process.ts';
import { spawnRawHttp, type RawHttpProcess } from './raw-http.ts';
import type { Env } from './sessions.ts';
import { scratchDatabase } from './target.ts';

export type RawQuery = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** The app's pool size per process: the raw baseline gets as many connections as one app process. */
const RAW_POOL_SIZE = 10;

/** `processes` real app processes (`src/main.ts`) on a scratch database, plus the bench's own access to it. */
export async function openServerApps(
  base: string,
  processes: number,
  env: Record<string, string>,
): Promise<Env> {
  const scratch = await scratchDatabase(base, 'skillswap_bench_sessions');
  const apps: AppProcess[] = [];
  try {
    // One at a time: each migrates the database on start.
    // BENCH_CPU_PROFILE=<dir>: each app process writes a V8 CPU profile there when it stops.
    const profile = process.env.BENCH_CPU_PROFILE;
    const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
    for (let i = 0; i < processes; i++)
      apps.push(await spawnApp(scratch.url, { ...env, LOG_LEVEL: 'info' }, undefined, flags));
  } catch (error) {
    await Promise.all(apps.map((a) => a.stop()));
    await scratch.drop();
    throw error;
  }
  // The HTTP baseline: as many bare servers as app processes, each with one app process's pool.
  const rawServers: RawHttpProcess[] = [];
  for (let i = 0; i < processes; i++) rawServers.push(await spawnRawHttp(scratch.url, RAW_POOL_SIZE));
  const database = await openDatabase({ databaseUrl: scratch.url, poolSize: 4 });
  database.pool?.on('error', () => undefined);
  const store = await PostgresEventStore.create({ db: database.db });
  const raw = new pg.Pool({ connectionString: scratch.url, max: RAW_POOL_SIZE });
  raw.on('error', () => undefined);
  return {
    label: `PostgreSQL server, ${processes} app process${processes > 1 ? 'es (requests alternate)' : ''}`,
    urls: apps.map((a) => a.url),
    store,
    db: database.db,
    raw: async (text, params) => (await raw.query(text, params)).rows as Record<string, unknown>[],
    rawConnections: RAW_POOL_SIZE,
    appCpuMs: () => apps.reduce((sum, app) => sum + processCpuMs(app.pid), 0),
    rawUrls: rawServers.map((r) => r.url),
    rawCpuMs: () => rawServers.reduce((sum, r) => sum + processCpuMs(r.pid), 0),
    async close() {
      await Promise.all([...apps, ...rawServers].map((a) => a.stop()));
      await store.close();
      await raw.end();
      await database.close();
      await scratch.drop();
    },
  };
}

/**
 * User + system CPU time a process has used (ms), from Linux's /proc (clock ticks of 10 ms); NaN elsewhere.
 * A share of a busy machine does not change it, so it compares code better than wall time there.
 */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}
