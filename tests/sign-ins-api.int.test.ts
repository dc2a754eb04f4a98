import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from './support/http-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

interface SignIn {
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

const PASSWORD = 'correct horse battery';

describe('signed-in browsers over HTTP', () => {
  let app: TestApp;
  let laptop: HttpClient;
  let phone: HttpClient;
  let stranger: HttpClient;

  beforeAll(async () => {
    app = await startTestApp();
    const email = `${randomUUID()}@example.com`;
    laptop = new HttpClient(app.url, new Map(), { 'user-agent': 'Laptop browser/1.0' });
    phone = new HttpClient(app.url, new Map(), { 'user-agent': 'Phone browser/2.0' });
    stranger = new HttpClient(app.url);
    const registered = await laptop.post('/api/auth/register', {
      json: { email, password: PASSWORD, displayName: 'Sam' },
    });
    expect(registered.status).toBe(201);
    expect((await phone.post('/api/auth/login', { json: { email, password: PASSWORD } })).status).toBe(200);
    const other = { email: `${randomUUID()}@example.com`, password: PASSWORD, displayName: 'Other' };
    expect((await stranger.post('/api/auth/register', { json: other })).status).toBe(201);
  });
  afterAll(() => app?.close());

  const list = async (client: HttpClient) => {
    const res = await client.get<{ signIns: SignIn[] }>('/api/me/sign-ins');
    expect(res.status).toBe(200);
    return res.body.signIns;
  };

  it('lists both browsers with their user agents, the asking one marked current, no token hash', async () => {
    const seen = await list(laptop);
    expect(seen.map((s) => [s.userAgent, s.current]).sort()).toEqual([
      ['Laptop browser/1.0', true],
      ['Phone browser/2.0', false],
    ]);
    for (const s of seen)
      expect(s.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    // The same browsers, seen from the phone: same ids, the other one current.
    const fromPhone = await list(phone);
    expect(fromPhone.find((s) => s.current)?.userAgent).toBe('Phone browser/2.0');
    expect(new Set(fromPhone.map((s) => s.id))).toEqual(new Set(seen.map((s) => s.id)));
  });

  it('refuses a malformed id (422), an unknown one and someone else’s (404)', async () => {
    expect((await laptop.request('DELETE', '/api/me/sign-ins/not-an-id')).status).toBe(422);
    expect((await laptop.request('DELETE', `/api/me/sign-ins/${randomUUID()}`)).status).toBe(404);
    const theirs = (await list(stranger))[0]!;
    expect((await laptop.request('DELETE', `/api/me/sign-ins/${theirs.id}`)).status).toBe(404);
    expect((await stranger.get('/api/me')).status).toBe(200);
  });

  it('signs the phone out from the laptop; the laptop stays signed in', async () => {
    const phoneSignIn = (await list(laptop)).find((s) => !s.current)!;
    expect((await laptop.request('DELETE', `/api/me/sign-ins/${phoneSignIn.id}`)).status).toBe(204);
    expect((await phone.get('/api/me')).status).toBe(401);
    expect((await laptop.get('/api/me')).status).toBe(200);
    expect((await list(laptop)).map((s) => s.userAgent)).toEqual(['Laptop browser/1.0']);
    expect((await laptop.request('DELETE', `/api/me/sign-ins/${phoneSignIn.id}`)).status).toBe(404);
  });

  it('needs a sign-in', async () => {
    expect((await new HttpClient(app.url).get('/api/me/sign-ins')).status).toBe(401);
  });
});
