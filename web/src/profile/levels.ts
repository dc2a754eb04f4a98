import { skillLevels, type SkillLevel } from '../identity/api.ts';

export const levelLabels: Record<SkillLevel, string> = {
  beginner: 'Beginner',
  intermediate: 'Intermediate',
  advanced: 'Advanced',
  expert: 'Expert',
};

export function isSkillLevel(value: string): value is SkillLevel {
  return (skillLevels as readonly string[]).includes(value);
}
