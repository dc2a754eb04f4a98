import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { migrations } from '../src/database.ts';
import { openDatabase, type DatabaseHandle, type Db } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { createServerDatabase, createTestDatabase, dropServerDatabase } from './support/database.ts';

// Test databases start as copies of one migrated once per run (tests/support/global-setup.ts). Here the
// migrations still run from scratch on an empty database, and must build the very schema the copies have.
const serverUrl = process.env.DATABASE_URL;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** Tables, columns, constraints, indexes, views, functions and applied migrations of the public schemas. */
async function schemaOf(db: Db) {
  const rows = async (query: ReturnType<typeof sql<Record<string, unknown>>>) =>
    (await query.execute(db)).rows.map((row) => JSON.stringify(row)).sort();
  return {
    columns:
      await rows(sql`select table_schema, table_name, column_name, data_type, is_nullable, column_default
                            from information_schema.columns where table_schema in ('public', 'analytics')`),
    constraints:
      await rows(sql`select conrelid::regclass::text as on_table, conname, pg_get_constraintdef(oid) as def
                                from pg_constraint where connamespace in
                                  (select oid from pg_namespace where nspname in ('public', 'analytics'))`),
    indexes: await rows(sql`select schemaname, indexname, indexdef from pg_indexes
                            where schemaname in ('public', 'analytics')`),
    views: await rows(sql`select schemaname, viewname, definition from pg_views
                          where schemaname in ('public', 'analytics')`),
    functions: await rows(sql`select p.proname, pg_get_function_identity_arguments(p.oid) as args
                              from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                              where n.nspname in ('public', 'analytics')`),
    extensions: await rows(sql`select extname from pg_extension`),
    migrations: await rows(sql`select name from kysely_migration`),
    curated: await rows(sql`select (select count(*) from curated_skills) as skills,
                                   (select count(*) from skill_aliases) as aliases`),
  };
}

describe('migrations', () => {
  it('build, from an empty database, the schema the test databases are copied from', async () => {
    let scratch: DatabaseHandle;
    if (serverUrl) {
      const url = await createServerDatabase(serverUrl, 'skillswap_migrations');
      cleanups.push(() => dropServerDatabase(serverUrl, url));
      scratch = await openDatabase({ databaseUrl: url, poolSize: 2 });
    } else {
      scratch = await openDatabase({});
    }
    cleanups.push(() => scratch.close());
    expect(inject('testDatabaseTemplate')).toBeDefined(); // so `copy` is a copy, not migrated here
    const copy = await createTestDatabase();
    cleanups.push(() => copy.close());

    await migrateToLatest(scratch.db, migrations);
    const fromScratch = await schemaOf(scratch.db);
    expect(fromScratch.migrations).toHaveLength(Object.keys(migrations).length);
    expect(fromScratch.columns.length).toBeGreaterThan(100);
    expect(await schemaOf(copy.db)).toEqual(fromScratch);

    // Run again, they find nothing to do (every app start runs them).
    await migrateToLatest(scratch.db, migrations);
    expect(await schemaOf(scratch.db)).toEqual(fromScratch);
  });
});
