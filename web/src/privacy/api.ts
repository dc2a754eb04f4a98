import { request } from '../lib/http.ts';

export const privacyApi = {
  /** `DELETE /api/me`: erases the account; the server signs every browser out. */
  deleteAccount: (password: string) => request<void>('DELETE', '/api/me', { json: { password } }),
};
