import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { registerUser } from '../../src/features/identity/index.ts';
import type { Role } from '../../src/platform/event-store/port.ts';
import { systemMetadata } from './events.ts';
import type { HttpClient } from './http-client.ts';
import type { World } from './sessions.ts';
import type { TestApp } from './test-app.ts';

export const PASSWORD = 'correct horse battery';

export interface Member {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  client: HttpClient;
}

/**
 * A signed-in person with `role`, made as `npm run admin` makes the first super admin: registered through
 * the identity feature with the role (the system as actor), then signed in over HTTP.
 */
export async function member(app: TestApp, world: World, role: Role, displayName: string): Promise<Member> {
  const email = `${role}-${randomUUID()}@example.com`;
  const { profile } = await registerUser(
    app.platform.deps,
    { email, password: PASSWORD, displayName, role },
    systemMetadata(),
  );
  const client = world.client();
  const res = await client.post('/api/auth/login', { json: { email, password: PASSWORD } });
  expect(res.status).toBe(200);
  return { id: profile.id, email, displayName, role, client };
}

/** One person of each role, the `user` an ordinary member. */
export async function staffOfEveryRole(app: TestApp, world: World) {
  const [user, moderator, admin, superAdmin] = await Promise.all([
    member(app, world, 'user', 'Uma User'),
    member(app, world, 'moderator', 'Mo Moderator'),
    member(app, world, 'admin', 'Ada Admin'),
    member(app, world, 'super_admin', 'Sue Super'),
  ]);
  return { user, moderator, admin, super_admin: superAdmin };
}
