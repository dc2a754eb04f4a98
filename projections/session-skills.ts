import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/platform/db/schema.ts';
import { pickNearest } from './lib/typo.ts';

type Queryable = Kysely<Database>;
const NEIGHBOURS = 8;

interface Near {
  id: string;
  trigram: number;
}

/** The typo rule's verdicts on `target`'s nearest keys, nearest first (ties by id, so always alike). */
const accepted = (target: string, near: readonly Near[]) =>
  near
    .map((n) => ({ id: n.id, trigram: Number(n.trigram) }))
    .sort((a, b) => b.trigram - a.trigram || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .filter((c) => pickNearest(target, [c]) !== null)
    .map((c) => c.id);

/**
 * The key a session's skill is filed under: the name's comparison form (`skill_key`: accents, case, word
 * order, filler words; docs/matching.md) with its alias applied ("JS" is `javascript`). It depends on the
 * name and the migrations' vocabulary only, never on what other read models hold at the time, so a rebuild
 * files every session alike (docs/sessions.md, "Skills").
 */
export async function sessionSkillKey(db: Queryable, name: string): Promise<string> {
  const { rows } = await sql<{ key: string }>`
    select coalesce(a.canonical_key, k.k) as key
    from (select skill_key(${name}) as k) k left join skill_aliases a on a.alias_key = k.k`.execute(db);
  return rows[0]!.key;
}

/**
 * The keys of `session_skills` a `skill` filter text stands for, resolved like a skill written on a profile
 * and then matched against what sessions are filed under:
 * 1. the text's key (alias applied), the canonical skill matching remembers for that spelling, and the
 *    canonical skills and session keys the typo rule accepts among the nearest by trigram distance;
 * 2. session keys matching resolves into one of those canonical skills (a spelling someone also wrote on a
 *    profile);
 * 3. wider session keys containing all the words of any of them ("guitar" also finds "classical guitar").
 * So "guitarr" finds sessions filed under Guitar and Classical guitar, "python" those filed under "Pyhton".
 */
export async function skillFilterIds(db: Queryable, text: string): Promise<string[]> {
  const { rows } = await sql<{ target: string; memo: string | null; canonical: Near[]; sessions: Near[] }>`
    with q as (
      select coalesce(a.canonical_key, k.k) as target, r.skill_id as memo
      from (select skill_key(${text}) as k) k
      left join skill_aliases a on a.alias_key = k.k
      left join skill_name_resolutions r on r.name_key = k.k
    )
    select q.target, q.memo,
      coalesce((select json_agg(json_build_object('id', n.id, 'trigram', similarity(n.id, q.target)))
                from (select id from canonical_skills
                      order by id <-> q.target, id collate "C" limit ${NEIGHBOURS}) n), '[]') as canonical,
      coalesce((select json_agg(json_build_object('id', n.skill_id, 'trigram', similarity(n.skill_id, q.target)))
                from (select skill_id from session_skills
                      order by skill_id <-> q.target, skill_id collate "C" limit ${NEIGHBOURS}) n), '[]') as sessions
    from q`.execute(db);
  const { target, memo, canonical, sessions } = rows[0]!;
  const same = [
    ...new Set([
      target,
      ...(memo === null ? [] : [memo]),
      ...accepted(target, canonical),
      ...accepted(target, sessions),
    ]),
  ];
  const { rows: keys } = await sql<{ skill_id: string }>`
    select s.skill_id from session_skills s
    where s.skill_id = any(${same}::text[])
       or s.skill_id in (select name_key from skill_name_resolutions where skill_id = any(${same}::text[]))
       or exists (select 1 from unnest(${same}::text[]) t(id)
                  where string_to_array(s.skill_id, ' ') @> string_to_array(t.id, ' '))`.execute(db);
  return [...new Set([target, ...keys.map((k) => k.skill_id)])];
}
