import type { Schema } from '../api/types.ts';
import { http } from '../lib/http.ts';

/** A room message as the read model answers it (`GET /api/wall`, `GET /api/groups/:id/messages`). */
export type DocMessage = Schema<'DocMessage'>;
export type DocMessagePage = Schema<'DocMessagePage'>;

/** `wall` → `/api/wall`; `group-<id>` → `/api/groups/<id>/messages`. */
function roomMessagesPath(docName: string): string {
  if (docName === 'wall') return '/api/wall';
  return `/api/groups/${encodeURIComponent(docName.slice('group-'.length))}/messages`;
}

export const roomsApi = {
  page(docName: string, options: { before?: string; q?: string; limit?: number }, signal?: AbortSignal) {
    const query = new URLSearchParams({ limit: String(options.limit ?? 50) });
    if (options.before) query.set('before', options.before);
    if (options.q) query.set('q', options.q);
    return http.get<DocMessagePage>(`${roomMessagesPath(docName)}?${query}`, signal);
  },
};
