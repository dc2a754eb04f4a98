import { sql, type Kysely } from 'kysely';

// Words that make a skill name longer without naming another skill ("Python programming", "guitar
// lessons"). Kept as data: changing them changes canonical ids, so bump the matching projection's version.
const fillerWords = [
  'a',
  'an',
  'and',
  'basics',
  'beginner',
  'beginners',
  'class',
  'classes',
  'course',
  'for',
  'how',
  'lang',
  'language',
  'lesson',
  'lessons',
  'playing',
  'programing',
  'programming',
  'skills',
  'the',
  'to',
  'tutoring',
];

// Common synonyms and abbreviations: alias → canonical name. Also data; same rule as above.
export const aliases: [string, string][] = [
  ['JS', 'JavaScript'],
  ['ECMAScript', 'JavaScript'],
  ['TS', 'TypeScript'],
  ['Py', 'Python'],
  ['ML', 'Machine learning'],
  ['AI', 'Artificial intelligence'],
  ['Golang', 'Go'],
  ['K8s', 'Kubernetes'],
  ['Postgres', 'PostgreSQL'],
  ['Node', 'Node.js'],
  ['NodeJS', 'Node.js'],
  ['ReactJS', 'React'],
  ['React.js', 'React'],
  ['Cpp', 'C++'],
  ['CSharp', 'C#'],
  ['Maths', 'Mathematics'],
  ['Math', 'Mathematics'],
  ['Stats', 'Statistics'],
  ['Español', 'Spanish'],
  ['Castellano', 'Spanish'],
  ['Deutsch', 'German'],
  ['Français', 'French'],
  ['Nihongo', 'Japanese'],
  ['UX', 'User experience design'],
  ['Photo editing', 'Photoshop'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('skill_filler_words')
    .addColumn('word', 'text', (c) => c.primaryKey())
    .execute();
  await sql`insert into skill_filler_words (word) select unnest(${fillerWords}::text[])`.execute(db);

  // The comparison form of a skill name: accents folded (unaccent), lower case, + and # spelled out so
  // C, C++ and C# stay apart, punctuation dropped, filler words dropped, words sorted (word order).
  await sql`
    create function skill_key(name text) returns text language sql stable as $$
      with words as (
        select w from regexp_split_to_table(
          btrim(regexp_replace(
            replace(replace(lower(unaccent(name)), '+', ' plus '), '#', ' sharp '),
            '[\\s!-/:-@\\[-\`{-~]+', ' ', 'g')),
          ' ') as w
        where w <> ''
      )
      select coalesce(
        (select string_agg(w, ' ' order by w collate "C") from words
          where w not in (select word from skill_filler_words)),
        (select string_agg(w, ' ' order by w collate "C") from words),
        lower(btrim(name)))
    $$`.execute(db);

  await db.schema
    .createTable('skill_aliases')
    .addColumn('alias_key', 'text', (c) => c.primaryKey())
    .addColumn('canonical_key', 'text', (c) => c.notNull())
    .addColumn('canonical_label', 'text', (c) => c.notNull())
    .execute();
  for (const [alias, canonical] of aliases) {
    await sql`insert into skill_aliases (alias_key, canonical_key, canonical_label)
              values (skill_key(${alias}), skill_key(${canonical}), ${canonical})`.execute(db);
  }

  await db.schema
    .createTable('canonical_skills')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_position', 'bigint', (c) => c.notNull())
    .execute();
  // Nearest-neighbour search (`order by id <-> key`) when a new spelling is first written.
  await sql`create index canonical_skills_trgm on canonical_skills using gist (id gist_trgm_ops)`.execute(db);

  await db.schema
    .createTable('skill_name_resolutions')
    .addColumn('name_key', 'text', (c) => c.primaryKey())
    .addColumn('skill_id', 'text', (c) => c.notNull())
    .addColumn('similarity', 'real', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('match_profiles')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey())
    .addColumn('language_keys', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('utc_offset_minutes', 'integer')
    .addColumn('active_at', 'timestamptz', (c) => c.notNull())
    .addColumn('profile_position', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('skills_position', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('match_skills')
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('teach', 'learn')`))
    .addColumn('skill_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level_rank', 'smallint', (c) => c.notNull())
    .addColumn('similarity', 'real', (c) => c.notNull())
    // Copied from the member's profile so that ranking reads nothing but this table's index.
    .addColumn('active_at', 'timestamptz', (c) => c.notNull())
    .addColumn('language_keys', sql`text[]`, (c) => c.notNull())
    .addColumn('utc_offset_minutes', 'integer')
    .addPrimaryKeyConstraint('match_skills_pk', ['user_id', 'kind', 'skill_id'])
    .execute();
  // The match query's candidates: the most recently active people who teach (or learn) one canonical skill.
  await sql`create index match_skills_by_skill on match_skills (skill_id, kind, active_at desc)
            include (user_id, level_rank, similarity, utc_offset_minutes, language_keys)`.execute(db);
  // Matching hides accounts that are not active; there are few, so it lists them rather than joining users.
  await sql`create index users_not_active on users (id) where status <> 'active'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists users_not_active`.execute(db);
  for (const table of [
    'match_skills',
    'match_profiles',
    'skill_name_resolutions',
    'canonical_skills',
    'skill_aliases',
  ])
    await db.schema.dropTable(table).ifExists().execute();
  await sql`drop function if exists skill_key(text)`.execute(db);
  await db.schema.dropTable('skill_filler_words').ifExists().execute();
}
