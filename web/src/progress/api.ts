import type { Schema } from '../api/types.ts';
import { http } from '../lib/http.ts';

export type Progress = Schema<'Progress'>;
export type SkillProgress = Schema<'SkillProgress'>;

export const progressApi = {
  mine: (signal?: AbortSignal) => http.get<Progress>('/api/me/progress', signal),
};
