import { sql, type Kysely } from 'kysely';

/**
 * Crypto-shredding (docs/operations.md, "Personal data keys"): the per-person data keys live here, outside
 * the event log, wrapped by DATA_KEY; `erasures` is the erasure list (also written to DATA_DIR/erasures.jsonl,
 * outside the database, so a restore of an older backup can re-apply it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('personal_data_keys')
    .addColumn('subject_id', 'text', (c) => c.primaryKey())
    .addColumn('wrapped_key', 'text')
    .addColumn('kek_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('destroyed_at', 'timestamptz')
    .execute();
  await db.schema
    .createTable('erasures')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('erased_at', 'timestamptz', (c) => c.notNull())
    .addColumn('receipt', 'jsonb', (c) => c.notNull())
    .execute();
  // One-time steps that need DATA_KEY (so they run at start, not here): done once, recorded here.
  await db.schema
    .createTable('personal_data_migrations')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('done_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('summary', 'jsonb', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('personal_data_migrations').ifExists().execute();
  await db.schema.dropTable('erasures').ifExists().execute();
  await db.schema.dropTable('personal_data_keys').ifExists().execute();
}
