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
  level_rank: number;
  similarity: number;
  active_at: Timestamp;
  language_keys: string[];
  utc_offset_minutes: number | null;
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

/** One round trip to read, one to write, per spelling never seen before. */
async function resolveNewKey(
  db: Queryable,
  key: string,
  name: string,
  position: number,
): Promise<Resolution> {
  const { rows } = await sql<{
    target: string;
    alias_label: string | null;
    existing: string | null;
    near: { id: string; trigram: number }[];
  }>`
    select coalesce(a.canonical_key, q.k) as target, a.canonical_label as alias_label, c.id as existing,
      coalesce((select json_agg(json_build_object('id', n.id, 'trigram', similarity(n.id, q.k)))
                from (select id from canonical_skills order by id <-> q.k, id collate "C" limit ${NEIGHBOURS}) n),
               '[]') as near
    from (select ${key}::text as k) q
    left join skill_aliases a on a.alias_key = q.k
    left join canonical_skills c on c.id = coalesce(a.canonical_key, q.k)`.execute(db);
  const { target, alias_label: aliasLabel, existing, near } = rows[0]!;
  let resolved: Omit<Resolution, 'name'>;
  let create: { label: string } | null = null;
  if (existing !== null || aliasLabel !== null) {
    if (existing === null) create = { label: aliasLabel! };
    resolved = { key, skillId: target, similarity: 1, method: aliasLabel !== null ? 'alias' : 'exact' };
  } else {
    // A total order (distance, then id) in SQL and here: which 8 are fetched, and which one wins a tie,
    // never depends on the plan or the index's physical order, so every rebuild resolves alike.
    const candidates = near
      .map((n) => ({ id: n.id, trigram: Number(n.trigram) }))
      .sort((a, b) => b.trigram - a.trigram || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const nearest = pickNearest(key, candidates);
    if (nearest) {
      resolved = { key, skillId: nearest.id, similarity: nearest.similarity, method: 'fuzzy' };
    } else {
      create = { label: cleanSkillName(name) };
      resolved = { key, skillId: key, similarity: 1, method: 'new' };
    }
  }
  await sql`
    with created as (
      insert into canonical_skills (id, label, created_position)
      select ${resolved.skillId}, ${create?.label ?? ''}, ${position} where ${create !== null}
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
  return { drafts, applied };
}

/** Resolves the names of every applied skill list in event order (never only the last per user), so a
 * rebuild with other batch boundaries creates the same canonical skills. */
async function resolveApplied(db: ProjectionDb, applied: Awaited<ReturnType<typeof draftBatch>>['applied']) {
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
  applied.forEach(({ draft, event }, i) => {
    const result = resolved.slice(at, at + lists[i]!.length);
    at += lists[i]!.length;
    if (draft.skills && draft.row.skills_position === event.position) draft.skills.resolved = result;
  });
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
  if (replaced.length > 0) await db.deleteFrom('match_skills').where('user_id', 'in', replaced).execute();
  const rows = all.flatMap(skillRows);
  for (let from = 0; from < rows.length; from += 5_000) {
    await sql`
      insert into match_skills (user_id, kind, skill_id, name, level_rank, similarity, active_at,
        utc_offset_minutes, language_keys)
      select r.user_id, r.kind, r.skill_id, r.name, r.level_rank, r.similarity, r.active_at,
        r.utc_offset_minutes, ${keys('r.language_keys')}
      from jsonb_to_recordset(${JSON.stringify(rows.slice(from, from + 5_000))}::jsonb)
        as r(${profileColumns}, kind text, skill_id text, name text, level_rank smallint, similarity real)`.execute(
      db,
    );
  }
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
 * The matching read model: each written skill name resolved to a canonical skill at write time
 * (docs/matching.md), plus what ranking needs from profiles (languages, time-zone offset, last activity).
 * Applied a batch at a time with set-based writes, so a rebuild of 100,000 members takes seconds.
 */
export const matchingProjection = defineBatchProjection({
  name: 'matching',
  version: 1,
  tables: ['match_skills', 'match_profiles', 'skill_name_resolutions', 'canonical_skills'],
  events: userEvents,
  handles: handledTypes,
  async applyBatch(db, events) {
    const { drafts, applied } = await draftBatch(db, events);
    await resolveApplied(db, applied);
    await writeBatch(db, drafts);
  },
});
