import type { Kysely } from 'kysely';

/** The admin dashboard's daily numbers (projections/daily-stats.ts). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('daily_counts')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('daily_counts_pk', ['day', 'metric'])
    .execute();
  await db.schema
    .createTable('daily_active')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('daily_active_pk', ['day', 'user_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('daily_active').execute();
  await db.schema.dropTable('daily_counts').execute();
}
