import type { Schema } from '../api/types.ts';
import type { SkillLevel } from '../identity/api.ts';
import { http } from '../lib/http.ts';

export type Mentor = Schema<'Mentor'>;
export type MentorList = Schema<'MentorList'>;

export interface MentorFilters {
  skill: string;
  level: SkillLevel | '';
  language: string;
}

export const mentorsApi = {
  list: (filters: MentorFilters, cursor?: string, signal?: AbortSignal) => {
    const query = new URLSearchParams({ limit: '20' });
    if (filters.skill.trim()) query.set('skill', filters.skill.trim());
    if (filters.level) query.set('level', filters.level);
    if (filters.language.trim()) query.set('language', filters.language.trim());
    if (cursor) query.set('cursor', cursor);
    return http.get<MentorList>(`/api/mentors?${query.toString()}`, signal);
  },
};
