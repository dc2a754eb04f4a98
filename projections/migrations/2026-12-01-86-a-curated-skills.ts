import { sql, type Kysely } from 'kysely';
import { commonSkills } from '../data/common-skills.ts';
import { aliases as firstAliases } from './2026-11-21-10-matching.ts';

/**
 * The curated vocabulary (projections/data/common-skills.ts, docs/matching.md "Curated skills"): canonical
 * skills that exist before anyone writes them, so the first spelling seen never names a common skill.
 * Static data, like skill_aliases: the matching projection reads it and never empties it on rebuild.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('curated_skills')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .execute();
  const labels = commonSkills.map(([label]) => label);
  // In list order, so the first label of a key wins (`on conflict do nothing` keeps the earlier row).
  await sql`insert into curated_skills (id, label)
            select skill_key(l), l from unnest(${labels}::text[]) with ordinality u(l, ord) order by ord
            on conflict (id) do nothing`.execute(db);
  await sql`create index curated_skills_trgm on curated_skills using gist (id gist_trgm_ops)`.execute(db);

  const pairs = commonSkills.flatMap(([label, aliases]) => aliases.map((alias) => [alias, label]));
  // An alias never shadows a curated skill's own key; aliases that already exist keep their target.
  await sql`with p as materialized (
              select skill_key(alias) as alias_key, skill_key(label) as label_key, ord
              from unnest(${pairs.map((p) => p[0]!)}::text[], ${pairs.map((p) => p[1]!)}::text[])
                with ordinality u(alias, label, ord)
            )
            insert into skill_aliases (alias_key, canonical_key, canonical_label)
            select p.alias_key, c.id, c.label
            from p join curated_skills c on c.id = p.label_key
            where not exists (select 1 from curated_skills k where k.id = p.alias_key)
            order by p.ord
            on conflict (alias_key) do nothing`.execute(db);

  // Canonical skills named by data (curated or alias targets) keep their label; the others are named by
  // the spelling most of their holders write, falling back to the one that created them.
  await sql`alter table canonical_skills add column curated boolean not null default false,
            add column first_label text not null default ''`.execute(db);
  // Two people who wrote the same spelling are 100% similar, whatever canonical skill it resolved to.
  await sql`alter table match_skills add column name_key text not null default ''`.execute(db);
  await sql`drop index match_skills_by_skill`.execute(db);
  await sql`create index match_skills_by_skill on match_skills (skill_id, kind, active_at desc)
            include (user_id, level_rank, similarity, utc_offset_minutes, language_keys, name_key)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index match_skills_by_skill`.execute(db);
  await sql`alter table match_skills drop column name_key`.execute(db);
  await sql`create index match_skills_by_skill on match_skills (skill_id, kind, active_at desc)
            include (user_id, level_rank, similarity, utc_offset_minutes, language_keys)`.execute(db);
  await sql`alter table canonical_skills drop column curated, drop column first_label`.execute(db);
  // The curated aliases only: the first matching migration's own aliases stay.
  await sql`delete from skill_aliases where alias_key not in
            (select skill_key(a) from unnest(${firstAliases.map(([alias]) => alias)}::text[]) a)`.execute(db);
  await db.schema.dropTable('curated_skills').execute();
}
