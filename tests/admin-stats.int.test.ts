import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailyStatsProjection } from '../projections/daily-stats.ts';
import { reportsProjection } from '../projections/reports.ts';
import { usersProjection } from '../projections/users.ts';
import { TestClock } from './support/clock.ts';
import { replayOverKeptTables } from './support/replay.ts';
import { expectProblem, invalidFields, World } from './support/sessions.ts';
import { member } from './support/staff.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

const clock = new TestClock('2030-01-06T09:00:00.000Z');
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({}, undefined, { clock: clock.now, timers: false });
});
afterAll(() => app?.close());

describe('the admin dashboard’s numbers', () => {
  it('counts each day from read models: sign-ups, active people, messages, reports; open reports now', async () => {
    const world = new World(app.url);
    // Made by the system with the real time, then signed in on the test clock's day: active, not signed up.
    const admin = await member(app, world, 'admin', 'Ada Admin');
    const ana = await world.person('Ana');
    const bo = await world.person('Bo');
    expect(
      (await ana.client.post('/api/reports', { json: { kind: 'user', targetId: bo.id, reason: 'spam' } }))
        .status,
    ).toBe(201);
    const ticket = await bo.client.post<{ id: string }>('/api/support/tickets', {
      json: { subject: 'Help me', body: 'Please' },
    });
    expect(ticket.status).toBe(201);
    const other = await ana.client.post<{ id: string }>('/api/support/tickets', {
      json: { subject: 'Also me', body: 'Please' },
    });
    expect(other.status).toBe(201);
    clock.advance({ days: 1 });
    expect((await bo.client.patch('/api/me', { json: { bio: 'day two' } })).status).toBe(200);
    const resolved = await admin.client.post(`/api/admin/tickets/${ticket.body.id}/status`, {
      json: { status: 'resolved' },
    });
    expect(resolved.status).toBe(200);

    const res = await admin.client.get<{
      days: Record<string, unknown>[];
      openReports: number;
      openTickets: number;
    }>('/api/admin/stats?days=3');
    expect(res.status).toBe(200);
    const zero = {
      signUps: 0,
      activeUsers: 0,
      messages: 0,
      sessionsHeld: 0,
      registrations: 0,
      reports: 0,
      ticketsOpened: 0,
      ticketsResolved: 0,
    };
    expect(res.body.days).toEqual([
      { date: '2030-01-05', ...zero },
      { date: '2030-01-06', ...zero, signUps: 2, activeUsers: 3, reports: 1, ticketsOpened: 2 },
      { date: '2030-01-07', ...zero, activeUsers: 2, ticketsResolved: 1 },
    ]);
    expect(res.body.openReports).toBe(1);
    expect(res.body.openTickets).toBe(1);
    expect((await admin.client.get<{ days: unknown[] }>('/api/admin/stats')).body.days).toHaveLength(30);
    expect(invalidFields(await admin.client.get('/api/admin/stats?days=0'))).toEqual(['days']);
    expect(invalidFields(await admin.client.get('/api/admin/stats?days=367'))).toEqual(['days']);
    expectProblem(await ana.client.get('/api/admin/stats'), 403);
  });

  it('keeps the same rows when every event is applied again (daily numbers, reports, suspensions)', async () => {
    const world = new World(app.url);
    const moderator = await member(app, world, 'moderator', 'Mo');
    const sam = await world.person('Sam');
    await moderator.client.post(`/api/admin/users/${sam.id}/suspend`, { json: { reason: 'x' } });
    await moderator.client.post(`/api/admin/users/${sam.id}/suspend`, { json: { reason: 'again' } });
    const { db } = app.platform.database;
    const { projections, store } = app.platform.deps;
    await projections.catchUp();
    const snapshot = async () => ({
      counts: await db
        .selectFrom('daily_counts')
        .select(['day', 'metric', 'count'])
        .orderBy(['day', 'metric'])
        .execute(),
      active: await db.selectFrom('daily_active').selectAll().orderBy(['day', 'user_id']).execute(),
      reports: await db.selectFrom('reports').selectAll().orderBy('id').execute(),
      users: await db
        .selectFrom('users')
        .select(['id', 'status', 'suspension_reason', 'suspended_until'])
        .orderBy('id')
        .execute(),
    });
    const before = await snapshot();
    expect(before.users.find((u) => u.id === sam.id)).toMatchObject({
      status: 'suspended',
      suspension_reason: 'again',
    });
    await projections.stop();
    await replayOverKeptTables(db, store, [dailyStatsProjection, reportsProjection, usersProjection]);
    expect(await snapshot()).toEqual(before);
  });
});
