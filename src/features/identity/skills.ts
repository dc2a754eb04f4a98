import { cleanSkillName, levels, skillKey, type Level, type Skill } from './events.ts';

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
