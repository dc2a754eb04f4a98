import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { groupEvents, groupStream, type GroupEvent } from '../../src/features/groups/events.ts';
import type { Role } from '../../src/platform/event-store/port.ts';
import { systemMetadata } from './events.ts';
import { HttpClient } from './http-client.ts';
import type { TestApp } from './test-app.ts';
import { userEventsFor } from './user-commands.ts';

export interface TestUser {
  id: string;
  /** The Cookie header a browser of this user sends. */
  cookie: string;
}

let counter = 0;

/** Registers a user through the API and returns the session cookie for WebSockets. */
export async function signUp(app: TestApp, name = 'Member'): Promise<TestUser> {
  const http = new HttpClient(app.url);
  const res = await http.post<{ user: { id: string } }>('/api/auth/register', {
    json: {
      email: `${name.toLowerCase()}.${Date.now()}.${++counter}@example.com`,
      password: 'correct horse battery',
      displayName: name,
    },
  });
  expect(res.status).toBe(201);
  const cookie = [...http.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return { id: res.body.user.id, cookie };
}

/** Changes a user's role through the identity decider and waits until sessions see it. */
export async function giveRole(app: TestApp, userId: string, role: Role): Promise<void> {
  const { store, projections } = app.platform.deps;
  await userEventsFor(store, userId, [{ type: 'ChangeRole', role }]);
  await projections.waitFor(await store.headPosition(), { names: ['users'] });
}

async function appendGroupEvents(app: TestApp, groupId: string, events: GroupEvent[]) {
  const metadata = systemMetadata();
  await app.platform.deps.store.append(
    groupStream(groupId),
    events.map((e) => groupEvents.encode(e, metadata)),
  );
}

/** A group created by `admin` with `members`, written as events (the groups API is built elsewhere). */
export async function createGroup(app: TestApp, admin: string, members: string[] = []): Promise<string> {
  const groupId = randomUUID();
  await appendGroupEvents(app, groupId, [
    { type: 'GroupCreated', data: { groupId, name: 'Test group', description: '', createdBy: admin } },
    ...members.map((userId): GroupEvent => ({
      type: 'GroupMemberAdded',
      data: { groupId, userId, addedBy: admin },
    })),
  ]);
  return groupId;
}

export async function removeMember(app: TestApp, groupId: string, userId: string, by: string) {
  await appendGroupEvents(app, groupId, [
    { type: 'GroupMemberRemoved', data: { groupId, userId, removedBy: by, reason: 'removed' } },
  ]);
}

export async function promoteAdmin(app: TestApp, groupId: string, userId: string, by: string) {
  await appendGroupEvents(app, groupId, [
    { type: 'GroupAdminPromoted', data: { groupId, userId, promotedBy: by } },
  ]);
}
