import type { Kysely } from 'kysely';

/**
 * The latest snapshot of each Yjs document: a cache derivable from `ydoc-<doc>` (drop it and documents
 * load from their full streams), so it lives in a table, not in the event log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ydoc_snapshots')
    .addColumn('doc', 'text', (c) => c.primaryKey())
    .addColumn('revision', 'bigint', (c) => c.notNull())
    .addColumn('state', 'bytea', (c) => c.notNull())
    .addColumn('taken_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ydoc_snapshots').execute();
}
