import { http, request } from '../lib/http.ts';
import type { PublicProfile } from '../profile/api.ts';

export type ConnectionStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn' | 'ended';

/** One connection or request as the signed-in user sees it; `user` is the other person. */
export interface Connection {
  id: string;
  user: PublicProfile;
  status: ConnectionStatus;
  message: string | null;
  createdAt: string;
}

export interface ConnectionLists {
  incoming: Connection[];
  outgoing: Connection[];
  accepted: Connection[];
}

export interface BlockedPerson {
  user: PublicProfile;
  createdAt: string;
}

export const maxNoteLength = 500;

const id = (value: string) => encodeURIComponent(value);

export const connectionsApi = {
  /** `minPosition`: a live frame's position the lists must already include. */
  list: (signal?: AbortSignal, minPosition?: number) =>
    request<ConnectionLists>('GET', '/api/connections', { signal, minPosition }),
  request: (userId: string, message: string) =>
    http.post<{ id: string; status: 'pending' }>('/api/connections', { userId, message }),
  accept: (connectionId: string) => http.post<Connection>(`/api/connections/${id(connectionId)}/accept`),
  decline: (connectionId: string) => http.post<Connection>(`/api/connections/${id(connectionId)}/decline`),
  /** Withdraws a request you sent, or disconnects. */
  remove: (connectionId: string) => http.del<void>(`/api/connections/${id(connectionId)}`),
  blocks: (signal?: AbortSignal) => http.get<{ blocks: BlockedPerson[] }>('/api/blocks', signal),
  block: (userId: string) => http.post<void>('/api/blocks', { userId }),
  unblock: (userId: string) => http.del<void>(`/api/blocks/${id(userId)}`),
};
