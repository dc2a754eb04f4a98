import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'uuid')
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('ref', 'text')
    .addColumn('ref_seq', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('first_position', 'bigint', (c) => c.notNull())
    .addColumn('read_at', 'timestamptz')
    .addColumn('read_position', 'bigint')
    .execute();
  // The list (newest first, keyset paging), the unread count, and a message's notice by its message id.
  await sql`create index notifications_list on notifications (user_id, position desc, id desc)`.execute(db);
  await sql`create index notifications_unread on notifications (user_id) where read_at is null`.execute(db);
  await sql`create index notifications_ref on notifications (ref) where ref is not null`.execute(db);

  await db.schema
    .createTable('notification_sessions')
    .addColumn('session_id', 'uuid', (c) => c.primaryKey())
    .addColumn('host_id', 'uuid', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('notification_session_people')
    .addColumn('session_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('since_position', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_session_people_pk', ['session_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'sent', 'skipped', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .execute();
  await sql`create index mail_outbox_pending on mail_outbox (position) where status = 'pending'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('mail_outbox').execute();
  await db.schema.dropTable('notification_session_people').execute();
  await db.schema.dropTable('notification_sessions').execute();
  await db.schema.dropTable('notifications').execute();
}
