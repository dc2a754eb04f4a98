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

/** Opens the read-model and event-log database: PGlite by default, a Postgres server with a URL. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
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
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: 'pglite', pglite, close: () => db.destroy() };
}
