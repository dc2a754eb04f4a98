import { randomBytes } from 'node:crypto';
import { cpSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts';

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or a new database on the
 * server named by DATABASE_URL (dropped again on close). Both start from the template the global setup
 * migrated once for the run (tests/support/global-setup.ts); the app's start still runs `migrateToLatest`
 * on them, which finds nothing left to do.
 */
export async function createTestDatabase(): Promise<DatabaseHandle & { url?: string }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return openDatabase({ pgliteTemplate: pgliteTemplate() });
  const url = await createServerDatabase(serverUrl, 'skillswap_test', { migrated: true });
  const handle = await openDatabase({ databaseUrl: url, poolSize: 20 });
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      await dropServerDatabase(serverUrl, url);
    },
  };
}

let tarball: Blob | undefined;

/** The migrated template as a `dumpDataDir()` tarball, for an in-memory PGlite (read once per test file). */
function pgliteTemplate(): Blob {
  const template = inject('testDatabaseTemplate');
  if (!('pgliteTarball' in template)) throw new Error('the PGlite template is missing (DATABASE_URL is set)');
  tarball ??= new Blob([readFileSync(template.pgliteTarball)]);
  return tarball;
}

/**
 * Fills `pgliteDir` (DATA_DIR/pglite of an app about to start on the embedded database) with a copy of the
 * migrated template.
 */
export function copyPgliteTemplate(pgliteDir: string): void {
  const template = inject('testDatabaseTemplate');
  if (!('pgliteDir' in template)) throw new Error('the PGlite template is missing (DATABASE_URL is set)');
  cpSync(template.pgliteDir, pgliteDir, { recursive: true });
}

/**
 * Creates a database with a random name on the server; returns its URL. Empty by default (the app's start
 * migrates it, as in production); `migrated` copies the run's migrated template instead.
 */
export async function createServerDatabase(
  serverUrl: string,
  prefix: string,
  { migrated = false }: { migrated?: boolean } = {},
): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  if (migrated) {
    const template = inject('testDatabaseTemplate');
    if (!('serverDatabase' in template)) throw new Error('the server template is missing (no DATABASE_URL)');
    await onServer(serverUrl, `create database ${name} template ${template.serverDatabase}`);
  } else {
    await onServer(serverUrl, `create database ${name}`);
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropServerDatabase(serverUrl: string, databaseUrl: string): Promise<void> {
  await onServer(serverUrl, `drop database if exists ${new URL(databaseUrl).pathname.slice(1)} with (force)`);
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
