import { sql } from 'kysely';
import type { Db } from '../../src/platform/db/database.ts';
import { pickNearest } from './typo.ts';

/**
 * The canonical skill (projections/matching.ts) each `skill_key` form stands for, as matching would resolve
 * it now, without writing anything: the resolution remembered for that spelling, its alias, itself when it
 * is a canonical skill, an accepted near neighbour (the typo rule of matching), else itself. Session skills
 * are read this way, so "Guitarr" sessions count for the profile skill "Guitar".
 */
export async function canonicalOfKeys(db: Db, keys: readonly string[]): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  const unique = [...new Set(keys)];
  if (unique.length === 0) return result;
  const { rows } = await sql<{ key: string; id: string | null }>`
    select k.key, coalesce(r.skill_id, a.canonical_key, c.id) as id
    from unnest(${unique}::text[]) as k(key)
    left join skill_name_resolutions r on r.name_key = k.key
    left join skill_aliases a on a.alias_key = k.key
    left join canonical_skills c on c.id = k.key`.execute(db);
  for (const { key, id } of rows) {
    if (id !== null) {
      result.set(key, id);
      continue;
    }
    // Rare (a spelling no profile ever used): the 8 nearest canonical skills, in matching's total order.
    const { rows: near } = await sql<{ id: string; trigram: number }>`
      select id, similarity(id, ${key}) as trigram from canonical_skills
      order by id <-> ${key}, id collate "C" limit 8`.execute(db);
    const nearest = pickNearest(
      key,
      near.map((n) => ({ id: n.id, trigram: Number(n.trigram) })),
    );
    result.set(key, nearest?.id ?? key);
  }
  return result;
}

/** `skill_key(name)` (the matching migration's comparison form) of each name, in order. */
export async function skillKeysOf(db: Db, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const { rows } = await sql<{ key: string }>`
    select skill_key(n) as key from unnest(${names}::text[]) with ordinality as u(n, ord) order by ord`.execute(
    db,
  );
  return rows.map((r) => r.key);
}
