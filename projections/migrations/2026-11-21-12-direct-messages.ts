import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('direct_messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('pair_key', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('from_id', 'uuid', (c) => c.notNull())
    .addColumn('to_id', 'uuid', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addColumn('edited_at', 'timestamptz')
    .addColumn('deleted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('read_at', 'timestamptz')
    .addColumn('position', 'bigint', (c) => c.notNull())
    .execute();
  // History pages and unread counts both walk one conversation by seq.
  await sql`create unique index direct_messages_pair_seq on direct_messages (pair_key, seq)`.execute(db);

  await db.schema
    .createTable('dm_conversations')
    .addColumn('owner_id', 'uuid', (c) => c.notNull())
    .addColumn('other_id', 'uuid', (c) => c.notNull())
    .addColumn('pair_key', 'text', (c) => c.notNull())
    .addColumn('last_message_id', 'uuid', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('last_at', 'timestamptz', (c) => c.notNull())
    .addColumn('read_up_to', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unread', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('dm_conversations_pk', ['owner_id', 'other_id'])
    .execute();
  await sql`create index dm_conversations_recent on dm_conversations (owner_id, last_at desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('dm_conversations').execute();
  await db.schema.dropTable('direct_messages').execute();
}
