import { sql } from 'kysely';
import type { Db } from '../src/platform/db/database.ts';

/**
 * Access to the `analytics` schema (its views: migration `2026-12-01-81-analytics`, docs/analytics.md).
 * Analysts read it as members of one NOLOGIN role, which may read those views and nothing else.
 */
export const ANALYSTS_ROLE = 'skillswap_analysts';

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Creates the analysts' role when missing and lets it read every view of the schema (idempotent). */
export async function ensureAnalystsRole(db: Db): Promise<void> {
  await sql`do $$ begin
    if not exists (select 1 from pg_roles where rolname = ${sql.lit(ANALYSTS_ROLE)}) then
      create role ${sql.id(ANALYSTS_ROLE)} nologin;
    end if;
  end $$`.execute(db);
  await sql`grant usage on schema analytics to ${sql.id(ANALYSTS_ROLE)}`.execute(db);
  await sql`grant select on all tables in schema analytics to ${sql.id(ANALYSTS_ROLE)}`.execute(db);
}

/**
 * A Postgres login role that reads the analytics views and nothing else: a member of the analysts'
 * role, read-only by default, `analytics` first on its search path. Refuses a name that is not a plain
 * lower-case identifier, and a role that exists already.
 */
export async function createAnalyst(db: Db, name: string, password: string): Promise<void> {
  if (!ROLE_NAME.test(name))
    throw new Error(
      '--name must be a lower-case identifier: letters, digits and _, at most 63, not starting with a digit.',
    );
  if (password.length < 12) throw new Error('--password must be at least 12 characters.');
  await ensureAnalystsRole(db);
  const exists = await sql<{ n: number }>`select 1 as n from pg_roles where rolname = ${name}`.execute(db);
  if (exists.rows.length > 0) throw new Error(`A database role named ${name} exists already.`);
  const role = sql.id(name);
  await sql`create role ${role} login password ${sql.lit(password)} in role ${sql.id(ANALYSTS_ROLE)}`.execute(
    db,
  );
  await sql`alter role ${role} set search_path = analytics`.execute(db);
  await sql`alter role ${role} set default_transaction_read_only = on`.execute(db);
}

/**
 * Runs one analyst's query with the analysts' rights, in a read-only transaction that is rolled back:
 * the SQL console of the embedded default, where no login roles can connect. A guard rail for people who
 * hold the data directory anyway, not a security boundary: analysts who must not see more get a login
 * role on a Postgres server (`createAnalyst`).
 */
export async function runAsAnalyst(db: Db, query: string): Promise<Record<string, unknown>[]> {
  const statement = query.trim().replace(/;\s*$/, '');
  if (statement.includes(';')) throw new Error('Run one statement at a time (no ; inside the query).');
  await ensureAnalystsRole(db);
  return db.connection().execute(async (conn) => {
    await sql`begin read only`.execute(conn);
    try {
      await sql`set local role ${sql.id(ANALYSTS_ROLE)}`.execute(conn);
      await sql`set local search_path = analytics`.execute(conn);
      const result = await sql<Record<string, unknown>>`${sql.raw(statement)}`.execute(conn);
      return result.rows;
    } finally {
      await sql`rollback`.execute(conn);
    }
  });
}
