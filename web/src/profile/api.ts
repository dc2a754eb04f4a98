import type { Me, Skill, SkillLevel } from '../identity/api.ts';
import { http, request } from '../lib/http.ts';

export interface Reputation {
  /** Average review rating; null (or 0 reviews) until someone has reviewed this user. */
  rating: number | null;
  reviews: number;
  sessionsHosted: number;
  studentsTaught: number;
  badges: Badge[];
}

/** The contract leaves badges open; accept plain names or small objects. */
export type Badge = string | { id?: string; name?: string; label?: string; title?: string };

/** `GET /api/users/:id`: everything public about a user, never the email. */
export interface PublicProfile {
  id: string;
  displayName: string;
  bio: string | null;
  avatarUrl: string | null;
  languages: string[];
  timezone: string | null;
  teach: Skill[];
  learn: Skill[];
  reputation: Reputation;
}

export interface ProfilePatch {
  displayName?: string;
  bio?: string;
  languages?: string[];
  timezone?: string;
}

export interface SkillInput {
  name: string;
  level?: SkillLevel;
}

export const avatarTypes = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const maxAvatarBytes = 2 * 1024 * 1024;

export const profileApi = {
  update: (patch: ProfilePatch) => http.patch<Me>('/api/me', patch),
  saveSkills: (skills: { teach: SkillInput[]; learn: SkillInput[] }) =>
    http.put<Me>('/api/me/skills', skills),
  uploadAvatar: (file: File) =>
    request<{ avatarUrl: string }>('PUT', '/api/me/avatar', { body: file, contentType: file.type }),
  user: (id: string, signal?: AbortSignal) =>
    http.get<PublicProfile>(`/api/users/${encodeURIComponent(id)}`, signal),
};
