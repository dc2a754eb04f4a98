import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calls')
    .addColumn('call_id', 'uuid', (c) => c.primaryKey())
    .addColumn('room', 'text', (c) => c.notNull())
    .addColumn('caller_id', 'uuid', (c) => c.notNull())
    .addColumn('callee_id', 'uuid', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('rang_at', 'timestamptz', (c) => c.notNull())
    .addColumn('answered_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('position', 'bigint', (c) => c.notNull())
    .execute();
  // The scheduler's and the busy check's question: which calls are still ringing or going on.
  await sql`create index calls_open on calls (rang_at) where status <> 'ended'`.execute(db);

  await db.schema
    .createTable('call_history')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('room', 'text', (c) => c.notNull())
    .addColumn('with_id', 'uuid')
    .addColumn('call_id', 'uuid')
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('answered_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('missed', 'boolean', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .execute();
  await sql`create index call_history_by_user on call_history (user_id, started_at desc, key desc)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('call_history').execute();
  await db.schema.dropTable('calls').execute();
}
