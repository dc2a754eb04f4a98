import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/platform/db/schema.ts';
import { pickNearest } from './lib/typo.ts';

type Queryable = Kysely<Database>;
const NEIGHBOURS = 8;

interface Near {
  id: string;
  trigram: number;
}

const nearest = (near: readonly Near[]) =>
  near
    .map((n) => ({ id: n.id, trigram: Number(n.trigram) }))
    .sort((a, b) => b.trigram - a.trigram || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * The canonical skill a session's skill name stands for, resolved like a skill written on a profile
 * (docs/matching.md): the spelling's remembered resolution, else its alias or the exact canonical key, else
 * the nearest canonical skill the typo rule accepts, else its own key. Read-only: the matching read model
 * owns `canonical_skills` and `skill_name_resolutions`, so a second writer could neither deadlock its
 * batches nor make its rebuild depend on sessions (docs/sessions.md, "Skills").
 */
export async function resolveSessionSkill(db: Queryable, name: string): Promise<string> {
  const { rows } = await sql<{
    key: string;
    target: string;
    memo: string | null;
    known: boolean;
    near: Near[];
  }>`
    select q.k as key, coalesce(a.canonical_key, q.k) as target, r.skill_id as memo,
      (a.canonical_key is not null
        or exists (select 1 from canonical_skills c where c.id = coalesce(a.canonical_key, q.k))) as known,
      coalesce((select json_agg(json_build_object('id', n.id, 'trigram', similarity(n.id, q.k)))
                from (select id from canonical_skills order by id <-> q.k, id collate "C" limit ${NEIGHBOURS}) n),
               '[]') as near
    from (select skill_key(${name}) as k) q
    left join skill_aliases a on a.alias_key = q.k
    left join skill_name_resolutions r on r.name_key = q.k`.execute(db);
  const row = rows[0]!;
  if (row.memo !== null) return row.memo;
  if (row.known) return row.target;
  return pickNearest(row.key, nearest(row.near))?.id ?? row.key;
}

/**
 * The skill ids a `skill` filter text stands for, among those sessions are filed under (`session_skills`):
 * its own key (alias-resolved) and remembered resolution, the ones the typo rule accepts as the same, and
 * wider ones containing all the words of any of those ("guitar" also finds "classical guitar"). So
 * "guitarr" finds sessions filed under Guitar and Classical guitar.
 */
export async function skillFilterIds(db: Queryable, text: string): Promise<string[]> {
  const { rows } = await sql<{ target: string; memo: string | null; near: Near[] }>`
    with q as (
      select coalesce(a.canonical_key, k.k) as target, r.skill_id as memo
      from (select skill_key(${text}) as k) k
      left join skill_aliases a on a.alias_key = k.k
      left join skill_name_resolutions r on r.name_key = k.k
    )
    select q.target, q.memo,
      coalesce((select json_agg(json_build_object('id', n.skill_id, 'trigram', similarity(n.skill_id, q.target)))
                from (select skill_id from session_skills
                      order by skill_id <-> q.target, skill_id collate "C" limit ${NEIGHBOURS}) n),
               '[]') as near
    from q`.execute(db);
  const { target, memo, near } = rows[0]!;
  const accepted = nearest(near).filter((c) => pickNearest(target, [c]) !== null);
  const same = [...new Set([target, ...(memo === null ? [] : [memo]), ...accepted.map((c) => c.id)])];
  const { rows: wider } = await sql<{ skill_id: string }>`
    select skill_id from session_skills s
    where exists (select 1 from unnest(${same}::text[]) t(id)
                  where string_to_array(s.skill_id, ' ') @> string_to_array(t.id, ' '))`.execute(db);
  return [...new Set([...same, ...wider.map((w) => w.skill_id)])];
}
