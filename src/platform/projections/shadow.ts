import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Projection, ProjectionDb } from './projection.ts';

/**
 * Blue/green rebuilds. The new version of a read model is built in a schema of its own, whose tables are
 * copies of the live ones (columns, defaults, indexes and constraints, `like … including all`), while
 * readers keep reading the live tables. The projection's SQL stays unchanged: its transactions run with
 * that schema first on the search path, so its own tables resolve to the copies and any other table
 * (another read model it looks up) to the live one.
 *
 * The switch copies the rows into the live tables and moves the checkpoint in one transaction. Rows are
 * replaced by `delete` + `insert` rather than by renaming tables, so the analytics views, grants and
 * comments that point at the live tables stay valid; and since neither takes a lock that readers wait for,
 * a reader sees the old rows until the commit and the new ones after it, never a mix.
 */
export function shadowSchema(projection: Projection): string {
  return `rebuild_${projection.name.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;
}

/** Drops any leftover of an earlier rebuild and creates empty copies of the projection's tables. */
export async function createShadow(db: Db, projection: Projection): Promise<string> {
  const schema = shadowSchema(projection);
  await db.transaction().execute(async (trx) => {
    const live = await liveSchema(trx);
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(trx);
    await sql`create schema ${sql.id(schema)}`.execute(trx);
    for (const table of projection.tables)
      await sql`create table ${sql.id(schema, table)} (like ${sql.id(live, table)} including all)`.execute(
        trx,
      );
  });
  return schema;
}

/** Runs `work` in a transaction whose unqualified table names resolve to the shadow schema first. */
export async function inShadow(
  db: Db,
  schema: string,
  work: (trx: ProjectionDb) => Promise<void>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const live = await liveSchema(trx);
    await sql`select set_config('search_path', ${`${schema}, ${live}`}, true)`.execute(trx);
    await work(trx);
  });
}

/**
 * Replaces the live tables' rows with the shadow's and stores the checkpoint (`position`, the projection's
 * version, running) in one transaction, then drops the shadow schema.
 */
export async function switchToShadow(
  db: Db,
  schema: string,
  projection: Projection,
  position: number,
): Promise<void> {
  const { name, version } = projection;
  await db.transaction().execute(async (trx) => {
    const live = await liveSchema(trx);
    for (const table of projection.tables) {
      const { rows } = await sql<{ column_name: string }>`
        select column_name from information_schema.columns
        where table_schema = ${live} and table_name = ${table} and is_generated = 'NEVER'
        order by ordinal_position`.execute(trx);
      const columns = sql.join(rows.map((r) => sql.id(r.column_name)));
      await sql`delete from ${sql.id(live, table)}`.execute(trx);
      await sql`insert into ${sql.id(live, table)} (${columns}) overriding system value
        select ${columns} from ${sql.id(schema, table)}`.execute(trx);
    }
    await trx
      .insertInto('projection_checkpoints')
      .values({ name, version, position, status: 'running', last_error: null, error_position: null })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({
          version,
          position,
          status: 'running',
          last_error: null,
          error_position: null,
          updated_at: sql`now()`,
        }),
      )
      .execute();
  });
  await dropShadow(db, schema);
}

export async function dropShadow(db: Db, schema: string): Promise<void> {
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
}

async function liveSchema(db: ProjectionDb): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0]!.schema;
}
