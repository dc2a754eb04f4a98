import { sql, type Kysely } from 'kysely';

/** The sessions read models (docs/sessions.md): sessions, registrations, their skills, calendar feeds. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('host_id', 'uuid', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('skill', 'text', (c) => c.notNull())
    .addColumn('skill_id', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('prerequisites', sql`text[]`, (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('meeting_url', 'text')
    .addColumn('time_zone', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('scheduled', 'cancelled')`))
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('cancel_reason', 'text')
    .addColumn('registered', 'integer', (c) => c.notNull())
    .addColumn('waitlisted', 'integer', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('search', sql`tsvector`, (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .execute();
  // Browsing lists sessions that still run (cancelled ones stay readable by id), by start then id; each
  // filter has its own index leading with its column so a page reads only matching rows in order.
  await sql`create index sessions_browse on sessions (starts_at, id) where status = 'scheduled'`.execute(db);
  await sql`create index sessions_by_skill on sessions (skill_id, starts_at, id) where status = 'scheduled'`.execute(
    db,
  );
  await sql`create index sessions_by_level on sessions (level, starts_at, id) where status = 'scheduled'`.execute(
    db,
  );
  await sql`create index sessions_search on sessions using gin (search) where status = 'scheduled'`.execute(
    db,
  );
  // A host's sessions, in every status: browse by host and "my sessions".
  await sql`create index sessions_by_host on sessions (host_id, starts_at, id)`.execute(db);

  await db.schema
    .createTable('session_registrations')
    .addColumn('session_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('registered', 'waitlisted', 'cancelled')`),
    )
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attended', 'boolean')
    // The position of the person's latest request for a seat: the arrival order (one stream, so positions
    // order the session's events exactly).
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('session_registrations_pk', ['session_id', 'user_id'])
    .execute();
  // Counts and waitlist places of a session; a person's sessions.
  await sql`create index session_registrations_line on session_registrations (session_id, status, seq)`.execute(
    db,
  );
  await sql`create index session_registrations_user on session_registrations (user_id, status)`.execute(db);

  // Every skill id sessions were filed under: the skill filter's nearest-neighbour search runs over these
  // as well as the canonical skills, so a spelling nobody lists on a profile is still found by its typos.
  await db.schema
    .createTable('session_skills')
    .addColumn('skill_id', 'text', (c) => c.primaryKey())
    .execute();
  await sql`create index session_skills_trgm on session_skills using gist (skill_id gist_trgm_ops)`.execute(
    db,
  );

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['calendar_feeds', 'session_skills', 'session_registrations', 'sessions'])
    await db.schema.dropTable(table).ifExists().execute();
}
