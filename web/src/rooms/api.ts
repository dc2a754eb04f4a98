import { http } from '../lib/http.ts';

/** A message as the read models answer it (`GET /api/wall`, `GET /api/groups/:id/messages`). */
export interface DocMessage {
  id: string;
  authorId: string;
  authorName: string | null;
  text: string;
  createdAt: string;
  editedAt: string | null;
}

export interface DocMessagePage {
  messages: DocMessage[];
  hasMore: boolean;
}

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
