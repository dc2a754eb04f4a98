import { sql, type Kysely } from 'kysely';

/**
 * A suspension on the users read model (why, until when) and the staff lists' indexes: accounts by
 * sign-up (the admin user list) and the audit log (actions by staff, newest first).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('suspension_reason', 'text')
    .addColumn('suspended_until', 'timestamptz')
    .execute();
  await sql`create index users_created on users (created_at desc, id desc)`.execute(db);
  await sql`create index users_display_name_trgm on users using gin (lower(display_name) gin_trgm_ops)`.execute(
    db,
  );
  await sql`create index activity_log_staff on activity_log (position desc)
    where actor_role in ('moderator', 'admin', 'super_admin')`.execute(db);
  await sql`create index activity_log_stream on activity_log (stream_name, position desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists activity_log_stream`.execute(db);
  await sql`drop index if exists activity_log_staff`.execute(db);
  await sql`drop index if exists users_display_name_trgm`.execute(db);
  await sql`drop index if exists users_created`.execute(db);
  await db.schema.alterTable('users').dropColumn('suspended_until').dropColumn('suspension_reason').execute();
}
