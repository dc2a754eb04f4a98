import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from './support/clock.ts';
import { createSession, expectProblem, sessionFields, World, type Person } from './support/sessions.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

// Issue 8: a per-person limit on creating sessions (RATE_LIMIT_SESSIONS_PER_HOUR), in windows of the
// app's clock: the test moves the clock instead of waiting an hour.
const env = { RATE_LIMIT_SESSIONS_PER_HOUR: '3' };
const clock = new TestClock('2030-01-06T09:10:00.000Z');
let app: TestApp;
let world: World;
let host: Person;
let other: Person;

beforeAll(async () => {
  app = await startTestApp(env, undefined, { clock: clock.now });
  world = new World(app.url);
  [host, other] = await Promise.all([world.person('Hana Host'), world.person('Olu Other')]);
});
afterAll(async () => {
  await app?.close();
});

const create = (person: Person) => person.client.post('/api/sessions', { json: sessionFields(clock) });

describe('creating sessions is limited per person', () => {
  it('answers 429 problem+json with Retry-After past the limit, until the hour of the app clock is over', async () => {
    for (let i = 0; i < 3; i++) await createSession(host, clock);
    const refused = expectProblem(await create(host), 429);
    expect(refused.detail).toMatch(/Too many new sessions\. Try again in 50 minutes\./);
    const retryAfter = await create(host);
    expect(retryAfter.headers.get('retry-after')).toBe(String(50 * 60));
    // Nothing was written for the refused ones: the host still hosts three.
    const mine = await host.client.get<{ hosting: unknown[] }>('/api/me/sessions');
    expect(mine.body.hosting).toHaveLength(3);

    // Someone else is not affected.
    await createSession(other, clock);

    clock.advance({ minutes: 49, seconds: 59 });
    expect(Number((await create(host)).headers.get('retry-after'))).toBe(1);
    clock.advance({ seconds: 1 });
    await createSession(host, clock);
  });

  it.runIf(process.env.DATABASE_URL)('holds across app processes on a Postgres server', async () => {
    clock.advance({ hours: 1 });
    const databaseUrl = app.platform.config.databaseUrl!;
    const dir = mkdtempSync(path.join(tmpdir(), 'skillswap-limits-'));
    const second = await startTestApp(env, { dataDir: dir, databaseUrl }, { clock: clock.now });
    try {
      const elsewhere = world.client(second.url, host.client.cookies);
      for (let i = 0; i < 2; i++) await createSession(host, clock);
      expect((await elsewhere.post('/api/sessions', { json: sessionFields(clock) })).status).toBe(201);
      expectProblem(await elsewhere.post('/api/sessions', { json: sessionFields(clock) }), 429);
      expectProblem(await create(host), 429);
    } finally {
      await second.stop();
    }
  });
});
