import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('session_schedule')
    .addColumn('session_id', 'uuid', (c) => c.primaryKey())
    .addColumn('host_id', 'uuid', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('cancelled', 'boolean', (c) => c.notNull())
    .addColumn('held', 'boolean', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .execute();
  // The scheduler's two questions: what starts soon, and what ended without being recorded as held.
  await sql`create index session_schedule_upcoming on session_schedule (starts_at) where not cancelled`.execute(
    db,
  );
  await sql`create index session_schedule_to_hold on session_schedule (ends_at) where not cancelled and not held`.execute(
    db,
  );

  await db.schema
    .createTable('session_schedule_people')
    .addColumn('session_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('session_schedule_people_pk', ['session_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('session_schedule_reminders')
    .addColumn('session_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('session_schedule_reminders_pk', ['session_id', 'user_id', 'kind', 'starts_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('session_schedule_reminders').execute();
  await db.schema.dropTable('session_schedule_people').execute();
  await db.schema.dropTable('session_schedule').execute();
}
