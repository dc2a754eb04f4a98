import type { SkillLevel } from '../identity/api.ts';
import { http } from '../lib/http.ts';
import type { PublicProfile } from '../profile/api.ts';

/** Why someone matches: which of my skills met which of theirs, and how similar the two names are. */
export interface MatchReason {
  direction: 'they_teach' | 'you_teach';
  yourSkill: string;
  theirSkill: string;
  /** 0..1; 1 when both name the same skill (case, accents, synonyms aside). */
  similarity: number;
}

export interface Match {
  user: PublicProfile;
  score: number;
  /** They teach something I learn and learn something I teach. */
  mutual: boolean;
  reasons: MatchReason[];
}

export interface MatchFilters {
  language: string;
  level: SkillLevel | '';
  skill: string;
}

function query(filters: MatchFilters, limit: number): string {
  const params = new URLSearchParams({ limit: String(limit) });
  if (filters.language.trim()) params.set('language', filters.language.trim());
  if (filters.level) params.set('level', filters.level);
  if (filters.skill.trim()) params.set('skill', filters.skill.trim());
  return params.toString();
}

export const matchingApi = {
  list: (filters: MatchFilters, limit = 20, signal?: AbortSignal) =>
    http.get<{ matches: Match[] }>(`/api/matches?${query(filters, limit)}`, signal),
};
