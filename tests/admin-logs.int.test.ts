import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, invalidFields, World } from './support/sessions.ts';
import { member, staffOfEveryRole } from './support/staff.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

interface Entry {
  position: number;
  type: string;
  stream: string;
  actor: { id: string | null; displayName: string | null; role: string | null };
  occurredAt: string;
  ip: string | null;
  userAgent: string | null;
  correlationId: string | null;
  summary: string;
}
interface Page {
  entries: Entry[];
  nextCursor: string | null;
}

let app: TestApp;
let world: World;
let staff: Awaited<ReturnType<typeof staffOfEveryRole>>;

beforeAll(async () => {
  app = await startTestApp();
  world = new World(app.url);
  staff = await staffOfEveryRole(app, world);
});
afterAll(() => app?.close());

describe('activity and audit logs', () => {
  it('show who did what, from where, with a summary, newest first, filtered and paged', async () => {
    const sam = await member(app, world, 'user', 'Sam Rivera');
    await sam.client.patch('/api/me', { json: { bio: 'hello' } });
    const ua = { 'user-agent': 'AuditBrowser/1.0' };
    const suspended = await staff.moderator.client.post(`/api/admin/users/${sam.id}/suspend`, {
      json: { reason: 'Spam' },
      headers: ua,
    });
    expect(suspended.status).toBe(200);
    await staff.moderator.client.post(`/api/admin/users/${sam.id}/unsuspend`, { headers: ua });

    const audit = await staff.admin.client.get<Page>(`/api/admin/audit?actorId=${staff.moderator.id}`);
    expect(audit.status).toBe(200);
    expect(audit.body.entries.map((e) => e.type)).toEqual(['UserUnsuspended', 'UserSuspended']);
    const [, suspension] = audit.body.entries;
    expect(suspension).toMatchObject({
      stream: `user-${sam.id}`,
      actor: { id: staff.moderator.id, displayName: 'Mo Moderator', role: 'moderator' },
      ip: '127.0.0.1',
      userAgent: 'AuditBrowser/1.0',
      summary: 'Moderator Mo Moderator suspended Sam Rivera.',
    });
    expect(suspension!.correlationId).toEqual(expect.any(String));

    // Only staff actions: Sam's own profile edit is not in the audit log.
    const all = await staff.admin.client.get<Page>('/api/admin/audit?limit=100');
    expect(all.body.entries.every((e) => e.actor.role !== 'user')).toBe(true);
    const byType = await staff.admin.client.get<Page>(
      `/api/admin/audit?type=UserSuspended&actorId=${staff.moderator.id}`,
    );
    expect(byType.body.entries.map((e) => e.type)).toEqual(['UserSuspended']);
    const future = await staff.admin.client.get<Page>(`/api/admin/audit?from=2999-01-01T00:00:00Z`);
    expect(future.body.entries).toEqual([]);
    const past = await staff.admin.client.get<Page>(`/api/admin/audit?to=2000-01-01T00:00:00Z`);
    expect(past.body.entries).toEqual([]);

    const activity = await staff.admin.client.get<Page>(`/api/admin/users/${sam.id}/activity?limit=2`);
    expect(activity.body.entries.map((e) => e.summary)).toEqual([
      'Moderator Mo Moderator lifted the suspension of Sam Rivera.',
      'Moderator Mo Moderator suspended Sam Rivera.',
    ]);
    const next = await staff.admin.client.get<Page>(
      `/api/admin/users/${sam.id}/activity?cursor=${activity.body.nextCursor}`,
    );
    expect(next.body.entries.map((e) => e.summary)).toEqual([
      'Sam Rivera edited their profile.',
      'Sam Rivera signed in.',
      'Sam Rivera signed up.',
      'Sam Rivera took an email address for an account.',
    ]);
    expect(next.body.nextCursor).toBeNull();
    const positions = [...activity.body.entries, ...next.body.entries].map((e) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => b - a));
  });

  it('are for admins: moderators and users 403; unknown people 404; bad filters 422', async () => {
    expectProblem(await staff.moderator.client.get('/api/admin/audit'), 403);
    expectProblem(await staff.user.client.get(`/api/admin/users/${staff.user.id}/activity`), 403);
    expectProblem(await staff.admin.client.get(`/api/admin/users/${randomUUID()}/activity`), 404);
    expect(invalidFields(await staff.admin.client.get('/api/admin/audit?actorId=nope'))).toEqual(['actorId']);
    expect(invalidFields(await staff.admin.client.get('/api/admin/audit?from=yesterday'))).toEqual(['from']);
    expect(invalidFields(await staff.admin.client.get('/api/admin/audit?cursor=zzz'))).toEqual(['cursor']);
    expect(invalidFields(await staff.admin.client.get('/api/admin/audit?limit=0'))).toEqual(['limit']);
  });
});
