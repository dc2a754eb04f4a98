import type { RawSql } from '../target.ts';
import { sequenceMatcherRatio } from './difflib.ts';

export interface NaiveMember {
  id: string;
  teach: string[];
  learn: string[];
}

/** What a naive app loads on every request: every member's skills (lower-cased once, to be generous). */
export async function loadAllMembers(raw: RawSql): Promise<NaiveMember[]> {
  const rows = await raw.query<{ user_id: string; kind: 'teach' | 'learn'; name: string }>(
    `select user_id, kind, name from user_skills`,
  );
  const byId = new Map<string, NaiveMember>();
  for (const row of rows) {
    let member = byId.get(row.user_id);
    if (!member) byId.set(row.user_id, (member = { id: row.user_id, teach: [], learn: [] }));
    member[row.kind].push(row.name.toLowerCase());
  }
  return [...byId.values()];
}

export interface NaiveMatch {
  id: string;
  theyTeach: number;
  youTeach: number;
  mutual: boolean;
}

const best = (mine: string[], theirs: string[]) => {
  let top = 0;
  for (const a of mine) for (const b of theirs) top = Math.max(top, sequenceMatcherRatio(a, b));
  return top;
};

/**
 * The naive query: compare my skills with every other member's using difflib's ratio, keep those at or
 * above `threshold` in either direction, two-way first, then by the sum of both directions' best ratios.
 */
export function naiveMatches(
  me: NaiveMember,
  members: readonly NaiveMember[],
  threshold: number,
): NaiveMatch[] {
  const found: NaiveMatch[] = [];
  for (const other of members) {
    if (other.id === me.id) continue;
    const theyTeach = best(me.learn, other.teach);
    const youTeach = best(me.teach, other.learn);
    if (theyTeach < threshold && youTeach < threshold) continue;
    found.push({
      id: other.id,
      theyTeach,
      youTeach,
      mutual: theyTeach >= threshold && youTeach >= threshold,
    });
  }
  return found.sort(
    (a, b) => Number(b.mutual) - Number(a.mutual) || b.theyTeach + b.youTeach - (a.theyTeach + a.youTeach),
  );
}

/**
 * The scan's best two-way matches: its top `n` mutual matches, widened to everyone tied with the n-th,
 * since a top 20 cut through a tie is arbitrary.
 */
export function bestMutual(matches: readonly NaiveMatch[], n: number): Set<string> {
  const mutual = matches.filter((m) => m.mutual);
  if (mutual.length <= n) return new Set(mutual.map((m) => m.id));
  const cut = mutual[n - 1]!.theyTeach + mutual[n - 1]!.youTeach;
  return new Set(mutual.filter((m) => m.theyTeach + m.youTeach >= cut - 1e-9).map((m) => m.id));
}
