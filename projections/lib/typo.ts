/**
 * When a newly written skill name is close enough to an existing canonical skill to be the same skill.
 * Postgres finds the candidates (pg_trgm nearest neighbours over canonical_skills); this decides among
 * those few. Trigram similarity alone misjudges short words with a transposition ("pyhton" vs "python"
 * share 3 of 11 trigrams), so an edit distance that counts a swap as one edit backs it up.
 */

/** Trigram similarity at or above which two keys are the same skill ("python 3" ~ "python"). */
export const TRIGRAM_ACCEPT = 0.6;

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function osaDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const rows: number[][] = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[x.length]![y.length]!;
}

/** Typos allowed for a word of this length: none below 4 letters (C/R, Go/Io), one up to 7, then two. */
export const allowedEdits = (length: number) => (length < 4 ? 0 : length < 8 ? 1 : 2);

/**
 * Shortest key in which any slip of the first letter may still be a typo of a curated skill: a long known
 * word one slip away is likelier meant than a new skill ("Aphotography" is Photography), while short ones
 * collide with real words ("Trench" is not French). In shorter keys only a dropped, added or swapped first
 * letter counts ("ython", "yPthon" are Python), which real words rarely are.
 */
export const FIRST_LETTER_SLIP_MIN = 7;

/** The first letter dropped, added, or swapped with the second. */
const slipAtStart = (a: string, b: string) =>
  a.slice(1) === b || b.slice(1) === a || (a[0] === b[1] && a[1] === b[0] && a.slice(2) === b.slice(2));

/**
 * How similar a written key is to a canonical key, in 0..1, or null when they are different skills.
 * A typo must keep the first letter ("trench" is not "french"), except towards a curated skill
 * (projections/data/common-skills.ts) in keys of at least FIRST_LETTER_SLIP_MIN letters.
 */
export function typoSimilarity(
  key: string,
  canonical: string,
  trigram: number,
  curated = false,
): number | null {
  if (key === canonical) return 1;
  const distance = osaDistance(key, canonical);
  const longest = Math.max([...key].length, [...canonical].length);
  const byEdits = 1 - distance / longest;
  const shortest = Math.min([...key].length, [...canonical].length);
  const firstLetterKept =
    key[0] === canonical[0] ||
    (curated && (shortest >= FIRST_LETTER_SLIP_MIN || slipAtStart(key, canonical)));
  const isTypo =
    (distance <= allowedEdits(shortest) && firstLetterKept) || oneWordSlipped(key, canonical, curated);
  if (trigram >= TRIGRAM_ACCEPT || isTypo) return round2(Math.max(trigram, byEdits));
  return null;
}

/**
 * Keys hold their words sorted, so a slip of a word's first letter can move it ("public speaking" written
 * "Public apeaking" is `apeaking public`) and the edit distance of the whole keys explodes. Same words
 * but one, and that one a typo of the other, is a typo of the whole.
 */
function oneWordSlipped(key: string, canonical: string, curated: boolean): boolean {
  const mine = key.split(' ');
  const theirs = canonical.split(' ');
  if (mine.length < 2 || mine.length !== theirs.length) return false;
  const left = [...theirs];
  const unmatched: string[] = [];
  for (const word of mine) {
    const at = left.indexOf(word);
    if (at >= 0) left.splice(at, 1);
    else unmatched.push(word);
  }
  if (unmatched.length !== 1 || left.length !== 1) return false;
  const [a, b] = [unmatched[0]!, left[0]!];
  if (a[0] === b[0]) return false; // the whole-key rule already judged a slip that keeps the order
  return typoSimilarity(a, b, 0, curated) !== null;
}

/** The best accepted candidate, ties broken by the candidates' order (nearest first, then by id). */
export function pickNearest(
  key: string,
  candidates: readonly { id: string; trigram: number; curated?: boolean }[],
): { id: string; similarity: number } | null {
  let best: { id: string; similarity: number } | null = null;
  for (const candidate of candidates) {
    const similarity = typoSimilarity(key, candidate.id, candidate.trigram, candidate.curated);
    if (similarity !== null && (!best || similarity > best.similarity))
      best = { id: candidate.id, similarity };
  }
  return best;
}

export const round2 = (n: number) => Math.round(n * 100) / 100;
