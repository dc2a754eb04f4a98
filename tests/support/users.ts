import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { HttpClient } from './http-client.ts';

export interface SignedInUser {
  id: string;
  displayName: string;
  client: HttpClient;
}

/** Registers a fresh user through the API; the returned client holds their session. */
export async function signUp(baseUrl: string, displayName = 'Test Person'): Promise<SignedInUser> {
  const client = new HttpClient(baseUrl);
  const res = await client.post<{ user: { id: string } }>('/api/auth/register', {
    json: { email: `${randomUUID()}@example.com`, password: 'correct horse battery', displayName },
  });
  expect(res.status).toBe(201);
  return { id: res.body.user.id, displayName, client };
}
