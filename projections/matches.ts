import { sql, type RawBuilder } from 'kysely';
import { pickNearest } from './lib/typo.ts';
import { lookupSkill } from './matching.ts';
import { skillKey } from '../src/features/identity/events.ts';
import { levels, type Level } from '../src/features/identity/events.ts';
import type { Db } from '../src/platform/db/database.ts';
import { findPublicProfiles, type PublicProfileRow } from './users.ts';

export interface MatchFilters {
  limit: number;
  /** Only people who list this language. */
  language?: string | undefined;
  /** Only skills they hold at this level or above (teaching level, or level of what they learn). */
  level?: Level | undefined;
  /** Only matches on skills resembling this text. */
  skill?: string | undefined;
  /** Candidates read per skill and direction (most recently active first); the benchmark varies it. */
  candidatesPerSkill?: number;
}

/**
 * Per skill of mine, only the most recently active people who hold it (in the other role) are candidates,
 * so the work of a query is bounded however popular a skill is. While a skill has fewer holders than this,
 * everyone is a candidate; beyond, ranking is exact among the most recently active of them.
 */
export const CANDIDATES_PER_SKILL = 1_000;

export interface MatchReason {
  direction: 'they_teach' | 'you_teach';
  yourSkill: string;
  theirSkill: string;
  similarity: number;
}

export interface Match {
  user: PublicProfileRow;
  score: number;
  mutual: boolean;
  reasons: MatchReason[];
}

/**
 * Ranking weights. Mutual matches take the upper half of the 0..1 score, so they always rank above
 * one-way ones; within each half: skill coverage (how many skills meet, how similar), level fit, shared
 * languages, time-zone overlap and recent activity.
 */
const weights = { coverage: 0.4, levelFit: 0.2, languages: 0.15, timeZone: 0.15, activity: 0.1 };
/** Recent activity decays with this time constant. */
const ACTIVITY_DAYS = 30;
const w = (n: number) => sql.raw(`${n}::float8`);

/**
 * The canonical skills a `skill` filter text stands for, found by the same lookup as a name written on a
 * profile (`lookupSkill`: the spelling's remembered resolution, its alias, the curated list, the typo rule
 * among the nearest used and curated skills), plus every accepted near skill and wider skills containing
 * all its words. So "gitar" finds Guitar exactly as "gitar" on a profile would join it.
 */
export async function skillFilterIds(db: Db, text: string): Promise<string[]> {
  const { rows } = await sql<{ k: string }>`select skill_key(${text}) as k`.execute(db);
  const key = rows[0]!.k;
  const found = await lookupSkill(db, key);
  const accepted = found.near.filter((c) => pickNearest(key, [c])).map((c) => c.id);
  const same = [...new Set([...(found.memo === null ? [] : [found.memo]), found.target, ...accepted])];
  const { rows: wider } = await sql<{ id: string }>`
    select c.id from canonical_skills c, unnest(${same}::text[]) t(id)
    where string_to_array(c.id, ' ') @> string_to_array(t.id, ' ')`.execute(db);
  return [...new Set([...same, ...wider.map((c) => c.id)])];
}

/**
 * How similar two holders' spellings of one canonical skill are: 1 when they wrote the same thing (after
 * case, accents, word order and filler words), else the product of how close each is to the canonical skill.
 */
const pairSimilarity = (a: string, b: string) =>
  sql`(case when ${sql.ref(`${a}.name_key`)} = ${sql.ref(`${b}.name_key`)} then 1
       else ${sql.ref(`${a}.similarity`)} * ${sql.ref(`${b}.similarity`)} end)::float8`;

const levelFilter = (level: Level | undefined, alias: string) =>
  level ? sql`and ${sql.ref(`${alias}.level_rank`)} >= ${levels.indexOf(level)}` : sql``;
const skillFilter = (skillIds: string[] | null) =>
  skillIds ? sql`and m.skill_id = any(${skillIds}::text[])` : sql``;

/**
 * The best matches for `userId`: people who teach what they learn and/or learn what they teach, joined on
 * canonical skill ids (resolved when skills were written), never themselves, blocked either way, or
 * inactive accounts. Best first.
 */
export async function findMatches(db: Db, userId: string, filters: MatchFilters): Promise<Match[]> {
  const skillIds = filters.skill ? await skillFilterIds(db, filters.skill) : null;
  const theirLevel = levelFilter(filters.level, 's');
  const mySkill = skillFilter(skillIds);
  const perSkill = filters.candidatesPerSkill ?? CANDIDATES_PER_SKILL;
  const language = filters.language ? sql`and ${skillKey(filters.language)} = any(r.langs)` : sql``;
  const { rows } = await sql<{ user_id: string; mutual: boolean; score: number }>`
    with me as (
      select language_keys as langs, utc_offset_minutes as tz from match_profiles where user_id = ${userId}
    ),
    mine as (
      select kind, skill_id, level_rank, similarity, name_key from match_skills where user_id = ${userId}
    ),
    hidden as (
      select blocked_id as id from user_blocks where blocker_id = ${userId}
      union all select blocker_id from user_blocks where blocked_id = ${userId}
      union all select id from users where status <> 'active'
    ),
    hits as (
      select t.*, m.kind = 'learn' as they_teach, ${pairSimilarity('m', 't')} as sim,
             case sign(case when m.kind = 'learn' then t.level_rank - m.level_rank
                            else m.level_rank - t.level_rank end)
               when 1 then 1.0::float8 when 0 then 0.6::float8 else 0.2::float8 end as fit
      from mine m
      cross join lateral (
        select s.user_id, s.level_rank, s.similarity, s.name_key, s.active_at, s.language_keys, s.utc_offset_minutes
        from match_skills s
        where s.skill_id = m.skill_id and s.kind = case m.kind when 'learn' then 'teach' else 'learn' end
          and s.user_id <> ${userId} and s.user_id not in (select id from hidden) ${theirLevel}
        order by s.active_at desc
        limit ${perSkill}
      ) t
      where true ${mySkill}
    ),
    per_user as (
      select user_id, bool_or(they_teach) and bool_or(not they_teach) as mutual,
             least(1.0::float8, sum(sim) / 3) as coverage, avg(fit) as level_fit, max(active_at) as active_at,
             max(language_keys) as langs, max(utc_offset_minutes) as tz
      from hits group by user_id
    )
    select r.user_id, r.mutual,
      0.5::float8 * r.mutual::int + 0.5::float8 * (
        ${w(weights.coverage)} * r.coverage
        + ${w(weights.levelFit)} * r.level_fit
        + ${w(weights.languages)} * case
            when coalesce(cardinality(me.langs), 0) = 0 or cardinality(r.langs) = 0 then 0.5::float8
            when me.langs && r.langs then 1::float8 else 0::float8 end
        + ${w(weights.timeZone)} * case
            when me.tz is null or r.tz is null then 0.5::float8
            else 1 - least(abs(me.tz - r.tz), 1440 - abs(me.tz - r.tz)) / 720::float8 end
        + ${w(weights.activity)} * exp(-greatest(0, extract(epoch from now() - r.active_at)::float8)
                                       / ${w(ACTIVITY_DAYS * 86_400)})
      ) as score
    from per_user r left join me on true
    where true ${language}
    order by r.mutual desc, score desc, r.user_id
    limit ${filters.limit}`.execute(db);
  if (rows.length === 0) return [];

  const ids = rows.map((r) => r.user_id);
  const [reasons, profiles] = await Promise.all([
    findReasons(db, userId, ids, sql`${levelFilter(filters.level, 't')} ${skillFilter(skillIds)}`),
    findPublicProfiles(db, ids),
  ]);
  return rows.flatMap((row) => {
    const user = profiles.get(row.user_id);
    if (!user) return [];
    return [
      {
        user,
        score: Math.round(Number(row.score) * 1000) / 1000,
        mutual: row.mutual,
        reasons: reasons.get(row.user_id) ?? [],
      },
    ];
  });
}

async function findReasons(db: Db, userId: string, ids: string[], where: RawBuilder<unknown>) {
  const { rows } = await sql<{
    user_id: string;
    direction: MatchReason['direction'];
    your_skill: string;
    their_skill: string;
    similarity: number;
  }>`
    select t.user_id, case when m.kind = 'learn' then 'they_teach' else 'you_teach' end as direction,
           m.name as your_skill, t.name as their_skill, ${pairSimilarity('m', 't')} as similarity
    from match_skills m
    join match_skills t on t.skill_id = m.skill_id and t.kind <> m.kind
    where m.user_id = ${userId} and t.user_id = any(${ids}::uuid[]) ${where}
    order by similarity desc, direction, m.name, t.name`.execute(db);
  const byUser = new Map<string, MatchReason[]>();
  for (const r of rows) {
    const list = byUser.get(r.user_id) ?? [];
    list.push({
      direction: r.direction,
      yourSkill: r.your_skill,
      theirSkill: r.their_skill,
      similarity: Math.round(Number(r.similarity) * 100) / 100,
    });
    byUser.set(r.user_id, list);
  }
  return byUser;
}
