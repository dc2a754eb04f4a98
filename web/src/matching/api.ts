import type { Schema } from '../api/types.ts';
import type { SkillLevel } from '../identity/api.ts';
import { http } from '../lib/http.ts';

/** Why someone matches: which of my skills met which of theirs, and how similar (0..1) the two names are. */
export type MatchReason = Schema<'MatchReason'>;

/** Someone to swap skills with; `mutual` when they teach something I learn and learn something I teach. */
export type Match = Schema<'Match'>;

/** The filters as the form holds them; empty means "any". */
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
    http.get<Schema<'MatchList'>>(`/api/matches?${query(filters, limit)}`, signal),
};
