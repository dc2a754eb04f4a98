import type { Schema } from '../api/types.ts';
import { http, request } from '../lib/http.ts';

/** One connection or request as the signed-in user sees it; `user` is the other person. */
export type Connection = Schema<'Connection'>;
export type ConnectionStatus = Connection['status'];

/** Requests for me, requests I sent, and my connections. */
export type ConnectionList = Schema<'ConnectionList'>;

export type BlockedPerson = Schema<'BlockList'>['blocks'][number];

export const maxNoteLength = 500;

const id = (value: string) => encodeURIComponent(value);

export const connectionsApi = {
  /** `minPosition`: a live frame's position the answer must include. */
  list: (signal?: AbortSignal, minPosition?: number) =>
    request<ConnectionList>('GET', '/api/connections', { signal, minPosition }),
  request: (userId: string, message: string) =>
    http.post<Schema<'ConnectionCreated'>>('/api/connections', { userId, message }),
  accept: (connectionId: string) => http.post<Connection>(`/api/connections/${id(connectionId)}/accept`),
  decline: (connectionId: string) => http.post<Connection>(`/api/connections/${id(connectionId)}/decline`),
  /** Withdraws a request you sent, or disconnects. */
  remove: (connectionId: string) => http.del<void>(`/api/connections/${id(connectionId)}`),
  blocks: (signal?: AbortSignal, minPosition?: number) =>
    request<Schema<'BlockList'>>('GET', '/api/blocks', { signal, minPosition }),
  block: (userId: string) => http.post<void>('/api/blocks', { userId }),
  unblock: (userId: string) => http.del<void>(`/api/blocks/${id(userId)}`),
};
