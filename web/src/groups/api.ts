import type { Schema } from '../api/types.ts';
import type { ConnectionList } from '../connections/api.ts';
import { http, request } from '../lib/http.ts';

export type Group = Schema<'Group'>;
export type GroupRole = Group['role'];
export type GroupMember = Schema<'GroupMember'>;
export type GroupDetails = Schema<'GroupDetails'>;

const base = (id: string) => `/api/groups/${encodeURIComponent(id)}`;

export const groupsApi = {
  /** `minPosition`: a live frame's position the answer must include. */
  list: (signal?: AbortSignal, minPosition?: number) =>
    request<Schema<'GroupList'>>('GET', '/api/groups', { signal, minPosition }),
  create: (input: Schema<'CreateGroupBody'>) => http.post<Group>('/api/groups', input),
  get: (id: string, signal?: AbortSignal, minPosition?: number) =>
    request<GroupDetails>('GET', base(id), { signal, minPosition }),
  update: (id: string, patch: Schema<'GroupPatch'>) => http.patch<Group>(base(id), patch),
  addMember: (id: string, userId: string) => http.post<void>(`${base(id)}/members`, { userId }),
  removeMember: (id: string, userId: string) =>
    http.del<void>(`${base(id)}/members/${encodeURIComponent(userId)}`),
  promote: (id: string, userId: string) => http.post<void>(`${base(id)}/admins`, { userId }),
  /** People the caller is connected with (`GET /api/connections`, accepted side). */
  connections: (signal?: AbortSignal) => http.get<ConnectionList>('/api/connections', signal),
};

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The user id in a pasted profile link (…/users/<id>) or a bare id; null when there is none. */
export function userIdFrom(input: string): string | null {
  return UUID.exec(input.trim())?.[0]?.toLowerCase() ?? null;
}
