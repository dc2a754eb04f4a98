import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // What the reputation read model needs of each session (its own copy: a read model reads only events).
  await db.schema
    .createTable('reputation_sessions')
    .addColumn('session_id', 'uuid', (c) => c.primaryKey())
    .addColumn('host_id', 'uuid', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('skill', 'text', (c) => c.notNull())
    // skill_key(skill) (matching migration): compared with canonical skills when read.
    .addColumn('skill_key', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('cancelled', 'boolean', (c) => c.notNull())
    .addColumn('held', 'boolean', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .execute();
  await sql`create index reputation_sessions_host on reputation_sessions (host_id) where held`.execute(db);
  await sql`create index reputation_sessions_skill on reputation_sessions (skill_key) where held`.execute(db);

  // Attendees (as docs/api.md defines them) of held sessions only.
  await db.schema
    .createTable('reputation_attendees')
    .addColumn('session_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('reputation_attendees_pk', ['session_id', 'user_id'])
    .execute();
  await sql`create index reputation_attendees_user on reputation_attendees (user_id)`.execute(db);

  await db.schema
    .createTable('reviews')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('session_id', 'uuid', (c) => c.notNull())
    .addColumn('host_id', 'uuid', (c) => c.notNull())
    .addColumn('author_id', 'uuid', (c) => c.notNull())
    .addColumn('rating', 'smallint', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('reply_body', 'text')
    .addColumn('replied_at', 'timestamptz')
    .addColumn('position', 'bigint', (c) => c.notNull())
    .execute();
  // Pages newest first: a session's reviews, a host's reviews; counts by author.
  await sql`create index reviews_by_session on reviews (session_id, position desc)`.execute(db);
  await sql`create index reviews_by_host on reviews (host_id, position desc)`.execute(db);
  await sql`create index reviews_by_author on reviews (author_id)`.execute(db);

  await db.schema
    .createTable('reputations')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey())
    .addColumn('reviews_received', 'integer', (c) => c.notNull())
    .addColumn('rating_sum', 'integer', (c) => c.notNull())
    .addColumn('sessions_hosted', 'integer', (c) => c.notNull())
    .addColumn('students_taught', 'integer', (c) => c.notNull())
    .addColumn('sessions_attended', 'integer', (c) => c.notNull())
    .addColumn('reviews_written', 'integer', (c) => c.notNull())
    .execute();

  // One row: every review's rating, for the Bayesian prior.
  await db.schema
    .createTable('reputation_platform')
    .addColumn('id', 'smallint', (c) => c.primaryKey())
    .addColumn('reviews', 'integer', (c) => c.notNull())
    .addColumn('rating_sum', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('user_badges')
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('badge_id', 'text', (c) => c.notNull())
    .addColumn('earned_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_badges_pk', ['user_id', 'badge_id'])
    .execute();

  // Each level a person declared for a skill, from when (SkillsChanged).
  await db.schema
    .createTable('skill_level_history')
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('teach', 'learn')`))
    .addColumn('skill_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('since', 'timestamptz', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('skill_level_history_pk', ['user_id', 'kind', 'skill_key', 'position'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'skill_level_history',
    'user_badges',
    'reputation_platform',
    'reputations',
    'reviews',
    'reputation_attendees',
    'reputation_sessions',
  ])
    await db.schema.dropTable(table).ifExists().execute();
}
