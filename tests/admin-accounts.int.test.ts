import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from './support/clock.ts';
import { readOutbox, recipientOf } from './support/mail.ts';
import { createSession, expectProblem, invalidFields, World, type SessionBody } from './support/sessions.ts';
import { member, staffOfEveryRole, type Member } from './support/staff.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

interface AdminUser {
  id: string;
  email: string;
  displayName: string;
  bio: string;
  role: string;
  status: string;
  suspension: { reason: string; until: string | null } | null;
  counts?: Record<string, number>;
}

const clock = new TestClock('2030-01-06T09:00:00.000Z');
let app: TestApp;
let world: World;
let staff: Awaited<ReturnType<typeof staffOfEveryRole>>;

beforeAll(async () => {
  app = await startTestApp({ PUBLIC_URL: 'https://skillswap.test' }, undefined, {
    clock: clock.now,
    timers: false,
  });
  world = new World(app.url);
  staff = await staffOfEveryRole(app, world);
});
afterAll(() => app?.close());

const person = (name: string) => member(app, world, 'user', name);
const suspend = (by: Member, id: string, body: Record<string, unknown>) =>
  by.client.post<AdminUser>(`/api/admin/users/${id}/suspend`, { json: body });

describe('finding and viewing accounts', () => {
  it('lists accounts newest first with email, role and status, searches name and email, filters and pages', async () => {
    const tag = randomUUID().slice(0, 8);
    const a = await member(app, world, 'user', `Findme ${tag} A`);
    const b = await member(app, world, 'moderator', `Findme ${tag} B`);
    const admin = staff.admin.client;
    const all = await admin.get<{ users: AdminUser[]; nextCursor: string | null }>(
      `/api/admin/users?q=${tag}`,
    );
    expect(all.status).toBe(200);
    expect(all.body.users.map((u) => u.id)).toEqual([b.id, a.id]);
    expect(all.body.users[0]).toMatchObject({ email: b.email, role: 'moderator', status: 'active' });
    const byEmail = await admin.get<{ users: AdminUser[] }>(`/api/admin/users?q=${a.email.toUpperCase()}`);
    expect(byEmail.body.users.map((u) => u.id)).toEqual([a.id]);
    const mods = await admin.get<{ users: AdminUser[] }>(`/api/admin/users?q=${tag}&role=moderator`);
    expect(mods.body.users.map((u) => u.id)).toEqual([b.id]);

    const first = await admin.get<{ users: AdminUser[]; nextCursor: string }>(
      `/api/admin/users?q=${tag}&limit=1`,
    );
    expect(first.body.users.map((u) => u.id)).toEqual([b.id]);
    const second = await admin.get<{ users: AdminUser[]; nextCursor: string | null }>(
      `/api/admin/users?q=${tag}&limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.users.map((u) => u.id)).toEqual([a.id]);
    expect(second.body.nextCursor).toBeNull();
    expect(invalidFields(await admin.get('/api/admin/users?cursor=nonsense'))).toEqual(['cursor']);
    expect(invalidFields(await admin.get('/api/admin/users?status=gone'))).toEqual(['status']);
  });

  it('shows one account with counts; unknown ids 404, malformed ids 422', async () => {
    const host = await person('Counted Host');
    await createSession(host, clock);
    const res = await staff.admin.client.get<AdminUser>(`/api/admin/users/${host.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: host.id, email: host.email, status: 'active', suspension: null });
    expect(res.body.counts).toMatchObject({ sessionsHosted: 1, connections: 0, messagesSent: 0 });
    expectProblem(await staff.admin.client.get(`/api/admin/users/${randomUUID()}`), 404);
    expect(invalidFields(await staff.admin.client.get('/api/admin/users/not-a-uuid'))).toEqual(['id']);
  });

  it('lets an admin edit a name and bio, but not of someone above them', async () => {
    const p = await person('Rude Name');
    const res = await staff.admin.client.patch<AdminUser>(`/api/admin/users/${p.id}`, {
      json: { displayName: 'Renamed', bio: '<b>html stays text</b>' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: 'Renamed', bio: '<b>html stays text</b>' });
    expect((await p.client.get<{ displayName: string }>('/api/me')).body.displayName).toBe('Renamed');
    expectProblem(
      await staff.admin.client.patch(`/api/admin/users/${staff.super_admin.id}`, { json: { bio: 'x' } }),
      403,
    );
    expect(
      invalidFields(
        await staff.admin.client.patch(`/api/admin/users/${p.id}`, { json: { displayName: '' } }),
      ),
    ).toEqual(['displayName']);
  });
});

describe('suspending', () => {
  it('restricts the person to reading why, signing out and in; every other request answers 403 with the reason', async () => {
    const p = await person('Spammer');
    const res = await suspend(staff.moderator, p.id, { reason: 'Posting spam links' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'suspended',
      suspension: { reason: 'Posting spam links', until: null },
    });

    const me = await p.client.get<{ status: string; suspension: unknown }>('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ status: 'suspended', suspension: { reason: 'Posting spam links' } });
    for (const res of [
      await p.client.get('/api/matches'),
      await p.client.patch('/api/me', { json: { bio: 'still here' } }),
      await p.client.get('/api/notifications'),
      await p.client.get(`/api/users/${p.id}`),
    ]) {
      expect(expectProblem(res, 403).detail).toContain('Posting spam links');
    }
    expect((await p.client.post('/api/auth/logout')).status).toBe(204);
    const again = await p.client.post<{ user: { status: string; suspension: { reason: string } } }>(
      '/api/auth/login',
      { json: { email: p.email, password: 'correct horse battery' } },
    );
    expect(again.status).toBe(200);
    expect(again.body.user).toMatchObject({
      status: 'suspended',
      suspension: { reason: 'Posting spam links' },
    });
    expectProblem(await p.client.get('/api/connections'), 403);
  });

  it('lets a suspended person file one appeal per suspension, and no other ticket', async () => {
    const p = await person('Appealer');
    expect((await suspend(staff.moderator, p.id, { reason: 'Mistaken for spam' })).status).toBe(200);
    const ticket = (category?: string) =>
      p.client.post<{ id: string; category: string }>('/api/support/tickets', {
        json: {
          subject: 'Please review my suspension',
          body: 'I only shared my own lesson notes.',
          category,
        },
      });
    expect(expectProblem(await ticket('general'), 403).detail).toContain('appeal');
    expect(expectProblem(await ticket(), 403).detail).toContain('appeal');
    const appeal = await ticket('appeal');
    expect(appeal.status).toBe(201);
    expect(appeal.body.category).toBe('appeal');
    expectProblem(await ticket('appeal'), 409);

    // A later suspension may be appealed again.
    expect((await p.client.post('/api/auth/logout')).status).toBe(204);
    expect((await staff.moderator.client.post(`/api/admin/users/${p.id}/unsuspend`)).status).toBe(200);
    clock.advance({ minutes: 1 });
    expect((await suspend(staff.moderator, p.id, { reason: 'Second time' })).status).toBe(200);
    const login = await p.client.post('/api/auth/login', {
      json: { email: p.email, password: 'correct horse battery' },
    });
    expect(login.status).toBe(200);
    expect((await ticket('appeal')).status).toBe(201);
  });

  it('tells the person with the reason, as a notice and an email', async () => {
    const p = await person('Told');
    expect((await suspend(staff.admin, p.id, { reason: 'Harassing members' })).status).toBe(200);
    await app.platform.deps.projections.catchUp();
    const notices = await app.platform.database.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', p.id)
      .execute();
    expect(notices.map((n) => [n.type, n.data.reason])).toEqual([['account.suspended', 'Harassing members']]);
    await app.jobs.mail.tick(clock.now());
    const mails = (await readOutbox(path.join(app.dataDir, 'outbox'))).filter(
      (m) => recipientOf(m) === p.email,
    );
    expect(mails.map((m) => m.subject)).toEqual(['Your account is suspended']);
    expect(mails[0]!.text).toContain('Harassing members');
  });

  it('ends by the clock when it has an end time, with no event', async () => {
    const p = await person('Cooling Off');
    const until = new Date(clock.now().getTime() + 3_600_000).toISOString();
    const res = await suspend(staff.moderator, p.id, { reason: 'Cool off', until });
    expect(res.body.suspension).toEqual({ reason: 'Cool off', until });
    expectProblem(await p.client.get('/api/matches'), 403);
    clock.advance({ hours: 1, seconds: 1 });
    expect((await p.client.get<{ status: string }>('/api/me')).body.status).toBe('active');
    expect((await p.client.get('/api/matches')).status).toBe(200);
    const view = await staff.admin.client.get<AdminUser>(`/api/admin/users/${p.id}`);
    expect(view.body).toMatchObject({ status: 'active', suspension: null });
    expectProblem(await staff.moderator.client.post(`/api/admin/users/${p.id}/unsuspend`), 409);
  });

  it('is lifted by unsuspend; lifting an active account is a 409', async () => {
    const p = await person('Forgiven');
    await suspend(staff.moderator, p.id, { reason: 'Mistake' });
    const lifted = await staff.moderator.client.post<AdminUser>(`/api/admin/users/${p.id}/unsuspend`);
    expect(lifted.status).toBe(200);
    expect(lifted.body).toMatchObject({ status: 'active', suspension: null });
    expect((await p.client.get('/api/matches')).status).toBe(200);
    expectProblem(await staff.moderator.client.post(`/api/admin/users/${p.id}/unsuspend`), 409);
  });

  it('refuses yourself, an equal or higher role (403), an empty reason or past end (422), unknown people (404)', async () => {
    const p = await person('Target');
    expectProblem(await suspend(staff.moderator, staff.moderator.id, { reason: 'me' }), 403);
    const otherMod = await member(app, world, 'moderator', 'Other Mod');
    expectProblem(await suspend(staff.moderator, otherMod.id, { reason: 'peer' }), 403);
    expectProblem(await suspend(staff.moderator, staff.admin.id, { reason: 'up' }), 403);
    expectProblem(await suspend(staff.admin, staff.super_admin.id, { reason: 'up' }), 403);
    expectProblem(await suspend(staff.user, p.id, { reason: 'not staff' }), 403);
    expect(invalidFields(await suspend(staff.moderator, p.id, { reason: '   ' }))).toEqual(['reason']);
    expect(invalidFields(await suspend(staff.moderator, p.id, {}))).toEqual(['reason']);
    expect(
      invalidFields(await suspend(staff.moderator, p.id, { reason: 'x', until: '2000-01-01T00:00:00Z' })),
    ).toEqual(['until']);
    expect(invalidFields(await suspend(staff.moderator, p.id, { reason: 'x', until: 'tomorrow' }))).toEqual([
      'until',
    ]);
    expectProblem(await suspend(staff.moderator, randomUUID(), { reason: 'nobody' }), 404);
    expect((await p.client.get('/api/matches')).status).toBe(200);
  });

  it('cancels the host’s upcoming sessions and tells their attendees', async () => {
    const host = await person('Suspended Host');
    const guest = await person('Guest');
    const session: SessionBody = await createSession(host, clock);
    expect((await guest.client.post(`/api/sessions/${session.id}/registrations`)).status).toBe(201);
    expect((await suspend(staff.moderator, host.id, { reason: 'Fake sessions' })).status).toBe(200);
    const seen = await guest.client.get<SessionBody>(`/api/sessions/${session.id}`);
    expect(seen.body.status).toBe('cancelled');
    await app.platform.deps.projections.catchUp();
    const notices = await guest.client.get<{ notifications: { type: string; body: string }[] }>(
      '/api/notifications',
    );
    expect(notices.body.notifications.find((n) => n.type === 'session.cancelled')?.body).toContain(
      'A moderator',
    );
  });
});

describe('roles', () => {
  const setRole = (by: Member, id: string, role: string) =>
    by.client.put<AdminUser>(`/api/admin/users/${id}/role`, { json: { role } });

  it('lets an admin grant user and moderator, and only a super admin admin and super_admin', async () => {
    const p = await person('Promoted');
    expect((await setRole(staff.admin, p.id, 'moderator')).body.role).toBe('moderator');
    expect((await setRole(staff.admin, p.id, 'user')).body.role).toBe('user');
    expectProblem(await setRole(staff.admin, p.id, 'admin'), 403);
    expectProblem(await setRole(staff.admin, p.id, 'super_admin'), 403);
    const otherAdmin = await member(app, world, 'admin', 'Other Admin');
    expectProblem(await setRole(staff.admin, otherAdmin.id, 'user'), 403);
    expectProblem(await setRole(staff.moderator, p.id, 'moderator'), 403);
    expect((await setRole(staff.super_admin, p.id, 'admin')).body.role).toBe('admin');
    expect((await setRole(staff.super_admin, p.id, 'user')).body.role).toBe('user');
    expect(invalidFields(await setRole(staff.super_admin, p.id, 'king'))).toEqual(['role']);
  });

  it('refuses changing your own role; the new role counts on the next request', async () => {
    expectProblem(await setRole(staff.admin, staff.admin.id, 'super_admin'), 403);
    expectProblem(await setRole(staff.super_admin, staff.super_admin.id, 'user'), 403);
    const p = await person('Soon Moderator');
    expectProblem(await p.client.post(`/api/admin/users/${staff.user.id}/unsuspend`), 403);
    await setRole(staff.admin, p.id, 'moderator');
    const promoted = await p.client.post(`/api/admin/users/${staff.user.id}/unsuspend`);
    expectProblem(promoted, 409);
  });
});
