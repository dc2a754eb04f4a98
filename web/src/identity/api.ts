import { http } from '../lib/http.ts';

export const skillLevels = ['beginner', 'intermediate', 'advanced', 'expert'] as const;
export type SkillLevel = (typeof skillLevels)[number];

export interface Skill {
  name: string;
  level: SkillLevel;
}

/** The signed-in user as `GET /api/me` returns them. */
export interface Me {
  id: string;
  email: string;
  displayName: string;
  bio: string | null;
  avatarUrl: string | null;
  languages: string[];
  timezone: string | null;
  teach: Skill[];
  learn: Skill[];
  role: string;
  createdAt: string;
}

export interface Credentials {
  email: string;
  password: string;
}

export interface Registration extends Credentials {
  displayName: string;
}

export const identityApi = {
  me: () => http.get<Me>('/api/me'),
  register: (input: Registration) => http.post<{ user: Me }>('/api/auth/register', input),
  login: (input: Credentials) => http.post<{ user: Me }>('/api/auth/login', input),
  logout: () => http.post<void>('/api/auth/logout'),
};
