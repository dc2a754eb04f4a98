import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrations } from '../../src/database.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { onServer } from './server-statement.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * A database migrated once for the whole run, that test databases start from (tests/support/database.ts):
     * a PGlite data folder and its `dumpDataDir()` tarball, or the name of a template database on the server
     * named by DATABASE_URL. Creating and migrating a fresh database costs seconds per test file (the PGlite
     * initdb most of all); copying a migrated one costs a fraction of that. tests/migrations.int.test.ts still
     * migrates from scratch and checks that the result is the same schema.
     */
    testDatabaseTemplate: { pgliteDir: string; pgliteTarball: string } | { serverDatabase: string };
  }
}

/** Vitest global setup of the int and e2e projects: migrates the template once, removes it at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `skillswap_template_${randomBytes(6).toString('hex')}`;
    await onServer(serverUrl, `create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 1 });
    try {
      await migrateToLatest(handle.db, migrations);
    } finally {
      await handle.close(); // CREATE DATABASE ... TEMPLATE needs the template without connections
    }
    project.provide('testDatabaseTemplate', { serverDatabase: name });
    return () => onServer(serverUrl, `drop database if exists ${name} with (force)`);
  }
  const root = mkdtempSync(path.join(tmpdir(), 'skillswap-template-'));
  const pgliteDir = path.join(root, 'pglite');
  const pgliteTarball = path.join(root, 'pglite.tar');
  const handle = await openDatabase({ pgliteDir });
  try {
    await migrateToLatest(handle.db, migrations);
    const dump = await handle.pglite!.dumpDataDir('none');
    writeFileSync(pgliteTarball, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await handle.close();
  }
  project.provide('testDatabaseTemplate', { pgliteDir, pgliteTarball });
  return async () => rmSync(root, { recursive: true, force: true });
}
