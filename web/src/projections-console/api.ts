import type { ResponseJson } from '../api/types.ts';
import { http } from '../lib/http.ts';

export type ProjectionsStatus = ResponseJson<'/api/admin/projections', 'get'>;
export type ProjectionRow = ProjectionsStatus['projections'][number];

export const projectionsApi = {
  status: () => http.get<ProjectionsStatus>('/api/admin/projections'),
  act: (name: string, action: 'rebuild' | 'restart') =>
    http.post<void>(`/api/admin/projections/${encodeURIComponent(name)}/${action}`),
};
