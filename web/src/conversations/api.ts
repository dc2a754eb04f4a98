import { http, request } from '../lib/http.ts';
import type { PublicProfile } from '../profile/api.ts';

export interface DirectMessage {
  id: string;
  from: string;
  to: string;
  /** Plain text; empty when deleted. Rendered as text, never as HTML. */
  body: string;
  sentAt: string;
  readAt: string | null;
  editedAt: string | null;
  deleted: boolean;
}

export interface ConversationSummary {
  user: PublicProfile;
  lastMessage: DirectMessage;
  unread: number;
}

export const maxDirectMessageLength = 4_000;

const base = (userId: string) => `/api/conversations/${encodeURIComponent(userId)}`;

export const conversationsApi = {
  conversations: (minPosition?: number) =>
    request<{ conversations: ConversationSummary[] }>('GET', '/api/conversations', { minPosition }),
  history: (userId: string, options: { before?: string; limit?: number; signal?: AbortSignal } = {}) => {
    const query = new URLSearchParams({ limit: String(options.limit ?? 50) });
    if (options.before) query.set('before', options.before);
    return http.get<{ messages: DirectMessage[] }>(`${base(userId)}/messages?${query}`, options.signal);
  },
  send: (userId: string, body: string) => http.post<DirectMessage>(`${base(userId)}/messages`, { body }),
  edit: (userId: string, id: string, body: string) =>
    http.patch<DirectMessage>(`${base(userId)}/messages/${encodeURIComponent(id)}`, { body }),
  remove: (userId: string, id: string) =>
    http.del<void>(`${base(userId)}/messages/${encodeURIComponent(id)}`),
  markRead: (userId: string, upTo: string) => http.post<void>(`${base(userId)}/read`, { upTo }),
  block: (userId: string) => http.post<void>('/api/blocks', { userId }),
};
