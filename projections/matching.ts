import { sql, type Kysely } from 'kysely';
import { pickNearest } from '../src/features/matching/typo.ts';
import { typicalUtcOffsetMinutes } from '../src/features/matching/time-zones.ts';
import { cleanSkillName, skillKey } from '../src/features/identity/skills.ts';
import { levels, userEvents, type RecordedUserEvent, type Skill } from '../src/features/identity/user.ts';
import type { Database } from '../src/platform/db/schema.ts';
import { defineProjection, type ProjectionDb } from '../src/platform/projections/projection.ts';

export interface SkillFillerWordsTable {
  word: string;
}
export interface SkillAliasesTable {
  alias_key: string;
  canonical_key: string;
  canonical_label: string;
}
export interface CanonicalSkillsTable {
  /** The canonical skill's key (skill_key of its first spelling, or of an alias target): stable on rebuild. */
  id: string;
  label: string;
  created_position: number;
}
export type ResolutionMethod = 'exact' | 'alias' | 'fuzzy' | 'new';
export interface SkillNameResolutionsTable {
  name_key: string;
  skill_id: string;
  similarity: number;
  method: ResolutionMethod;
}
export interface MatchProfilesTable {
  user_id: string;
  language_keys: string[];
  utc_offset_minutes: number | null;
  profile_position: number;
  skills_position: number;
}
export interface MatchSkillsTable {
  user_id: string;
  kind: 'teach' | 'learn';
  skill_id: string;
  name: string;
  level_rank: number;
  similarity: number;
}

export interface MatchingTables {
  skill_filler_words: SkillFillerWordsTable;
  skill_aliases: SkillAliasesTable;
  canonical_skills: CanonicalSkillsTable;
  skill_name_resolutions: SkillNameResolutionsTable;
  match_profiles: MatchProfilesTable;
  match_skills: MatchSkillsTable;
}

type Queryable = Kysely<Database>;
type Of<T extends RecordedUserEvent['type']> = Extract<RecordedUserEvent, { type: T }>;
const decoded =
  <T extends RecordedUserEvent['type']>(handler: (db: ProjectionDb, event: Of<T>) => Promise<void>) =>
  (db: ProjectionDb, event: Of<T>) =>
    handler(db, userEvents.decode(event) as Of<T>);

const NEIGHBOURS = 8;

export interface Resolution {
  name: string;
  key: string;
  skillId: string;
  similarity: number;
  method: ResolutionMethod;
}

/**
 * Maps written skill names to canonical skills, in order (a name may create the canonical skill that a
 * later name of the same event joins). A spelling is resolved once and remembered, so a rebuild that
 * replays the same events in the same order gives the same ids.
 */
export async function resolveSkillNames(
  db: Queryable,
  names: readonly string[],
  position: number,
): Promise<Resolution[]> {
  if (names.length === 0) return [];
  const { rows } = await sql<{
    name: string;
    key: string;
    skill_id: string | null;
    similarity: number | null;
    method: ResolutionMethod | null;
  }>`select t.name, t.key, r.skill_id, r.similarity, r.method
     from (select n as name, skill_key(n) as key, ord from unnest(${names}::text[]) with ordinality u(n, ord)) t
     left join skill_name_resolutions r on r.name_key = t.key
     order by t.ord`.execute(db);
  const fresh = new Map<string, Resolution>();
  const result: Resolution[] = [];
  for (const row of rows) {
    if (row.skill_id !== null) {
      result.push({
        name: row.name,
        key: row.key,
        skillId: row.skill_id,
        similarity: Number(row.similarity),
        method: row.method!,
      });
      continue;
    }
    const known = fresh.get(row.key) ?? (await resolveNewKey(db, row.key, row.name, position));
    fresh.set(row.key, known);
    result.push({ ...known, name: row.name });
  }
  return result;
}

async function resolveNewKey(
  db: Queryable,
  key: string,
  name: string,
  position: number,
): Promise<Resolution> {
  const { rows } = await sql<{ target: string; alias_label: string | null; existing: string | null }>`
    select coalesce(a.canonical_key, q.k) as target, a.canonical_label as alias_label, c.id as existing
    from (select ${key}::text as k) q
    left join skill_aliases a on a.alias_key = q.k
    left join canonical_skills c on c.id = coalesce(a.canonical_key, q.k)`.execute(db);
  const { target, alias_label: aliasLabel, existing } = rows[0]!;
  let resolved: Omit<Resolution, 'name'>;
  if (existing !== null || aliasLabel !== null) {
    if (existing === null) await createCanonical(db, target, aliasLabel!, position);
    resolved = { key, skillId: target, similarity: 1, method: aliasLabel !== null ? 'alias' : 'exact' };
  } else {
    const nearest = pickNearest(key, await nearestCanonicals(db, key));
    if (nearest) {
      resolved = { key, skillId: nearest.id, similarity: nearest.similarity, method: 'fuzzy' };
    } else {
      await createCanonical(db, key, cleanSkillName(name), position);
      resolved = { key, skillId: key, similarity: 1, method: 'new' };
    }
  }
  await db
    .insertInto('skill_name_resolutions')
    .values({
      name_key: key,
      skill_id: resolved.skillId,
      similarity: resolved.similarity,
      method: resolved.method,
    })
    .onConflict((oc) => oc.column('name_key').doNothing())
    .execute();
  return { ...resolved, name };
}

/** The nearest canonical skills by trigram distance (GiST index), nearest first, ties by id. */
async function nearestCanonicals(db: Queryable, key: string) {
  const { rows } = await sql<{ id: string; trigram: number }>`
    select id, similarity(id, ${key}) as trigram from canonical_skills
    order by id <-> ${key}, id collate "C" limit ${NEIGHBOURS}`.execute(db);
  return rows.map((r) => ({ id: r.id, trigram: Number(r.trigram) }));
}

async function createCanonical(db: Queryable, id: string, label: string, position: number) {
  await db
    .insertInto('canonical_skills')
    .values({ id, label, created_position: position })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

const levelRank = (level: string) => Math.max(0, levels.indexOf(level as Skill['level']));

/** Upserts the user's match profile row, applying `set` only when this event is newer than the column. */
async function guardedUpdate(
  db: ProjectionDb,
  userId: string,
  column: 'profile_position' | 'skills_position',
  position: number,
  set: Partial<Pick<MatchProfilesTable, 'language_keys' | 'utc_offset_minutes'>> = {},
): Promise<boolean> {
  await db
    .insertInto('match_profiles')
    .values({ user_id: userId, language_keys: [], profile_position: 0, skills_position: 0 })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
  const updated = await db
    .updateTable('match_profiles')
    .set({ ...set, [column]: position })
    .where('user_id', '=', userId)
    .where(column, '<', position)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/**
 * The matching read model: each written skill name resolved to a canonical skill at write time
 * (DESIGN.md §5a), plus what ranking needs from profiles (languages, time-zone offset).
 */
export const matchingProjection = defineProjection({
  name: 'matching',
  version: 1,
  tables: ['match_skills', 'match_profiles', 'skill_name_resolutions', 'canonical_skills'],
  handlers: {
    UserRegistered: decoded<'UserRegistered'>(async (db, e) => {
      await db
        .insertInto('match_profiles')
        .values({ user_id: e.data.userId, language_keys: [], profile_position: 0, skills_position: 0 })
        .onConflict((oc) => oc.column('user_id').doNothing())
        .execute();
    }),
    ProfileUpdated: decoded<'ProfileUpdated'>(async (db, e) => {
      const { languages, timezone } = e.data;
      if (languages === undefined && timezone === undefined) return;
      await guardedUpdate(db, e.data.userId, 'profile_position', e.position, {
        ...(languages !== undefined && { language_keys: [...new Set(languages.map(skillKey))] }),
        ...(timezone !== undefined && { utc_offset_minutes: typicalUtcOffsetMinutes(timezone) }),
      });
    }),
    SkillsChanged: decoded<'SkillsChanged'>(async (db, e) => {
      const { userId, teach, learn } = e.data;
      if (!(await guardedUpdate(db, userId, 'skills_position', e.position))) return;
      const listed = [
        ...teach.map((s) => ({ ...s, kind: 'teach' as const })),
        ...learn.map((s) => ({ ...s, kind: 'learn' as const })),
      ];
      const resolved = await resolveSkillNames(
        db,
        listed.map((s) => s.name),
        e.position,
      );
      // Two spellings of one skill in one list count once: the first name, the highest level.
      const rows = new Map<string, MatchSkillsTable>();
      listed.forEach((skill, i) => {
        const r = resolved[i]!;
        const id = `${skill.kind}:${r.skillId}`;
        const seen = rows.get(id);
        if (seen) seen.level_rank = Math.max(seen.level_rank, levelRank(skill.level));
        else
          rows.set(id, {
            user_id: userId,
            kind: skill.kind,
            skill_id: r.skillId,
            name: skill.name,
            level_rank: levelRank(skill.level),
            similarity: r.similarity,
          });
      });
      await db.deleteFrom('match_skills').where('user_id', '=', userId).execute();
      if (rows.size > 0)
        await db
          .insertInto('match_skills')
          .values([...rows.values()])
          .execute();
    }),
  },
});
