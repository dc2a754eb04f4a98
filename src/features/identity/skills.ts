import type { Level, Skill } from './user.ts';
import { levels } from './user.ts';

/** Display form: trimmed, inner whitespace collapsed, the user's spelling and case kept. */
export const cleanSkillName = (name: string) => name.trim().replace(/\s+/g, ' ');

/** Comparison form: case- and accent-insensitive. The read model indexes this with pg_trgm. */
export const skillKey = (name: string) =>
  cleanSkillName(name).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** A skill listed without a level: teachers are assumed intermediate, learners beginners. */
export const defaultLevel = { teach: 'intermediate', learn: 'beginner' } as const satisfies Record<
  string,
  Level
>;

/**
 * Merges duplicates (same key): the first spelling wins, and the highest level given is kept, since a
 * person who lists "Guitar (beginner)" and "guitar (advanced)" most likely means the latter.
 */
export function mergeSkills(
  input: readonly { name: string; level?: Level | undefined }[],
  fallback: Level,
): Skill[] {
  const byKey = new Map<string, Skill>();
  for (const { name, level = fallback } of input) {
    const key = skillKey(name);
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { name: cleanSkillName(name), level });
    else if (levels.indexOf(level) > levels.indexOf(seen.level)) seen.level = level;
  }
  return [...byKey.values()];
}

/** Languages, deduplicated case-insensitively, first spelling kept. */
export function mergeLanguages(input: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const language of input) {
    const clean = cleanSkillName(language);
    if (!byKey.has(skillKey(clean))) byKey.set(skillKey(clean), clean);
  }
  return [...byKey.values()];
}
