import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient } from './support/http-client.ts';
import { LiveClient } from './support/live-client.ts';
import { World } from './support/sessions.ts';
import { member } from './support/staff.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { RawDocClient } from './support/yjs-client.ts';

// A suspension closes the person's /api/live and /yjs sockets at once with 4403, in every app process: on
// the Postgres server the sockets live in a second app process that learns of it through NOTIFY.
const SECRET = 'suspension-sockets-test-secret-0123456789abcdef';
let app: TestApp;
let other: TestApp | undefined;
let otherDir: string | undefined;

beforeAll(async () => {
  app = await startTestApp({ SESSION_SECRET: SECRET });
  const databaseUrl = app.platform.config.databaseUrl;
  if (databaseUrl) {
    otherDir = mkdtempSync(path.join(tmpdir(), 'skillswap-suspension-'));
    other = await startTestApp({ SESSION_SECRET: SECRET }, { dataDir: otherDir, databaseUrl });
  }
});

afterAll(async () => {
  await other?.stop();
  if (otherDir) rmSync(otherDir, { recursive: true, force: true });
  await app.close();
});

const socketsUrl = () => (other ?? app).url;
const cookieOf = (client: HttpClient) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const closeCode = (live: LiveClient) =>
  new Promise<number>((resolve) => {
    if (live.socket.readyState === live.socket.CLOSED) return resolve(-1);
    live.socket.once('close', (code) => resolve(code));
  });

describe('a suspension and the person’s sockets', () => {
  it('closes every socket of theirs in every process, refuses new ones, and leaves others alone', async () => {
    const world = new World(app.url);
    const moderator = await member(app, world, 'moderator', 'Mo');
    const person = await member(app, world, 'user', 'Sam');
    const bystander = await member(app, world, 'user', 'Bea');
    const live = await LiveClient.open(socketsUrl(), person.client);
    const wall = await RawDocClient.connect(socketsUrl(), 'wall', cookieOf(person.client));
    const otherLive = await LiveClient.open(socketsUrl(), bystander.client);
    const liveClosed = closeCode(live);

    const res = await moderator.client.post(`/api/admin/users/${person.id}/suspend`, {
      json: { reason: 'Spam' },
    });
    expect(res.status).toBe(200);
    expect(await liveClosed).toBe(4403);
    expect(await wall.closed).toEqual({ code: 4403, reason: 'Your account is suspended.' });
    expect(otherLive.closed).toBe(false);

    await expect(LiveClient.open(socketsUrl(), person.client)).rejects.toThrow('HTTP 403');
    const again = await RawDocClient.open(socketsUrl(), 'wall', cookieOf(person.client));
    expect((await again.closed).code).toBe(4403);
    otherLive.socket.close();
  });
});
