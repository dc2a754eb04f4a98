import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from './support/clock.ts';
import { HttpClient, type ApiResponse } from './support/http-client.ts';
import { scheduledSessions } from './support/scheduled-sessions.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp, type SignedInUser } from './support/users.ts';

interface Notification {
  id: string;
  type: string;
  title: string;
  body: string;
  link: string;
  createdAt: string;
  readAt: string | null;
}
interface NotificationList {
  notifications: Notification[];
  unread: number;
  nextCursor: string | null;
}

const HOUR = 3_600_000;
const at = (start: Date, offsetMs: number) => new Date(start.getTime() + offsetMs);
/** The X-Position of a write, for a read by someone else (their own reads see it without the header). */
const after = (res: ApiResponse) => ({ headers: { 'x-min-position': res.headers.get('x-position') ?? '0' } });

describe('notifications and settings over HTTP', () => {
  const clock = new TestClock('2030-01-06T09:00:00.000Z');
  let app: TestApp;
  let host: SignedInUser, ana: SignedInUser, bo: SignedInUser, cy: SignedInUser;

  beforeAll(async () => {
    app = await startTestApp({}, undefined, { clock: clock.now, timers: false });
    [host, ana, bo, cy] = (await Promise.all(
      ['Hana Host', 'Ana', 'Bo', 'Cy'].map((n) => signUp(app.url, n)),
    )) as [SignedInUser, SignedInUser, SignedInUser, SignedInUser];
    const zone = await ana.client.patch('/api/me', { json: { timezone: 'Europe/Berlin' } });
    expect(zone.status).toBe(200);
  });
  afterAll(() => app?.close());

  const list = async (client: HttpClient, query = '', options = {}) => {
    const res = await client.get<NotificationList>(`/api/notifications${query}`, options);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('needs a signed-in user', async () => {
    const stranger = new HttpClient(app.url);
    expect((await stranger.get('/api/notifications')).status).toBe(401);
    expect((await stranger.post('/api/notifications/read', { json: { upTo: randomUUID() } })).status).toBe(
      401,
    );
    expect((await stranger.get('/api/me/settings')).status).toBe(401);
  });

  it('tells people about connection requests, answers and messages, worded for them', async () => {
    const requested = await bo.client.post<{ id: string }>('/api/connections', {
      json: { userId: ana.id, message: 'Chess for guitar?' },
    });
    expect(requested.status).toBe(201);
    const forAna = await list(ana.client, '', after(requested));
    expect(forAna.unread).toBe(1);
    expect(forAna.notifications).toEqual([
      {
        id: expect.any(String) as string,
        type: 'connection.requested',
        title: 'Bo wants to connect',
        body: '“Chess for guitar?” Accept or decline on your connections page.',
        link: '/connections',
        createdAt: '2030-01-06T09:00:00.000Z',
        readAt: null,
      },
    ]);

    clock.advance({ minutes: 1 });
    const accepted = await ana.client.post(`/api/connections/${requested.body.id}/accept`);
    expect(accepted.status).toBe(200);
    expect((await list(bo.client, '', after(accepted))).notifications[0]).toMatchObject({
      type: 'connection.accepted',
      title: 'Ana accepted your connection request',
      link: `/messages/${ana.id}`,
    });

    // Three messages from Bo make one notice, with the latest words; reading the conversation reads it.
    let last: ApiResponse<{ id: string }> | undefined;
    for (const body of ['Hi Ana!', 'Are you free on Tuesday?', 'I can bring a guitar.']) {
      clock.advance({ minutes: 1 });
      last = await bo.client.post<{ id: string }>(`/api/conversations/${ana.id}/messages`, {
        json: { body },
      });
      expect(last.status).toBe(201);
    }
    const withMessages = await list(ana.client, '', after(last!));
    expect(withMessages.unread).toBe(2);
    expect(withMessages.notifications[0]).toMatchObject({
      type: 'message.received',
      title: '3 new messages from Bo',
      body: 'I can bring a guitar.',
      link: `/messages/${bo.id}`,
      createdAt: '2030-01-06T09:04:00.000Z',
      readAt: null,
    });
    const read = await ana.client.post(`/api/conversations/${bo.id}/read`, { json: { upTo: last!.body.id } });
    expect(read.status).toBe(204);
    const afterReading = await list(ana.client);
    expect(afterReading.unread).toBe(1);
    expect(afterReading.notifications[0]!.readAt).not.toBeNull();

    const another = await bo.client.post(`/api/conversations/${ana.id}/messages`, { json: { body: 'Ping' } });
    const latest = await list(ana.client, '', after(another));
    expect(latest.notifications.map((n) => n.title)).toEqual([
      'New message from Bo',
      '3 new messages from Bo',
      'Bo wants to connect',
    ]);
  });

  it('tells people about session changes, cancellations, seats and reminders, in their time zone', async () => {
    const sessions = scheduledSessions(app.platform.deps.store);
    const startsAt = new Date('2030-01-09T17:00:00.000Z');
    const now = clock.now();
    // Capacity 1: Ana gets the seat, Cy waits.
    const id = await sessions.schedule({
      hostId: host.id,
      startsAt,
      now,
      people: [ana.id, cy.id],
      capacity: 1,
      title: 'Guitar basics',
    });
    const newStart = at(startsAt, HOUR);
    await sessions.run(
      id,
      { type: 'EditSession', by: host.id, changes: { startsAt: newStart.toISOString() }, now },
      host.id,
    );
    const left = await sessions.run(id, { type: 'UnregisterFromSession', userId: ana.id, now }, ana.id);
    const options = { headers: { 'x-min-position': String(left.position) } };

    const forAna = await list(ana.client, '', options);
    expect(forAna.notifications[0]).toEqual({
      id: expect.any(String) as string,
      type: 'session.updated',
      title: '“Guitar basics” has a new time',
      body:
        'It now starts Wed 9 Jan 2030, 19:00 (Europe/Berlin) ' +
        '(it was Wed 9 Jan 2030, 18:00 (Europe/Berlin)) and lasts 1 hour.',
      link: `/sessions/${id}`,
      createdAt: now.toISOString(),
      readAt: null,
    });
    const forCy = await list(cy.client, '', options);
    expect(forCy.notifications.map((n) => [n.type, n.title, n.body])).toEqual([
      [
        'session.promoted',
        'You have a seat in “Guitar basics”',
        'A seat opened up, so you moved from the waitlist to registered. ' +
          'It starts Wed 9 Jan 2030, 18:00 (UTC).',
      ],
      [
        'session.updated',
        '“Guitar basics” has a new time',
        'It now starts Wed 9 Jan 2030, 18:00 (UTC) (it was Wed 9 Jan 2030, 17:00 (UTC)) and lasts 1 hour.',
      ],
    ]);

    await app.platform.deps.projections.catchUp();
    await app.jobs.sessions.tick(at(newStart, -20 * HOUR));
    const reminded = { headers: { 'x-min-position': String(await app.platform.deps.store.headPosition()) } };
    expect((await list(cy.client, '', reminded)).notifications[0]).toMatchObject({
      type: 'session.reminder',
      title: 'Reminder: “Guitar basics” is coming up',
      body: 'It starts Wed 9 Jan 2030, 18:00 (UTC) and lasts 1 hour.',
    });
    expect((await list(host.client, '', reminded)).notifications[0]).toMatchObject({
      type: 'session.reminder',
      body: 'You are hosting it Wed 9 Jan 2030, 18:00 (UTC), for 1 hour.',
    });

    const cancelled = await sessions.run(
      id,
      {
        type: 'CancelSession',
        by: host.id,
        role: 'user',
        reason: 'I am ill, sorry.',
        now: at(newStart, -19 * HOUR),
      },
      host.id,
    );
    const afterCancel = { headers: { 'x-min-position': String(cancelled.position) } };
    expect((await list(cy.client, '', afterCancel)).notifications[0]).toMatchObject({
      type: 'session.cancelled',
      title: '“Guitar basics” was cancelled',
      body: 'The host cancelled it. It was planned for Wed 9 Jan 2030, 18:00 (UTC). Reason: I am ill, sorry.',
    });
    // Ana left before: she is not told.
    expect((await list(ana.client, '', afterCancel)).notifications[0]!.type).toBe('session.updated');
  });

  it('pages newest first with a cursor, and marks read up to a notification', async () => {
    const whole = await list(cy.client, '?limit=100');
    expect(whole.notifications.length).toBeGreaterThanOrEqual(4);
    expect(whole.nextCursor).toBeNull();
    const seen: Notification[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: NotificationList = await list(cy.client, query);
      expect(page.notifications.length).toBeLessThanOrEqual(1);
      expect(page.unread).toBe(whole.unread);
      seen.push(...page.notifications);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(whole.notifications);
    const times = seen.map((n) => n.createdAt);
    expect([...times].sort().reverse()).toEqual(times);

    // Read up to the second newest: only the newest stays unread.
    const second = whole.notifications[1]!;
    const read = await cy.client.post('/api/notifications/read', { json: { upTo: second.id } });
    expect(read.status).toBe(204);
    expect(read.headers.get('x-position')).toMatch(/^\d+$/);
    const marked = await list(cy.client);
    expect(marked.unread).toBe(1);
    expect(marked.notifications[0]!.readAt).toBeNull();
    expect(marked.notifications.slice(1).every((n) => n.readAt !== null)).toBe(true);

    // An older one again changes nothing; someone else's or an unknown id is 404; bad input is 422.
    const again = await cy.client.post('/api/notifications/read', {
      json: { upTo: whole.notifications[3]!.id },
    });
    expect(again.status).toBe(204);
    expect(again.headers.get('x-position')).toBeNull();
    expect((await list(cy.client)).unread).toBe(1);
    const anas = (await list(ana.client)).notifications[0]!;
    expect((await cy.client.post('/api/notifications/read', { json: { upTo: anas.id } })).status).toBe(404);
    expect((await cy.client.post('/api/notifications/read', { json: { upTo: randomUUID() } })).status).toBe(
      404,
    );
    expect((await cy.client.post('/api/notifications/read', { json: { upTo: 'latest' } })).status).toBe(422);
    expect((await cy.client.get('/api/notifications?cursor=nonsense')).status).toBe(422);
    expect((await cy.client.get('/api/notifications?limit=101')).status).toBe(422);

    const all = await cy.client.post('/api/notifications/read', {
      json: { upTo: whole.notifications[0]!.id },
    });
    expect(all.status).toBe(204);
    expect((await list(cy.client)).unread).toBe(0);
  });

  it('keeps settings: email notifications on until turned off', async () => {
    expect((await bo.client.get('/api/me/settings')).body).toEqual({ emailNotifications: true });
    const off = await bo.client.patch('/api/me/settings', { json: { emailNotifications: false } });
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ emailNotifications: false });
    expect(off.headers.get('x-position')).toMatch(/^\d+$/);
    expect((await bo.client.get('/api/me/settings')).body).toEqual({ emailNotifications: false });
    const same = await bo.client.patch('/api/me/settings', { json: {} });
    expect(same.status).toBe(200);
    expect(same.body).toEqual({ emailNotifications: false });
    expect((await bo.client.patch('/api/me/settings', { json: { emailNotifications: 'no' } })).status).toBe(
      422,
    );
    expect((await bo.client.patch('/api/me/settings', { json: { theme: 'dark' } })).status).toBe(422);
    // Only one's own settings.
    expect((await ana.client.get('/api/me/settings')).body).toEqual({ emailNotifications: true });
    const on = await bo.client.patch('/api/me/settings', { json: { emailNotifications: true } });
    expect(on.body).toEqual({ emailNotifications: true });
  });
});
