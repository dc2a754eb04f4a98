import { sql, type Kysely } from 'kysely';

/**
 * Who ever wrote each skill spelling on a profile (projections/matching.ts): an erasure removes the
 * person's rows, and a spelling nobody else ever wrote leaves the shared vocabulary with them (its
 * remembered resolution, and the canonical skill it alone named), as a rebuild from the erased log would.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('skill_name_writers')
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('skill_name_writers_pk', ['name_key', 'user_id'])
    .execute();
  await sql`create index skill_name_writers_by_user on skill_name_writers (user_id)`.execute(db);
  // Which spellings resolved to a skill: an erasure checks whether any is left before removing the skill.
  await sql`create index skill_name_resolutions_by_skill on skill_name_resolutions (skill_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists skill_name_resolutions_by_skill`.execute(db);
  await db.schema.dropTable('skill_name_writers').ifExists().execute();
}
