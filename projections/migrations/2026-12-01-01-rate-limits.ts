import type { Kysely } from 'kysely';

/**
 * Rate-limit counters shared by every app process on a Postgres server, in the layout
 * rate-limiter-flexible's Postgres store reads and writes (key, points, expire in epoch ms).
 * The embedded default keeps its counters in memory (one process) and never uses this table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
    .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expire', 'bigint')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute();
}
