import type { Schema } from '../api/types.ts';
import { http } from '../lib/http.ts';

export type Settings = Schema<'Settings'>;
export type SignIn = Schema<'SignIn'>;

export const settingsApi = {
  get: () => http.get<Settings>('/api/me/settings'),
  update: (patch: Partial<Settings>) => http.patch<Settings>('/api/me/settings', patch),
  changePassword: (currentPassword: string, newPassword: string) =>
    http.post<void>('/api/me/password', { currentPassword, newPassword }),
  signIns: () => http.get<Schema<'SignInList'>>('/api/me/sign-ins'),
  endSignIn: (id: string) => http.del<void>(`/api/me/sign-ins/${encodeURIComponent(id)}`),
};
