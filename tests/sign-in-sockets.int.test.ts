import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from './support/http-client.ts';
import { LiveClient } from './support/live-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { RawDocClient } from './support/yjs-client.ts';

// Sockets belong to a sign-in: when it ends (sign-out, password change, expiry), its /api/live and
// /yjs sockets close with 4401 in every app process, and other sign-ins keep theirs. On the Postgres
// server the sockets live in a second app process.
const SECRET = 'sign-in-sockets-test-secret-0123456789abcdef';
const PASSWORD = 'correct horse battery';
let app: TestApp;
let other: TestApp | undefined;
let otherDir: string | undefined;

beforeAll(async () => {
  app = await startTestApp({ SESSION_SECRET: SECRET });
  const databaseUrl = app.platform.config.databaseUrl;
  if (databaseUrl) {
    otherDir = mkdtempSync(path.join(tmpdir(), 'skillswap-sockets-'));
    other = await startTestApp({ SESSION_SECRET: SECRET }, { dataDir: otherDir, databaseUrl });
  }
});

afterAll(async () => {
  await other?.stop();
  if (otherDir) rmSync(otherDir, { recursive: true, force: true });
  await app.close();
});

/** Where the sockets are opened: the other process when there is one. */
const socketsUrl = () => (other ?? app).url;
const cookieOf = (client: HttpClient) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

async function person() {
  const email = `${crypto.randomUUID()}@example.com`;
  const first = new HttpClient(app.url);
  const res = await first.post<{ user: { id: string } }>('/api/auth/register', {
    json: { email, password: PASSWORD, displayName: 'Sam' },
  });
  expect(res.status).toBe(201);
  const second = new HttpClient(app.url);
  expect((await second.post('/api/auth/login', { json: { email, password: PASSWORD } })).status).toBe(200);
  return { id: res.body.user.id, first, second };
}

async function socketsOf(client: HttpClient) {
  const live = await LiveClient.open(socketsUrl(), client);
  const wall = await RawDocClient.connect(socketsUrl(), 'wall', cookieOf(client));
  return { live, wall };
}

function closeCode(live: LiveClient): Promise<number> {
  return new Promise((resolve) => {
    if (live.socket.readyState === live.socket.CLOSED) return resolve(-1);
    live.socket.once('close', (code) => resolve(code));
  });
}

describe('sockets of a sign-in', () => {
  it('close in every process when that browser signs out; the other browser keeps its sockets', async () => {
    const { first, second } = await person();
    const [a, b] = await Promise.all([socketsOf(first), socketsOf(second)]);
    const liveClosed = closeCode(a.live);
    expect((await first.post('/api/auth/logout')).status).toBe(204);
    expect(await liveClosed).toBe(4401);
    expect((await a.wall.closed).code).toBe(4401);
    expect(b.live.closed).toBe(false);
    expect(b.wall.ws.readyState).toBe(b.wall.ws.OPEN);
    b.live.socket.close();
    b.wall.ws.close();
  });

  it('close for every other browser when the password changes, with a reason saying why', async () => {
    const { first, second } = await person();
    const [a, b] = await Promise.all([socketsOf(first), socketsOf(second)]);
    const change = await first.post('/api/me/password', {
      json: { currentPassword: PASSWORD, newPassword: 'another long passphrase' },
    });
    expect(change.status).toBe(204);
    const closed = await b.wall.closed;
    expect(closed).toEqual({
      code: 4401,
      reason: 'Your password was changed. Sign in again with the new one.',
    });
    expect(a.wall.ws.readyState).toBe(a.wall.ws.OPEN);
    expect(a.live.closed).toBe(false);
    a.live.socket.close();
    a.wall.ws.close();
  });

  it('close when the sign-in expires (found by the sweep)', async () => {
    const { id, first } = await person();
    const a = await socketsOf(first);
    const liveClosed = closeCode(a.live);
    await app.platform.deps.db
      .updateTable('auth_sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', id)
      .execute();
    await (other ?? app).platform.deps.sockets.sweep();
    expect(await liveClosed).toBe(4401);
    expect((await a.wall.closed).code).toBe(4401);
  });
});
