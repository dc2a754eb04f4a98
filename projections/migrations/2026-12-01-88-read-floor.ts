import type { Kysely } from 'kysely';

/**
 * Read-your-writes per sign-in: the highest position this sign-in has written, kept server-side so that
 * concurrent writes answered by different app processes cannot lower it (a cookie keeps whichever answer
 * arrived last).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('auth_sessions')
    .addColumn('read_floor', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('auth_sessions').dropColumn('read_floor').execute();
}
