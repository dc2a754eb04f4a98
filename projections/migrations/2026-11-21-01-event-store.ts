import { sql, type Kysely } from 'kysely';

// The embedded event log. es_head is a single row whose lock serializes appends across processes, which
// makes global positions dense and committed in order: a reader can never pass a position that may still
// commit (docs/architecture.md).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('es_events')
    .addColumn('position', 'bigint', (c) => c.primaryKey())
    .addColumn('stream_name', 'text', (c) => c.notNull())
    .addColumn('revision', 'bigint', (c) => c.notNull())
    .addColumn('event_id', 'uuid', (c) => c.notNull().unique())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('metadata', 'jsonb', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('es_events_stream_revision', ['stream_name', 'revision'])
    .execute();
  await db.schema.createIndex('es_events_type').on('es_events').columns(['event_type', 'position']).execute();

  await db.schema
    .createTable('es_streams')
    .addColumn('stream_name', 'text', (c) => c.primaryKey())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('revision', 'bigint', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('es_streams_category')
    .on('es_streams')
    .columns(['category', 'stream_name'])
    .execute();

  await db.schema
    .createTable('es_head')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('position', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into es_head (id, position) values (1, 0)`.execute(db);

  await db.schema
    .createTable('projection_checkpoints')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('error_position', 'bigint')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('auth_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('min_position', 'bigint', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('auth_sessions_user').on('auth_sessions').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['auth_sessions', 'projection_checkpoints', 'es_head', 'es_streams', 'es_events']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
