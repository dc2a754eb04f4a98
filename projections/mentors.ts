import { sql } from 'kysely';
import { levels, skillKey, type Level } from '../src/features/identity/events.ts';
import { platformPrior, PRIOR_WEIGHT } from '../src/features/reviews/events.ts';
import type { Db } from '../src/platform/db/database.ts';
import { canonicalOfKeys } from './lib/skill-resolution.ts';
import { skillFilterIds } from './matches.ts';
import { platformRatings } from './reputation.ts';
import { findPublicProfiles, type PublicProfileRow } from './users.ts';

export interface MentorFilters {
  /** People who teach a skill resembling this; every teacher when absent. */
  skill?: string | undefined;
  /** Who teach it at this level or above. */
  level?: Level | undefined;
  /** Who list this language (case and accents ignored). */
  language?: string | undefined;
  /** Hides people this viewer blocked or who blocked them. */
  viewerId?: string | undefined;
  limit: number;
  after?: MentorKey | undefined;
}

/** The sort key of a row, best first: skill rating, reviews, students in the skill, overall rating, id. */
export type MentorKey = [rating: number, reviews: number, students: number, overall: number, userId: string];

export interface MentorRow {
  user: PublicProfileRow;
  skill: string;
  level: Level;
  skillReputation: { rating: number | null; reviews: number; sessionsHosted: number; studentsTaught: number };
  key: MentorKey;
}

/**
 * The held sessions' skill keys that stand for one of the canonical skills `ids` (through the same
 * resolution as profile skills), so a mentor's reputation "within that skill" counts only those sessions.
 */
async function sessionKeysFor(db: Db, ids: readonly string[]): Promise<string[]> {
  const { rows } = await sql<{ key: string; resolved: string | null }>`
    select distinct s.skill_key as key, coalesce(r.skill_id, a.canonical_key, c.id) as resolved
    from reputation_sessions s
    left join skill_name_resolutions r on r.name_key = s.skill_key
    left join skill_aliases a on a.alias_key = s.skill_key
    left join canonical_skills c on c.id = s.skill_key
    where s.held and (coalesce(r.skill_id, a.canonical_key, c.id) = any(${ids}::text[])
      or (coalesce(r.skill_id, a.canonical_key, c.id) is null and s.skill_key % any(${ids}::text[])))`.execute(
    db,
  );
  const unresolved = rows.filter((r) => r.resolved === null).map((r) => r.key);
  const canonical = await canonicalOfKeys(db, unresolved);
  return rows
    .filter((r) => r.resolved !== null || ids.includes(canonical.get(r.key) ?? ''))
    .map((r) => r.key);
}

/**
 * `GET /api/mentors`: people who teach the skill (fuzzy, via canonical skills), best reputation within
 * that skill first (its Bayesian rating over reviews of sessions of that skill, computed as
 * `bayesianRating` does), then more reviews and students in it, then the overall rating. Keyset-paged.
 */
export async function findMentors(
  db: Db,
  filters: MentorFilters,
): Promise<{ rows: MentorRow[]; more: boolean }> {
  const ids = filters.skill ? await skillFilterIds(db, filters.skill) : null;
  const keys = ids ? await sessionKeysFor(db, ids) : null;
  const m = platformPrior(await platformRatings(db));
  const C = PRIOR_WEIGHT;
  const inSkill = keys ? sql`and s.skill_key = any(${keys}::text[])` : sql``;
  const bayes = (n: string, total: string) =>
    sql`case when ${sql.ref(n)} > 0 then round(((${C}::float8 * ${m}::float8 + ${sql.ref(total)}) / (${C} + ${sql.ref(n)}))::numeric, 2) end`;
  const viewer = filters.viewerId;
  const after = filters.after;
  const { rows } = await sql<{
    user_id: string;
    name: string;
    level_rank: number;
    reviews: number;
    hosted: number;
    students: number;
    rating: string | number | null;
    overall: string | number | null;
  }>`
    with cand as (
      select distinct on (m.user_id) m.user_id, m.name, m.level_rank
      from match_skills m
      where m.kind = 'teach'
        ${ids ? sql`and m.skill_id = any(${ids}::text[])` : sql``}
        ${filters.level ? sql`and m.level_rank >= ${levels.indexOf(filters.level)}` : sql``}
        ${filters.language ? sql`and ${skillKey(filters.language)} = any(m.language_keys)` : sql``}
        and m.user_id not in (select id from users where status <> 'active')
        ${
          viewer
            ? sql`and m.user_id not in (select blocked_id from user_blocks where blocker_id = ${viewer}
                  union all select blocker_id from user_blocks where blocked_id = ${viewer})`
            : sql``
        }
      order by m.user_id, m.similarity desc, m.level_rank desc, m.name
    ),
    skill_reviews as (
      select r.host_id, count(*)::int as n, sum(r.rating)::int as total
      from reviews r join reputation_sessions s on s.session_id = r.session_id
      where r.host_id in (select user_id from cand) ${inSkill}
      group by r.host_id
    ),
    taught as (
      select s.host_id, count(distinct s.session_id)::int as hosted, count(distinct a.user_id)::int as students
      from reputation_sessions s join reputation_attendees a on a.session_id = s.session_id
      where s.held and s.host_id in (select user_id from cand) ${inSkill}
      group by s.host_id
    ),
    ranked as (
      select c.user_id, c.name, c.level_rank, coalesce(p.n, 0) as reviews, coalesce(t.hosted, 0) as hosted,
        coalesce(t.students, 0) as students, ${bayes('p.n', 'p.total')} as rating,
        ${bayes('rep.reviews_received', 'rep.rating_sum')} as overall
      from cand c
      left join skill_reviews p on p.host_id = c.user_id
      left join taught t on t.host_id = c.user_id
      left join reputations rep on rep.user_id = c.user_id
    )
    select * from ranked
    where true ${
      after
        ? sql`and (-coalesce(rating, -1), -reviews, -students, -coalesce(overall, -1), user_id)
              > (-${after[0]}::numeric, -${after[1]}::int, -${after[2]}::int, -${after[3]}::numeric, ${after[4]}::uuid)`
        : sql``
    }
    order by coalesce(rating, -1) desc, reviews desc, students desc, coalesce(overall, -1) desc, user_id
    limit ${filters.limit + 1}`.execute(db);
  const page = rows.slice(0, filters.limit);
  const profiles = await findPublicProfiles(
    db,
    page.map((r) => r.user_id),
  );
  const num = (v: string | number | null) => (v === null ? null : Number(v));
  return {
    more: rows.length > filters.limit,
    rows: page.flatMap((r) => {
      const user = profiles.get(r.user_id);
      if (!user) return [];
      const rating = num(r.rating);
      const overall = num(r.overall);
      return [
        {
          user,
          skill: r.name,
          level: levels[r.level_rank] ?? 'beginner',
          skillReputation: {
            rating,
            reviews: r.reviews,
            sessionsHosted: r.hosted,
            studentsTaught: r.students,
          },
          key: [rating ?? -1, r.reviews, r.students, overall ?? -1, r.user_id],
        },
      ];
    }),
  };
}
