import type { ResponseJson, Schema } from '../api/types.ts';
import { http } from '../lib/http.ts';

export type Skill = Schema<'Skill'>;
export type SkillLevel = Skill['level'];

/** The signed-in user as `GET /api/me` returns them. */
export type Me = Schema<'Me'>;

export type Credentials = Schema<'LoginBody'>;
export type Registration = Schema<'RegisterBody'>;

export const identityApi = {
  me: () => http.get<Me>('/api/me'),
  register: (input: Registration) =>
    http.post<ResponseJson<'/api/auth/register', 'post', 201>>('/api/auth/register', input),
  login: (input: Credentials) => http.post<ResponseJson<'/api/auth/login', 'post'>>('/api/auth/login', input),
  logout: () => http.post<void>('/api/auth/logout'),
  requestPasswordReset: (email: string) => http.post<void>('/api/auth/password-reset', { email }),
  confirmPasswordReset: (token: string, newPassword: string) =>
    http.post<void>('/api/auth/password-reset/confirm', { token, newPassword }),
  verifyEmail: (token: string) => http.post<void>('/api/auth/verify-email', { token }),
  resendVerification: () => http.post<Schema<'EmailSent'>>('/api/me/email/verification'),
  changeEmail: (email: string, password: string) =>
    http.post<Schema<'EmailSent'>>('/api/me/email', { email, password }),
};
