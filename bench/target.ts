import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/database.ts';
import { migrations } from '../src/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { onServer } from '../tests/support/server-statement.ts';

/** Plain SQL with positional parameters, outside Kysely and the event store: the baselines' path. */
export interface RawSql {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
}

/**
 * One database under test: the app's handle (Kysely, as the adapter and the runner use it) and a raw
 * client on the same database for the baselines. On PGlite both are the one embedded connection.
 */
export interface Target {
  kind: 'pglite' | 'postgres';
  label: string;
  handle: DatabaseHandle;
  /** Raw access with up to `connections` statements in flight at once (PGlite: always 1 underneath). */
  raw: RawSql;
  /** How many server connections the raw baseline really gets for `n` concurrent writers. */
  rawConnections(writers: number): number;
  /** Opens another app-style handle on the same database (server only), like a second process would. */
  openPeer?(): Promise<DatabaseHandle>;
  close(): Promise<void>;
}

const RAW_POOL_SIZE = 8;

export async function openPgliteTarget(): Promise<Target> {
  const handle = await openDatabase({});
  await migrateToLatest(handle.db, migrations);
  const pglite = handle.pglite as PGlite;
  return {
    kind: 'pglite',
    label: 'PGlite 0.4.6 (in memory)',
    handle,
    raw: {
      async query<R>(text: string, params?: unknown[]) {
        return (await pglite.query<R>(text, params)).rows;
      },
    },
    rawConnections: () => 1,
    close: () => handle.close(),
  };
}

/** Refuses anything but 127.0.0.1: the benchmark creates and drops databases on the server it is given. */
export function checkLocalUrl(url: string): URL {
  const parsed = new URL(url);
  if (parsed.hostname !== '127.0.0.1') {
    throw new Error(`Refusing ${parsed.hostname}: the benchmark connects only to 127.0.0.1`);
  }
  return parsed;
}

/**
 * A new database `<prefix>_<random>` on the server at `base` (127.0.0.1 only), dropped by `drop()`, or by
 * the bench's cleanup of `activeScratch` when a run is interrupted.
 */
export async function scratchDatabase(base: string, prefix: string) {
  const server = checkLocalUrl(base);
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onServer(server.toString(), `create database ${name}`);
  const dropDatabase = () => onServer(server.toString(), `drop database if exists ${name} with (force)`);
  activeScratch.add(dropDatabase);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      await dropDatabase();
      activeScratch.delete(dropDatabase);
    },
  };
}

/** A scratch database on the server (created here, dropped on close). */
export async function openServerTarget(serverUrl: string): Promise<Target> {
  const base = checkLocalUrl(serverUrl);
  const scratch = await scratchDatabase(serverUrl, 'skillswap_bench');
  const url = new URL(scratch.url);

  const peers: DatabaseHandle[] = [];
  let handle: DatabaseHandle | undefined;
  let rawPool: pg.Pool | undefined;
  try {
    handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
    handle.pool?.on('error', ignoreIdleError);
    await migrateToLatest(handle.db, migrations);
    rawPool = new pg.Pool({ connectionString: url.toString(), max: RAW_POOL_SIZE });
    rawPool.on('error', ignoreIdleError);
  } catch (error) {
    await handle?.close();
    await scratch.drop();
    throw error;
  }
  const pool = rawPool;
  const app = handle;
  const version =
    (await pool.query<{ v: string }>(`select current_setting('server_version') as v`)).rows[0]?.v ?? '?';
  return {
    kind: 'postgres',
    label: `PostgreSQL ${version} at ${base.host} (scratch database ${scratch.name})`,
    handle: app,
    raw: {
      async query<R>(text: string, params?: unknown[]) {
        return (await pool.query(text, params)).rows as R[];
      },
    },
    rawConnections: (writers) => Math.min(writers, RAW_POOL_SIZE),
    async openPeer() {
      const peer = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
      peer.pool?.on('error', ignoreIdleError);
      peers.push(peer);
      return peer;
    },
    async close() {
      for (const peer of peers) await peer.close();
      await pool.end();
      await app.close();
      await scratch.drop();
    },
  };
}

/**
 * `pool.end()` resolves before the server has closed every backend, so the `drop database … with (force)`
 * that follows may still terminate one: its idle client then reports an error through the pool, which
 * would crash the process without a listener. Errors of queries in flight still reach their callers.
 */
function ignoreIdleError(): void {}

/** Scratch databases still to drop, for an interrupted run. */
export const activeScratch = new Set<() => Promise<void>>();
