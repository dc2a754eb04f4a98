import { randomBytes } from 'node:crypto';
import { cpSync, readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts';
import { migrations } from '../../src/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { onServer } from './server-statement.ts';

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or a new database on the
 * server named by DATABASE_URL (dropped again on close). Under vitest both start as copies of the template
 * the global setup migrated once for the run (tests/support/global-setup.ts); elsewhere they are migrated.
 */
export async function createTestDatabase(): Promise<DatabaseHandle & { url?: string }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const template = pgliteTemplate();
    const handle = await openDatabase({ pgliteTemplate: template });
    if (!template) await migrateToLatest(handle.db, migrations);
    return handle;
  }
  const url = await createServerDatabase(serverUrl, 'skillswap_test', { migrated: true });
  const handle = await openDatabase({ databaseUrl: url, poolSize: 20 });
  await migrateToLatest(handle.db, migrations); // nothing to do on a copy of the template
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      await dropServerDatabase(serverUrl, url);
    },
  };
}

/** What the global setup provides; undefined outside vitest (bench/ reuses these helpers). */
function template() {
  try {
    return inject('testDatabaseTemplate');
  } catch {
    return undefined;
  }
}

let tarball: Blob | undefined;

/** The migrated template as a `dumpDataDir()` tarball for an in-memory PGlite (read once per test file). */
function pgliteTemplate(): Blob | undefined {
  const provided = template();
  if (!provided || !('pgliteTarball' in provided)) return undefined;
  tarball ??= new Blob([readFileSync(provided.pgliteTarball)]);
  return tarball;
}

/**
 * Fills `pgliteDir` (DATA_DIR/pglite of an app about to start on the embedded database) with a copy of the
 * migrated template, when there is one; otherwise the app's first start creates and migrates it.
 */
export function copyPgliteTemplate(pgliteDir: string): void {
  const provided = template();
  if (provided && 'pgliteDir' in provided) cpSync(provided.pgliteDir, pgliteDir, { recursive: true });
}

/**
 * Creates a database with a random name on the server; returns its URL. Empty by default (the app's start
 * migrates it, as in production); `migrated` copies the run's migrated template instead, when there is one.
 */
export async function createServerDatabase(
  serverUrl: string,
  prefix: string,
  { migrated = false }: { migrated?: boolean } = {},
): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const provided = migrated ? template() : undefined;
  const from = provided && 'serverDatabase' in provided ? ` template ${provided.serverDatabase}` : '';
  await onServer(serverUrl, `create database ${name}${from}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropServerDatabase(serverUrl: string, databaseUrl: string): Promise<void> {
  await onServer(serverUrl, `drop database if exists ${new URL(databaseUrl).pathname.slice(1)} with (force)`);
}
