import type { ResponseJson, Schema } from '../api/types.ts';
import type { Me } from '../identity/api.ts';
import { http, request } from '../lib/http.ts';

export type Reputation = Schema<'Reputation'>;

/** `GET /api/users/:id`: everything public about a user, never the email. */
export type PublicProfile = Schema<'PublicProfile'>;

export type ProfilePatch = Schema<'ProfilePatch'>;

export const avatarTypes = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const maxAvatarBytes = 2 * 1024 * 1024;

export const profileApi = {
  update: (patch: ProfilePatch) => http.patch<Me>('/api/me', patch),
  saveSkills: (skills: Schema<'SkillsBody'>) => http.put<Me>('/api/me/skills', skills),
  uploadAvatar: (file: File) =>
    request<ResponseJson<'/api/me/avatar', 'put'>>('PUT', '/api/me/avatar', {
      body: file,
      contentType: file.type,
    }),
  user: (id: string, signal?: AbortSignal) =>
    http.get<PublicProfile>(`/api/users/${encodeURIComponent(id)}`, signal),
};
