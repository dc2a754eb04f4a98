import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectUsers } from './support/connect-users.ts';
import { World } from './support/sessions.ts';
import { member, type Member } from './support/staff.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

interface ExportedEvent {
  stream: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}
interface Export {
  format: string;
  userId: string;
  account: { email: string; display_name: string; bio: string };
  skills: { name: string }[];
  connections: unknown[];
  directMessages: { body: string; from_id: string }[];
  supportTickets: { subject: string }[];
  signIns: { user_agent: string }[];
  events: ExportedEvent[];
}

let app: TestApp;
let ana: Member;
let bo: Member;
let admin: Member;

beforeAll(async () => {
  app = await startTestApp();
  const world = new World(app.url);
  [ana, bo, admin] = await Promise.all([
    member(app, world, 'user', 'Ana Export'),
    member(app, world, 'user', 'Bo Friend'),
    member(app, world, 'admin', 'Ada Admin'),
  ]);
  await connectUsers(app.platform.deps.store, ana.id, bo.id);
  expect((await ana.client.patch('/api/me', { json: { bio: 'Teaches guitar' } })).status).toBe(200);
  expect(
    (await ana.client.put('/api/me/skills', { json: { teach: [{ name: 'Guitar' }], learn: [] } })).status,
  ).toBe(200);
  expect(
    (await ana.client.post(`/api/conversations/${bo.id}/messages`, { json: { body: 'Hi Bo!' } })).status,
  ).toBe(201);
  expect(
    (await bo.client.post(`/api/conversations/${ana.id}/messages`, { json: { body: 'Hello Ana' } })).status,
  ).toBe(201);
  const ticket = await ana.client.post<{ id: string }>('/api/support/tickets', {
    json: { subject: 'Calendar help', body: 'My calendar feed is empty.' },
  });
  expect(ticket.status).toBe(201);
  const note = { body: 'Staff only: check her feed token', internal: true };
  expect(
    (await admin.client.post(`/api/support/tickets/${ticket.body.id}/messages`, { json: note })).status,
  ).toBe(201);
  const reply = { body: 'Try renewing the feed link.' };
  expect(
    (await admin.client.post(`/api/support/tickets/${ticket.body.id}/messages`, { json: reply })).status,
  ).toBe(201);
  await app.platform.deps.projections.catchUp();
});
afterAll(async () => app?.close());

describe('GET /api/me/export', () => {
  it('answers 401 signed out', async () => {
    const res = await fetch(`${app.url}/api/me/export`);
    expect(res.status).toBe(401);
  });

  it('downloads everything held about me as one JSON document', async () => {
    const res = await ana.client.get<Export>('/api/me/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(
      /attachment; filename="skillswap-export-\d{4}-\d\d-\d\d\.json"/,
    );
    const doc = res.body;
    expect(doc).toMatchObject({ format: 'skillswap-export/1', userId: ana.id });
    expect(doc.account).toMatchObject({
      email: ana.email,
      display_name: 'Ana Export',
      bio: 'Teaches guitar',
    });
    expect(doc.skills.map((s) => s.name)).toEqual(['Guitar']);
    expect(doc.connections).toHaveLength(1);
    expect(doc.directMessages.map((m) => m.body).sort()).toEqual(['Hello Ana', 'Hi Bo!']);
    expect(doc.supportTickets.map((t) => t.subject)).toEqual(['Calendar help']);
    expect(doc.signIns[0]!.user_agent).toBe('skillswap-tests/1.0');

    const types = doc.events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['UserRegistered', 'ProfileUpdated', 'SkillsChanged']));
    const mine = doc.events.find((e) => e.type === 'ProfileUpdated')!;
    expect(mine.metadata).toMatchObject({ actorId: ana.id, userAgent: 'skillswap-tests/1.0' });
  });

  it('withholds secrets, staff-only notes, and the IP and browser of others who acted', async () => {
    const res = await ana.client.get<Export>('/api/me/export');
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/argon2|\$scrypt|\$2[aby]\$/);
    expect(text).not.toContain('Staff only');
    const registered = res.body.events.find((e) => e.type === 'UserRegistered')!;
    expect(registered.data.passwordHash).toBe('(withheld: a secret)');
    const staffReply = res.body.events.find(
      (e) => e.type === 'TicketMessagePosted' && e.metadata.actorId === admin.id,
    )!;
    expect(staffReply.data).toMatchObject({ body: 'Try renewing the feed link.' });
    expect(staffReply.metadata.ip).toBeUndefined();
    expect(staffReply.metadata.userAgent).toBeUndefined();
  });

  it("holds nobody else's account: Bo's export has his own email, not Ana's", async () => {
    const res = await bo.client.get<Export>('/api/me/export');
    expect(res.body.account.email).toBe(bo.email);
    expect(JSON.stringify(res.body)).not.toContain(ana.email);
  });
});
