import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './schema.ts';

// Postgres bigint (int8) arrives as a string by default; our positions and counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Present on a real server: lets the event store LISTEN for appends of other processes. */
  pool?: pg.Pool;
  /** Present in embedded mode: the single PGlite instance. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A real Postgres server; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data folder; omit for an in-memory database. */
  pgliteDir?: string | undefined;
  /** A `dumpDataDir()` tarball to start from (a migrated template), PGlite only. */
  pgliteTemplate?: Blob | undefined;
  poolSize?: number;
  /** Told about connections the server dropped while idle (restart, failover, admin command). */
  onIdleError?: (error: Error) => void;
}

/**
 * Connections per app process on a server: one LISTENs for every channel (realtime/broadcast.ts), five run
 * queries. Five is what queries had when each channel held its own connection of ten, and more is slower
 * under a crowd: with nine, lookups and commands found a free connection at once and stopped waiting
 * together, and 500 registrations cost 40-60% more CPU (docs/benchmarks.md).
 */
export const POOL_SIZE = 6;

/** Opens the read-model and event-log database: PGlite by default, a Postgres server with a URL. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? POOL_SIZE });
    // Without a listener, an idle connection dropped by the server would crash the process; the pool
    // already discards that connection and opens a new one on the next query.
    pool.on('error', (error) => options.onIdleError?.(error));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', pool, close: () => db.destroy() };
  }
  if (options.pgliteDir) mkdirSync(options.pgliteDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(options.pgliteDir ? { dataDir: options.pgliteDir } : {}),
    ...(options.pgliteTemplate ? { loadDataDir: options.pgliteTemplate } : {}),
    extensions: { pg_trgm, unaccent },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(turnTaking(pglite)) });
  return { db, kind: 'pglite', pglite, close: () => db.destroy() };
}

/**
 * PGlite runs a query inside the call, on this thread, and answers in a microtask: without a pause, a
 * request's whole chain of queries (sign-in, command, append, every projection's batch) runs in one turn of
 * the event loop. Node accepts one new connection per turn, so in a crowd each request then came in only
 * after the one before it had been answered in full: nothing ever waited beside another request, so no
 * lookup coalesced, no command grouped, and no projection batch held more than one event (500 registrations
 * took 16,555 statements and 12 s). Yielding a turn before each query lets the loop accept connections and
 * read requests between queries, as it does while a server's answer travels over the network: the crowd
 * then waits together and shares batches (700-760 statements, about 1.1 s). The cost is one turn of the
 * loop per query, a few microseconds.
 */
export function turnTaking(pglite: PGlite): PGlite {
  const client = {
    async query(text: string, params?: unknown[]) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      return pglite.query(text, params);
    },
    close: () => pglite.close(),
  };
  return client as unknown as PGlite;
}
