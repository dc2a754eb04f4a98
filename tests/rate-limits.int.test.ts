import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from './support/http-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

// Sign-in limits against spraying (one network, many accounts) and guessing (one account, many
// networks). Only failures count. On the Postgres server the counters are shared by every app process
// and survive a restart; the embedded default keeps them in memory (one process).
const env = {
  SESSION_SECRET: 'rate-limits-test-secret-0123456789abcdef',
  TRUST_PROXY: 'true',
  RATE_LIMIT_LOGIN_FAILURES_PER_IP_PER_HOUR: '3',
  RATE_LIMIT_LOGIN_FAILURES_PER_EMAIL_PER_HOUR: '3',
};
const PASSWORD = 'correct horse battery';
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp(env);
});

afterAll(async () => {
  await app.close();
});

async function account() {
  const email = `${randomUUID()}@example.com`;
  const res = await new HttpClient(app.url).post('/api/auth/register', {
    json: { email, password: PASSWORD, displayName: 'Kim' },
    headers: { 'x-forwarded-for': `10.9.${Math.floor(Math.random() * 250)}.1` },
  });
  expect(res.status).toBe(201);
  return email;
}

const signIn = (baseUrl: string, email: string, password: string, ip: string) =>
  new HttpClient(baseUrl).post('/api/auth/login', {
    json: { email, password },
    headers: { 'x-forwarded-for': ip },
  });

describe('sign-in limits', () => {
  it('stop one network spraying a password over many accounts, with a 429 that says when to retry', async () => {
    const ip = '203.0.113.7';
    for (let i = 0; i < 3; i++) {
      expect((await signIn(app.url, `${randomUUID()}@example.com`, 'Summer2026!!', ip)).status).toBe(401);
    }
    const refused = await signIn(app.url, `${randomUUID()}@example.com`, 'Summer2026!!', ip);
    expect(refused.status).toBe(429);
    expect(refused.contentType).toContain('application/problem+json');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((refused.body as { detail: string }).detail).toMatch(/failed sign-ins from your network/);
    // Another network is not affected.
    const email = await account();
    expect((await signIn(app.url, email, PASSWORD, '198.51.100.1')).status).toBe(200);
  });

  it('stop guessing one account from many networks, and never lock out correct sign-ins', async () => {
    const email = await account();
    for (let i = 0; i < 10; i++)
      expect((await signIn(app.url, email, PASSWORD, `192.0.2.${i}`)).status).toBe(200);
    for (let i = 0; i < 3; i++)
      expect((await signIn(app.url, email, 'wrong guess!', `192.0.2.${50 + i}`)).status).toBe(401);
    const refused = await signIn(app.url, email, PASSWORD, '192.0.2.99');
    expect(refused.status).toBe(429);
    expect((refused.body as { detail: string }).detail).toMatch(/failed sign-ins for this account/);
  });

  it.runIf(process.env.DATABASE_URL)(
    'hold across app processes and restarts on a Postgres server',
    async () => {
      const email = await account();
      const databaseUrl = app.platform.config.databaseUrl!;
      const dir = mkdtempSync(path.join(tmpdir(), 'skillswap-limits-'));
      const other = await startTestApp(env, { dataDir: dir, databaseUrl });
      try {
        expect((await signIn(app.url, email, 'wrong guess!', '192.0.2.200')).status).toBe(401);
        expect((await signIn(other.url, email, 'wrong guess!', '192.0.2.201')).status).toBe(401);
        expect((await signIn(app.url, email, 'wrong guess!', '192.0.2.202')).status).toBe(401);
        expect((await signIn(other.url, email, PASSWORD, '192.0.2.203')).status).toBe(429);
        await other.stop();
        const restarted = await other.restart();
        try {
          expect((await signIn(restarted.url, email, PASSWORD, '192.0.2.204')).status).toBe(429);
        } finally {
          await restarted.stop();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
