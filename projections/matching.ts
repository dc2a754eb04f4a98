import { sql, type Kysely } from 'kysely';
import { pickNearest } from './lib/typo.ts';
import { typicalUtcOffsetMinutes } from './lib/time-zones.ts';
import { cleanSkillName, skillKey } from '../src/features/identity/events.ts';
import { levels, userEvents, type Skill, type UserEvent } from '../src/features/identity/events.ts';
import type { Database, Timestamp } from '../src/platform/db/schema.ts';
import type { RecordedOfType } from '../src/platform/event-store/events.ts';
import { defineBatchProjection, type ProjectionDb } from '../src/platform/projections/projection.ts';

export interface SkillFillerWordsTable {
  word: string;
}
export interface SkillAliasesTable {
  alias_key: string;
  canonical_key: string;
  canonical_label: string;
}
export interface CuratedSkillsTable {
  /** skill_key of the label. */
  id: string;
  label: string;
}
export interface CanonicalSkillsTable {
  /** The canonical skill's key (skill_key of its first spelling, or of an alias target): stable on rebuild. */
  id: string;
  /** Curated skills keep their label; others take the spelling most holders write (`first_label` if none). */
  label: string;
  created_position: number;
  /** Named by data: a curated skill or an alias target. */
  curated: boolean;
  /** The spelling that created it. */
  first_label: string;
}
export type ResolutionMethod = 'exact' | 'alias' | 'fuzzy' | 'new';
export interface SkillNameResolutionsTable {
  name_key: string;
  skill_id: string;
  similarity: number;
  method: ResolutionMethod;
}
/** Who ever wrote a spelling on a profile: what an erasure takes out of the vocabulary depends on it. */
export interface SkillNameWritersTable {
  name_key: string;
  user_id: string;
}
export interface MatchProfilesTable {
  user_id: string;
  language_keys: string[];
  utc_offset_minutes: number | null;
  active_at: Timestamp;
  profile_position: number;
  skills_position: number;
}
/** A match_profiles row while a batch is applied. */
interface ProfileDraft extends Omit<MatchProfilesTable, 'active_at'> {
  active_at: string;
}
export interface MatchSkillsTable {
  user_id: string;
  kind: 'teach' | 'learn';
  skill_id: string;
  name: string;
  /** skill_key(name): two holders of the same spelling are 100% similar. */
  name_key: string;
  level_rank: number;
  similarity: number;
  active_at: Timestamp;
  language_keys: string[];
  utc_offset_minutes: number | null;
}

export interface MatchingTables {
  skill_filler_words: SkillFillerWordsTable;
  skill_aliases: SkillAliasesTable;
  curated_skills: CuratedSkillsTable;
  canonical_skills: CanonicalSkillsTable;
  skill_name_resolutions: SkillNameResolutionsTable;
  skill_name_writers: SkillNameWritersTable;
  match_profiles: MatchProfilesTable;
  match_skills: MatchSkillsTable;
}

type Queryable = Kysely<Database>;
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
  /** Per name: the position of the event that wrote it (recorded on a canonical skill it creates). */
  positions: readonly number[],
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
  for (const [i, row] of rows.entries()) {
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
    const known = fresh.get(row.key) ?? (await resolveNewKey(db, row.key, row.name, positions[i]!));
    fresh.set(row.key, known);
    result.push({ ...known, name: row.name });
  }
  return result;
}

/** A canonical skill near a key: one already used, or a curated one (which may not be used yet). */
interface NearSkill {
  id: string;
  trigram: number;
  curated: boolean;
  /** The curated label, for a curated skill nobody has used yet. */
  label: string | null;
}

/** What the vocabulary says about a key, read-only: its alias or curated entry, and its nearest skills. */
export interface SkillLookup {
  /** The key, or its alias's target. */
  target: string;
  /** The target's name from data (alias or curated list), when it has one. */
  fixedLabel: string | null;
  viaAlias: boolean;
  /** The target is already a canonical skill. */
  exists: boolean;
  /** The remembered resolution of this exact spelling, if some profile wrote it. */
  memo: string | null;
  /** Up to 8 used and 8 curated skills nearest by trigram distance, nearest first, ties by id. */
  near: NearSkill[];
}

/**
 * The one canonical lookup, shared by the projection (resolving a written name) and by filters (the match
 * and mentor skill filters), so a filter text finds what the same text on a profile would join.
 */
export async function lookupSkill(db: Queryable, key: string): Promise<SkillLookup> {
  const { rows } = await sql<{
    target: string;
    fixed_label: string | null;
    via_alias: boolean;
    existing: string | null;
    memo: string | null;
    near: { id: string; trigram: number; curated: boolean; label: string | null }[];
  }>`
    select coalesce(a.canonical_key, q.k) as target, coalesce(a.canonical_label, cur.label) as fixed_label,
      a.alias_key is not null as via_alias, c.id as existing, r.skill_id as memo,
      coalesce((select json_agg(json_build_object('id', n.id, 'trigram', similarity(n.id, q.k),
                                                  'curated', n.curated, 'label', n.label))
                from ((select id, false as curated, null::text as label from canonical_skills where not curated
                       order by id <-> q.k, id collate "C" limit ${NEIGHBOURS})
                      union all
                      (select id, true, label from curated_skills
                       order by id <-> q.k, id collate "C" limit ${NEIGHBOURS})) n),
               '[]') as near
    from (select ${key}::text as k) q
    left join skill_aliases a on a.alias_key = q.k
    left join curated_skills cur on cur.id = coalesce(a.canonical_key, q.k)
    left join canonical_skills c on c.id = coalesce(a.canonical_key, q.k)
    left join skill_name_resolutions r on r.name_key = q.k`.execute(db);
  const row = rows[0]!;
  // A total order (distance, then id) in SQL and here: which candidates are fetched, and which one wins a
  // tie, never depends on the plan or the index's physical order, so every rebuild resolves alike.
  const near = row.near
    .map((n) => ({ ...n, trigram: Number(n.trigram) }))
    .sort((a, b) => b.trigram - a.trigram || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    target: row.target,
    fixedLabel: row.fixed_label,
    viaAlias: row.via_alias,
    exists: row.existing !== null,
    memo: row.memo,
    near,
  };
}

/** One round trip to read, one to write, per spelling never seen before. */
async function resolveNewKey(
  db: Queryable,
  key: string,
  name: string,
  position: number,
): Promise<Resolution> {
  const found = await lookupSkill(db, key);
  let resolved: Omit<Resolution, 'name'>;
  /** The canonical skill this spelling creates, if it is not one yet. */
  let create: { label: string; curated: boolean } | null = null;
  if (found.exists || found.fixedLabel !== null) {
    if (!found.exists) create = { label: found.fixedLabel!, curated: true };
    resolved = { key, skillId: found.target, similarity: 1, method: found.viaAlias ? 'alias' : 'exact' };
  } else {
    const nearest = pickNearest(key, found.near);
    if (nearest) {
      const skill = found.near.find((n) => n.id === nearest.id)!;
      if (skill.curated) create = { label: skill.label!, curated: true };
      resolved = { key, skillId: nearest.id, similarity: nearest.similarity, method: 'fuzzy' };
    } else {
      create = { label: cleanSkillName(name), curated: false };
      resolved = { key, skillId: key, similarity: 1, method: 'new' };
    }
  }
  await sql`
    with created as (
      insert into canonical_skills (id, label, created_position, curated, first_label)
      select ${resolved.skillId}, ${create?.label ?? ''}, ${position}, ${create?.curated ?? false},
        ${create?.label ?? ''}
      where ${create !== null}
      on conflict (id) do nothing
    )
    insert into skill_name_resolutions (name_key, skill_id, similarity, method)
    values (${key}, ${resolved.skillId}, ${resolved.similarity}, ${resolved.method})
    on conflict (name_key) do nothing`.execute(db);
  return { ...resolved, name };
}

const levelRank = (level: string) => Math.max(0, levels.indexOf(level as Skill['level']));
const later = (a: string, b: string) => (Date.parse(b) > Date.parse(a) ? b : a);

interface UserDraft {
  row: ProfileDraft;
  /** The latest skill list applied in this batch, if any, with its resolved names. */
  skills?: { teach: Skill[]; learn: Skill[]; resolved?: Resolution[] };
  /** Something copied onto the member's match_skills rows changed (activity, languages, time zone). */
  profileChanged: boolean;
}

const handledTypes = [
  'UserRegistered',
  'ProfileUpdated',
  'SkillsChanged',
  'UserLoggedIn',
  'UserErased',
] as const;
type Handled = RecordedOfType<UserEvent, (typeof handledTypes)[number]>;

/**
 * Folds a batch of user events into per-user drafts, guarded by the positions stored with each row:
 * an event at or below them was applied before and changes nothing (activity time only moves forward).
 */
async function draftBatch(db: ProjectionDb, events: readonly Handled[]) {
  const ids = [...new Set(events.map((e) => e.data.userId))];
  const stored = await db.selectFrom('match_profiles').selectAll().where('user_id', 'in', ids).execute();
  const drafts = new Map<string, UserDraft>(
    stored.map((r) => [
      r.user_id,
      {
        row: {
          ...r,
          active_at: new Date(r.active_at).toISOString(),
          profile_position: Number(r.profile_position),
          skills_position: Number(r.skills_position),
        },
        profileChanged: false,
      },
    ]),
  );
  const applied: { event: Extract<Handled, { type: 'SkillsChanged' }>; draft: UserDraft }[] = [];
  const erased = new Set<string>();
  for (const e of events) {
    const at = e.metadata.occurredAt;
    let draft = drafts.get(e.data.userId);
    if (!draft) {
      const row: ProfileDraft = {
        user_id: e.data.userId,
        language_keys: [],
        utc_offset_minutes: null,
        active_at: at,
        profile_position: 0,
        skills_position: 0,
      };
      drafts.set(e.data.userId, (draft = { row, profileChanged: true }));
    }
    const { row } = draft;
    const activeAt = later(row.active_at, at);
    if (activeAt !== row.active_at) {
      row.active_at = activeAt;
      draft.profileChanged = true;
    }
    if (e.type === 'ProfileUpdated' && e.position > row.profile_position) {
      const { languages, timezone } = e.data;
      if (languages !== undefined) row.language_keys = [...new Set(languages.map(skillKey))];
      if (timezone !== undefined) row.utc_offset_minutes = typicalUtcOffsetMinutes(timezone);
      row.profile_position = e.position;
      draft.profileChanged = true;
    }
    // An erased member lists nothing any more (their earlier lists read as empty after erasure too).
    if (e.type === 'UserErased') erased.add(e.data.userId);
    if (e.type === 'UserErased' && e.position > row.skills_position) {
      row.skills_position = e.position;
      row.language_keys = [];
      draft.skills = { teach: [], learn: [], resolved: [] };
      draft.profileChanged = true;
    }
    if (e.type === 'SkillsChanged' && e.position > row.skills_position) {
      row.skills_position = e.position;
      draft.skills = { teach: e.data.teach, learn: e.data.learn };
      applied.push({ event: e, draft });
    }
  }
  return { drafts, applied, erased: [...erased] };
}

/** Resolves the names of every applied skill list in event order (never only the last per user), so a
 * rebuild with other batch boundaries creates the same canonical skills. Answers who wrote which spelling. */
async function resolveApplied(
  db: ProjectionDb,
  applied: Awaited<ReturnType<typeof draftBatch>>['applied'],
): Promise<Map<string, Set<string>>> {
  const lists = applied.map(({ event }) => [...event.data.teach, ...event.data.learn].map((s) => s.name));
  const flat = lists.flat();
  const resolved: Resolution[] = [];
  // Position of the event that first writes each name: a new canonical skill records where it came from.
  const positions = applied.flatMap(({ event }, i) => lists[i]!.map(() => event.position));
  for (let from = 0; from < flat.length; from += 5_000) {
    resolved.push(
      ...(await resolveSkillNames(db, flat.slice(from, from + 5_000), positions.slice(from, from + 5_000))),
    );
  }
  let at = 0;
  const writers = new Map<string, Set<string>>();
  applied.forEach(({ draft, event }, i) => {
    const result = resolved.slice(at, at + lists[i]!.length);
    at += lists[i]!.length;
    if (draft.skills && draft.row.skills_position === event.position) draft.skills.resolved = result;
    for (const r of result) {
      const keys = writers.get(event.data.userId) ?? new Set<string>();
      writers.set(event.data.userId, keys.add(r.key));
    }
  });
  return writers;
}

/** Remembers who wrote each spelling (on conflict: they wrote it before). */
async function recordWriters(db: ProjectionDb, writers: Map<string, Set<string>>) {
  const pairs = [...writers].flatMap(([userId, keys]) => [...keys].map((key) => [key, userId] as const));
  for (let from = 0; from < pairs.length; from += 5_000) {
    const slice = pairs.slice(from, from + 5_000);
    await sql`
      insert into skill_name_writers (name_key, user_id)
      select * from unnest(${slice.map((p) => p[0])}::text[], ${slice.map((p) => p[1])}::uuid[])
      on conflict do nothing`.execute(db);
  }
}

/**
 * After an erasure, the spellings only the erased people ever wrote leave the vocabulary (their remembered
 * resolutions), and so does every canonical skill no spelling resolves to any more (curated ones too: they
 * exist only once someone uses them). A rebuild, where the erased people's lists read as empty, never makes
 * them, so both give the same tables. A skill someone else also wrote stays.
 */
async function forgetErasedSpellings(db: ProjectionDb, userIds: readonly string[]) {
  if (userIds.length === 0) return;
  const gone = await db
    .deleteFrom('skill_name_writers')
    .where('user_id', 'in', userIds)
    .returning('name_key')
    .execute();
  const keys = [...new Set(gone.map((g) => g.name_key))];
  if (keys.length === 0) return;
  const { rows } = await sql<{ skill_id: string }>`
    delete from skill_name_resolutions r
    where r.name_key = any(${keys}::text[])
      and not exists (select 1 from skill_name_writers w where w.name_key = r.name_key)
    returning r.skill_id`.execute(db);
  const skills = [...new Set(rows.map((r) => r.skill_id))];
  if (skills.length === 0) return;
  await sql`
    delete from canonical_skills c
    where c.id = any(${skills}::text[])
      and not exists (select 1 from skill_name_resolutions r where r.skill_id = c.id)
      and not exists (select 1 from match_skills s where s.skill_id = c.id)`.execute(db);
}

type SkillRow = Omit<MatchSkillsTable, 'active_at'> & { active_at: string };

function skillRows(draft: UserDraft): SkillRow[] {
  const { skills, row } = draft;
  if (!skills?.resolved) return [];
  const listed = [
    ...skills.teach.map((s) => ({ ...s, kind: 'teach' as const })),
    ...skills.learn.map((s) => ({ ...s, kind: 'learn' as const })),
  ];
  // Two spellings of one skill in one list count once: the first name, the highest level.
  const rows = new Map<string, SkillRow>();
  listed.forEach((skill, i) => {
    const r = skills.resolved![i]!;
    const key = `${skill.kind}:${r.skillId}`;
    const seen = rows.get(key);
    if (seen) seen.level_rank = Math.max(seen.level_rank, levelRank(skill.level));
    else
      rows.set(key, {
        user_id: row.user_id,
        kind: skill.kind,
        skill_id: r.skillId,
        name: skill.name,
        name_key: r.key,
        level_rank: levelRank(skill.level),
        similarity: r.similarity,
        active_at: row.active_at,
        language_keys: row.language_keys,
        utc_offset_minutes: row.utc_offset_minutes,
      });
  });
  return [...rows.values()];
}

const profileColumns = sql`user_id uuid, language_keys jsonb, utc_offset_minutes int, active_at timestamptz`;
const keys = (column: string) => sql`array(select jsonb_array_elements_text(${sql.ref(column)}))`;

async function writeBatch(db: ProjectionDb, drafts: Map<string, UserDraft>) {
  const all = [...drafts.values()];
  await sql`
    insert into match_profiles (user_id, language_keys, utc_offset_minutes, active_at, profile_position, skills_position)
    select r.user_id, ${keys('r.language_keys')}, r.utc_offset_minutes, r.active_at, r.profile_position, r.skills_position
    from jsonb_to_recordset(${JSON.stringify(all.map((d) => d.row))}::jsonb)
      as r(${profileColumns}, profile_position bigint, skills_position bigint)
    on conflict (user_id) do update set language_keys = excluded.language_keys,
      utc_offset_minutes = excluded.utc_offset_minutes, active_at = excluded.active_at,
      profile_position = excluded.profile_position, skills_position = excluded.skills_position`.execute(db);

  const replaced = all.filter((d) => d.skills?.resolved).map((d) => d.row.user_id);
  const dropped =
    replaced.length === 0
      ? []
      : await db.deleteFrom('match_skills').where('user_id', 'in', replaced).returning('skill_id').execute();
  const rows = all.flatMap(skillRows);
  for (let from = 0; from < rows.length; from += 5_000) {
    await sql`
      insert into match_skills (user_id, kind, skill_id, name, name_key, level_rank, similarity, active_at,
        utc_offset_minutes, language_keys)
      select r.user_id, r.kind, r.skill_id, r.name, r.name_key, r.level_rank, r.similarity, r.active_at,
        r.utc_offset_minutes, ${keys('r.language_keys')}
      from jsonb_to_recordset(${JSON.stringify(rows.slice(from, from + 5_000))}::jsonb)
        as r(${profileColumns}, kind text, skill_id text, name text, name_key text, level_rank smallint,
             similarity real)`.execute(db);
  }
  await nameByMostCommonSpelling(db, [
    ...new Set([...dropped.map((d) => d.skill_id), ...rows.map((r) => r.skill_id)]),
  ]);
  const touched = all.filter((d) => d.profileChanged && !d.skills?.resolved).map((d) => d.row);
  if (touched.length > 0) {
    await sql`
      update match_skills m
      set active_at = r.active_at, utc_offset_minutes = r.utc_offset_minutes, language_keys = ${keys('r.language_keys')}
      from jsonb_to_recordset(${JSON.stringify(touched)}::jsonb) as r(${profileColumns})
      where m.user_id = r.user_id`.execute(db);
  }
}

/**
 * A canonical skill people created (not curated) is named by the spelling most of its holders write, so
 * a typo seen first ("Guitarr") does not name it for good. Ties go to the first in byte order; with no
 * holder left, the spelling that created it. A function of the current rows only, so a rebuild with other
 * batch boundaries names every skill alike.
 */
async function nameByMostCommonSpelling(db: ProjectionDb, skillIds: readonly string[]) {
  if (skillIds.length === 0) return;
  await sql`
    update canonical_skills c
    set label = coalesce((select s.name from match_skills s where s.skill_id = c.id
                          group by s.name order by count(*) desc, s.name collate "C" limit 1), c.first_label)
    where c.id = any(${skillIds}::text[]) and not c.curated`.execute(db);
}

/**
 * The matching read model: each written skill name resolved to a canonical skill at write time
 * (docs/matching.md), plus what ranking needs from profiles (languages, time-zone offset, last activity).
 * Applied a batch at a time with set-based writes, so a rebuild of 100,000 members takes seconds.
 */
export const matchingProjection = defineBatchProjection({
  name: 'matching',
  // 3: who wrote each spelling (skill_name_writers), so an erasure takes the person's spellings out.
  version: 3,
  tables: [
    'match_skills',
    'match_profiles',
    'skill_name_resolutions',
    'canonical_skills',
    'skill_name_writers',
  ],
  events: userEvents,
  handles: handledTypes,
  async applyBatch(db, events) {
    const { drafts, applied, erased } = await draftBatch(db, events);
    await recordWriters(db, await resolveApplied(db, applied));
    await writeBatch(db, drafts);
    await forgetErasedSpellings(db, erased);
  },
});
