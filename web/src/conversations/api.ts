import type { ResponseJson, Schema } from '../api/types.ts';
import { codePoints, type TextLimit } from '../chat/chat-text.ts';
import { http, request } from '../lib/http.ts';

/** Its `body` is plain text, empty when deleted, and rendered as text, never as HTML. */
export type DirectMessage = Schema<'DirectMessage'>;

/** A conversation in the inbox: the other person, the last message, how many I have not read. */
export type ConversationSummary = Schema<'Conversation'>;

/** The API's limit (MessageText in src/features/messages/schemas.ts): 4,000 code points after trimming. */
export const directMessageLimit: TextLimit = { max: 4_000, measure: codePoints };

const base = (userId: string) => `/api/conversations/${encodeURIComponent(userId)}`;

export const conversationsApi = {
  conversations: (minPosition?: number) =>
    request<ResponseJson<'/api/conversations', 'get'>>('GET', '/api/conversations', { minPosition }),
  history: (userId: string, options: { before?: string; limit?: number; signal?: AbortSignal } = {}) => {
    const query = new URLSearchParams({ limit: String(options.limit ?? 50) });
    if (options.before) query.set('before', options.before);
    return http.get<ResponseJson<'/api/conversations/{userId}/messages', 'get'>>(
      `${base(userId)}/messages?${query}`,
      options.signal,
    );
  },
  /** `clientId` names the message: sent again with it (a retry), it is not sent twice. */
  send: (userId: string, body: string, clientId: string) =>
    http.post<DirectMessage>(`${base(userId)}/messages`, { body, clientId }),
  edit: (userId: string, id: string, body: string) =>
    http.patch<DirectMessage>(`${base(userId)}/messages/${encodeURIComponent(id)}`, { body }),
  remove: (userId: string, id: string) =>
    http.del<void>(`${base(userId)}/messages/${encodeURIComponent(id)}`),
  markRead: (userId: string, upTo: string) => http.post<void>(`${base(userId)}/read`, { upTo }),
  block: (userId: string) => http.post<void>('/api/blocks', { userId }),
};
