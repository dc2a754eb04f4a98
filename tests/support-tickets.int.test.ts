import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supportTicketsProjection } from '../projections/support-tickets.ts';
import { registerUser } from '../src/features/identity/index.ts';
import type { Role } from '../src/platform/event-store/port.ts';
import { TestClock } from './support/clock.ts';
import { systemMetadata } from './support/events.ts';
import { HttpClient, type Problem } from './support/http-client.ts';
import { LiveClient } from './support/live-client.ts';
import { replayOverKeptTables } from './support/replay.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp, type SignedInUser } from './support/users.ts';

interface Message {
  id: string;
  author: { id: string; displayName: string };
  body: string;
  internal: boolean;
  createdAt: string;
}
interface Ticket {
  id: string;
  subject: string;
  category: string;
  status: string;
  requester: { id: string };
  assignee: { id: string } | null;
  createdAt: string;
  updatedAt: string;
  messages: Message[];
}
interface QueueItem extends Omit<Ticket, 'messages'> {
  replies: number;
  firstResponseSeconds: number | null;
  openSeconds: number;
  resolutionSeconds: number | null;
}

/** A person of `role`, signed in through the API. */
async function staff(app: TestApp, role: Role, displayName: string): Promise<SignedInUser> {
  const email = `${role}-${randomUUID()}@example.com`;
  const password = 'staff password 123';
  const { profile } = await registerUser(
    app.platform.deps,
    { email, password, displayName, role },
    systemMetadata(),
  );
  const client = new HttpClient(app.url);
  expect((await client.post('/api/auth/login', { json: { email, password } })).status).toBe(200);
  return { id: profile.id, displayName, client };
}

describe('support tickets', () => {
  const clock = new TestClock('2030-01-06T09:00:00.000Z');
  let app: TestApp;
  let ana: SignedInUser, bo: SignedInUser, admin: SignedInUser, root: SignedInUser, mod: SignedInUser;

  beforeAll(async () => {
    app = await startTestApp({}, undefined, { clock: clock.now, timers: false });
    ana = await signUp(app.url, 'Ana');
    bo = await signUp(app.url, 'Bo');
    admin = await staff(app, 'admin', 'Ada Admin');
    root = await staff(app, 'super_admin', 'Root');
    mod = await staff(app, 'moderator', 'Mo Moderator');
  });
  afterAll(() => app?.close());

  const open = (user: SignedInUser, json: unknown) =>
    user.client.post<Ticket & Problem>('/api/support/tickets', { json });
  const reply = (user: SignedInUser, id: string, json: unknown) =>
    user.client.post<Message & Problem>(`/api/support/tickets/${id}/messages`, { json });
  const setStatus = (user: SignedInUser, id: string, status: string) =>
    user.client.post<Ticket & Problem>(`/api/admin/tickets/${id}/status`, { json: { status } });
  const queue = async (query = '') =>
    (
      await admin.client.get<{ tickets: QueueItem[]; nextCursor: string | null }>(
        `/api/admin/tickets${query}`,
      )
    ).body;

  it('opens a ticket, shows it to its requester and staff only, HTML kept as text', async () => {
    const body = 'I cannot <b>join</b> my session <script>alert(1)</script>';
    const res = await open(ana, { subject: '  Cannot   join  ', body, category: 'sessions' });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/support/tickets/${res.body.id}`);
    expect(res.body).toMatchObject({
      subject: 'Cannot join',
      category: 'sessions',
      status: 'open',
      requester: { id: ana.id, displayName: 'Ana' },
      assignee: null,
      createdAt: '2030-01-06T09:00:00.000Z',
    });
    expect(res.body.messages).toHaveLength(1);
    expect(res.body.messages[0]).toMatchObject({ author: { id: ana.id }, body, internal: false });
    expect(res.bytes.toString()).not.toContain('email');

    const id = res.body.id;
    expect((await ana.client.get<Ticket>(`/api/support/tickets/${id}`)).body.messages[0]!.body).toBe(body);
    expect((await admin.client.get(`/api/support/tickets/${id}`)).status).toBe(200);
    expect((await bo.client.get(`/api/support/tickets/${id}`)).status).toBe(404);
    expect((await mod.client.get(`/api/support/tickets/${id}`)).status).toBe(404);
    expect((await new HttpClient(app.url).get(`/api/support/tickets/${id}`)).status).toBe(401);
    const mine = await ana.client.get<{ tickets: QueueItem[] }>('/api/support/tickets');
    expect(mine.body.tickets.map((t) => t.id)).toEqual([id]);
    expect(mine.body.tickets[0]).not.toHaveProperty('openSeconds');
    expect((await bo.client.get<{ tickets: unknown[] }>('/api/support/tickets')).body.tickets).toEqual([]);
    const general = await open(bo, { subject: 'Hello', body: 'A question' });
    expect(general.body.category).toBe('general');
  });

  it('refuses bad input with the field named, unknown ids with 404, malformed ids with 422', async () => {
    const cases: [unknown, string][] = [
      [{ subject: 'ab', body: 'x' }, 'subject'],
      [{ subject: 'x'.repeat(201), body: 'x' }, 'subject'],
      [{ subject: 'Fine subject', body: '   ' }, 'body'],
      [{ subject: 'Fine subject', body: 'x'.repeat(10_001) }, 'body'],
      [{ subject: 'Fine subject', body: 'x', category: 'billing' }, 'category'],
      [{ subject: 'Fine subject', body: 'x', extra: true }, 'extra'],
    ];
    for (const [json, path] of cases) {
      const res = await open(ana, json);
      expect(res.status, JSON.stringify(json).slice(0, 80)).toBe(422);
      expect(res.body.errors?.map((e) => e.path)).toContain(path);
    }
    expect((await open(ana, { subject: 'Fine subject', body: 'x'.repeat(10_000) })).status).toBe(201);
    const huge = await ana.client.post<Problem>('/api/support/tickets', {
      body: JSON.stringify({ subject: 'Big', body: 'x'.repeat(1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.status).toBe(413);
    expect(huge.contentType).toBe('application/problem+json');

    const unknown = randomUUID();
    expect((await ana.client.get(`/api/support/tickets/${unknown}`)).status).toBe(404);
    expect((await reply(ana, unknown, { body: 'hi' })).status).toBe(404);
    expect((await setStatus(admin, unknown, 'closed')).status).toBe(404);
    const malformed = await ana.client.get<Problem>('/api/support/tickets/not-a-uuid');
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors?.[0]?.path).toBe('id');
    expect((await reply(ana, 'not-a-uuid', { body: 'hi' })).status).toBe(422);
    expect((await admin.client.get('/api/admin/tickets?status=lost')).status).toBe(422);
    expect((await admin.client.get('/api/admin/tickets?assigneeId=nope')).status).toBe(422);
    expect((await ana.client.get('/api/support/tickets?cursor=abc')).status).toBe(422);
  });

  it('keeps the staff routes to admins and above', async () => {
    const { body: ticket } = await open(bo, { subject: 'Roles', body: 'Who can see this?' });
    for (const user of [ana, mod]) {
      expect((await user.client.get('/api/admin/tickets')).status).toBe(403);
      expect((await setStatus(user, ticket.id, 'pending')).status).toBe(403);
      const assign = await user.client.post(`/api/admin/tickets/${ticket.id}/assign`, {
        json: { assigneeId: admin.id },
      });
      expect(assign.status).toBe(403);
    }
    expect((await new HttpClient(app.url).get('/api/admin/tickets')).status).toBe(401);
    expect((await root.client.get('/api/admin/tickets')).status).toBe(200);
    // Internal notes are for staff: a requester (or moderator) writing one is refused.
    expect((await reply(bo, ticket.id, { body: 'secret', internal: true })).status).toBe(403);
    expect((await reply(mod, ticket.id, { body: 'hello' })).status).toBe(404);
  });

  it('assigns to staff only: 404 for an unknown person, 422 for a non-staff one', async () => {
    const { body: ticket } = await open(bo, { subject: 'Assign me', body: 'Please' });
    const assign = (assigneeId: string | null) =>
      admin.client.post<Ticket & Problem>(`/api/admin/tickets/${ticket.id}/assign`, { json: { assigneeId } });
    expect((await assign(randomUUID())).status).toBe(404);
    const notStaff = await assign(mod.id);
    expect(notStaff.status).toBe(422);
    expect(notStaff.body.errors?.[0]?.path).toBe('assigneeId');
    expect((await assign('x')).status).toBe(422);
    const assigned = await assign(root.id);
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignee?.id).toBe(root.id);
    expect((await assign(null)).body.assignee).toBeNull();
  });

  it('answers live, hides internal notes from the requester, notifies them of staff replies', async () => {
    const { body: ticket } = await open(ana, { subject: 'Live please', body: 'Hello?' });
    await admin.client.post(`/api/admin/tickets/${ticket.id}/assign`, { json: { assigneeId: admin.id } });
    const anaLive = await LiveClient.open(app.url, ana.client);
    const adminLive = await LiveClient.open(app.url, admin.client);

    const note = await reply(admin, ticket.id, { body: 'Looks like a calendar bug', internal: true });
    expect(note.status).toBe(201);
    expect(note.body.internal).toBe(true);
    await adminLive.next((f) => f.type === 'ticket.message' && f.messageId === note.body.id);

    const answer = await reply(admin, ticket.id, { body: 'We are on it <i>now</i>.' });
    expect(answer.status).toBe(201);
    const frame = await anaLive.next((f) => f.type === 'ticket.message' && f.messageId === answer.body.id);
    expect(frame).toMatchObject({ ticketId: ticket.id, internal: false });
    expect(anaLive.frames.some((f) => f.messageId === note.body.id)).toBe(false);

    const seen = await ana.client.get<Ticket>(`/api/support/tickets/${ticket.id}`);
    expect(seen.body.messages.map((m) => m.body)).toEqual(['Hello?', 'We are on it <i>now</i>.']);
    const staffView = await admin.client.get<Ticket>(`/api/support/tickets/${ticket.id}`);
    expect(staffView.body.messages.map((m) => m.internal)).toEqual([false, true, false]);

    const fromAna = await reply(ana, ticket.id, { body: 'Thanks!' });
    await adminLive.next((f) => f.type === 'ticket.message' && f.messageId === fromAna.body.id);

    const notices = await ana.client.get<{
      notifications: { type: string; title: string; body: string; link: string }[];
    }>('/api/notifications', { headers: { 'x-min-position': fromAna.headers.get('x-position')! } });
    const replied = notices.body.notifications.filter((n) => n.type === 'support.replied');
    expect(replied).toEqual([
      expect.objectContaining({
        title: 'Support replied: “Live please”',
        body: 'We are on it <i>now</i>.',
        link: `/help/${ticket.id}`,
      }),
    ]);
    const adminNotices = await admin.client.get<{ notifications: { type: string }[] }>('/api/notifications');
    expect(adminNotices.body.notifications.some((n) => n.type === 'support.replied')).toBe(false);
    await anaLive.close();
    await adminLive.close();
  });

  it('reopens on the requester’s reply, refuses anything on a closed ticket, and measures the wait', async () => {
    clock.set('2030-02-01T10:00:00.000Z');
    const { body: ticket } = await open(bo, { subject: 'Timing', body: 'Start' });
    const id = ticket.id;

    clock.advance({ minutes: 30 });
    await reply(admin, id, { body: 'A note', internal: true });
    clock.advance({ minutes: 30 });
    expect((await reply(admin, id, { body: 'Can you send a screenshot?' })).status).toBe(201);
    expect((await setStatus(admin, id, 'pending')).body.status).toBe('pending');
    clock.advance({ hours: 5 }); // waiting on Bo: not counted
    const reopened = await reply(bo, id, { body: 'Here it is' });
    expect(reopened.status).toBe(201);
    expect((await bo.client.get<Ticket>(`/api/support/tickets/${id}`)).body.status).toBe('open');
    clock.advance({ minutes: 15 });

    let item = (await queue('?status=open')).tickets.find((t) => t.id === id)!;
    expect(item).toMatchObject({
      firstResponseSeconds: 3600,
      openSeconds: 3600 + 900,
      resolutionSeconds: null,
      replies: 3,
    });
    clock.advance({ minutes: 15 });
    expect((await setStatus(admin, id, 'resolved')).body.status).toBe('resolved');
    clock.advance({ days: 2 });
    item = (await queue('?status=resolved')).tickets.find((t) => t.id === id)!;
    expect(item).toMatchObject({ resolutionSeconds: 3600 + 1800, openSeconds: 3600 + 1800 });

    // A reply to a resolved ticket reopens it too; closing ends it for good.
    await reply(bo, id, { body: 'One more thing' });
    expect((await bo.client.get<Ticket>(`/api/support/tickets/${id}`)).body.status).toBe('open');
    expect((await setStatus(admin, id, 'closed')).status).toBe(200);
    const late = await reply(bo, id, { body: 'Hello again' });
    expect(late.status).toBe(409);
    expect(late.contentType).toBe('application/problem+json');
    expect((await reply(admin, id, { body: 'Staff too' })).status).toBe(409);
    expect((await setStatus(admin, id, 'open')).status).toBe(409);
    expect((await setStatus(admin, id, 'closed')).status).toBe(200);
  });

  it('filters the queue by status and assignee and pages it oldest first', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await open(bo, { subject: `Paged ${i}`, body: 'x' })).body.id);
    await admin.client.post(`/api/admin/tickets/${ids[1]}/assign`, { json: { assigneeId: root.id } });
    expect((await queue(`?assigneeId=${root.id}`)).tickets.map((t) => t.id)).toEqual([ids[1]]);
    expect((await queue('?assigneeId=none&status=open')).tickets.map((t) => t.id)).not.toContain(ids[1]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { tickets: QueueItem[]; nextCursor: string | null } = await queue(
        `?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.tickets.length).toBeLessThanOrEqual(2);
      seen.push(...page.tickets.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(-3)).toEqual(ids);
  });

  it('builds the same queue when every event applies twice, and on a rebuild', async () => {
    const deps = app.platform.deps;
    await deps.projections.catchUp();
    const snapshot = () => deps.db.selectFrom('support_tickets').selectAll().orderBy('id').execute();
    const before = await snapshot();
    expect(before.length).toBeGreaterThan(5);
    await deps.projections.rebuild('support_tickets');
    await deps.projections.catchUp();
    expect(await snapshot()).toEqual(before);
    await deps.projections.stop();
    await replayOverKeptTables(deps.db, deps.store, [supportTicketsProjection]);
    expect(await snapshot()).toEqual(before);
  });

  it('limits how many tickets one person opens', async () => {
    const limited = await startTestApp({ RATE_LIMIT_TICKETS_PER_HOUR: '2' });
    try {
      const cy = await signUp(limited.url, 'Cy');
      const post = () => cy.client.post('/api/support/tickets', { json: { subject: 'Again', body: 'x' } });
      expect((await post()).status).toBe(201);
      expect((await post()).status).toBe(201);
      const refused = await post();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});
