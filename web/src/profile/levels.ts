import type { SkillLevel } from '../identity/api.ts';

export const levelLabels: Record<SkillLevel, string> = {
  beginner: 'Beginner',
  intermediate: 'Intermediate',
  advanced: 'Advanced',
  expert: 'Expert',
};

/** Every skill level, lowest first (the label table above lists them all, in order). */
export const skillLevels = Object.keys(levelLabels) as SkillLevel[];

export function isSkillLevel(value: string): value is SkillLevel {
  return (skillLevels as readonly string[]).includes(value);
}
