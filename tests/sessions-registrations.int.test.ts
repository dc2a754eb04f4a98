import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSessionCommand } from '../src/features/sessions/index.ts';
import { TestClock } from './support/clock.ts';
import { systemMetadata } from './support/events.ts';
import { LiveClient } from './support/live-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import {
  createSession,
  crowd,
  expectProblem,
  postOnFreshConnection,
  invalidFields,
  World,
  type Person,
  type SessionBody,
} from './support/sessions.ts';

// Registering, the waitlist and its order, promotions, blocks and live frames. On the Postgres server, the
// crowd's requests alternate between two app processes on one database, so races are lost across processes.
const SECRET = 'sessions-registrations-secret-0123456789abcdef';
const clock = new TestClock('2030-02-01T09:00:00.000Z');
let app: TestApp;
let second: TestApp | undefined;
let secondDir: string | undefined;
let world: World;
let host: Person;
let ana: Person;
let bo: Person;
let cy: Person;

beforeAll(async () => {
  app = await startTestApp({ SESSION_SECRET: SECRET }, undefined, { clock: clock.now });
  const databaseUrl = app.platform.config.databaseUrl;
  if (databaseUrl) {
    secondDir = mkdtempSync(path.join(tmpdir(), 'skillswap-sessions-'));
    second = await startTestApp(
      { SESSION_SECRET: SECRET },
      { dataDir: secondDir, databaseUrl },
      { clock: clock.now },
    );
  }
  world = new World(app.url);
  [host, ana, bo, cy] = await Promise.all([
    world.person('Hana Host'),
    world.person('Ana'),
    world.person('Bo'),
    world.person('Cy'),
  ]);
});
afterAll(async () => {
  await second?.stop();
  if (secondDir) rmSync(secondDir, { recursive: true, force: true });
  await app?.close();
});

const registerFor = (who: Person, sessionId: string) =>
  who.client.post(`/api/sessions/${sessionId}/registrations`);
const unregisterFrom = (who: Person, sessionId: string) =>
  who.client.request('DELETE', `/api/sessions/${sessionId}/registrations/me`);

describe('POST /api/sessions/:id/registrations', () => {
  it('gives a seat while seats are free, then a place in line', async () => {
    const session = await createSession(host, clock, { capacity: 1 });
    const first = await registerFor(ana, session.id);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ status: 'registered', waitlistPosition: null });
    expect(first.headers.get('location')).toBe(`/api/sessions/${session.id}/registrations/me`);
    expect((await registerFor(bo, session.id)).body).toEqual({ status: 'waitlisted', waitlistPosition: 1 });
    expect((await registerFor(cy, session.id)).body).toEqual({ status: 'waitlisted', waitlistPosition: 2 });
    const read = await cy.client.get<SessionBody>(`/api/sessions/${session.id}`);
    expect(read.body).toMatchObject({
      registered: 1,
      waitlisted: 2,
      myRegistration: 'waitlisted',
      waitlistPosition: 2,
    });
  });

  it('refuses registering twice (409), the host (422), and signed-out callers (401)', async () => {
    const session = await createSession(host, clock);
    expect((await registerFor(ana, session.id)).status).toBe(201);
    expect(expectProblem(await registerFor(ana, session.id), 409).detail).toMatch(/already registered/);
    expect(invalidFields(await registerFor(host, session.id))).toEqual(['sessionId']);
    expectProblem(await world.client().post(`/api/sessions/${session.id}/registrations`), 401);
  });

  it('refuses someone the host blocked, or who blocked the host (403)', async () => {
    const session = await createSession(host, clock);
    const [blocked, blocker] = await Promise.all([world.person('Blocked'), world.person('Blocker')]);
    expect((await host.client.post('/api/blocks', { json: { userId: blocked.id } })).status).toBe(204);
    expect((await blocker.client.post('/api/blocks', { json: { userId: host.id } })).status).toBe(204);
    expectProblem(await registerFor(blocked, session.id), 403);
    expectProblem(await registerFor(blocker, session.id), 403);
    expect((await blocker.client.request('DELETE', `/api/blocks/${host.id}`)).status).toBe(204);
    expect((await registerFor(blocker, session.id)).status).toBe(201);
  });

  it('closes at the start (409)', async () => {
    const session = await createSession(host, clock, {}, 1);
    clock.advance({ minutes: 60 });
    try {
      expect(expectProblem(await registerFor(ana, session.id), 409).detail).toMatch(/started/);
    } finally {
      clock.advance({ minutes: -60 });
    }
  });
});

describe('DELETE /api/sessions/:id/registrations/me', () => {
  it('frees the seat for the first in line in the same step, and tells them', async () => {
    const session = await createSession(host, clock, { capacity: 1 });
    await registerFor(ana, session.id);
    await registerFor(bo, session.id);
    await registerFor(cy, session.id);
    const boLive = await LiveClient.open(app.url, bo.client);
    try {
      const left = await unregisterFrom(ana, session.id);
      expect(left.status).toBe(204);
      expect(left.headers.get('x-position')).toMatch(/^\d+$/);
      const frame = await boLive.next((f) => f.type === 'session.promoted');
      expect(frame).toMatchObject({ sessionId: session.id, reason: 'seat_freed' });
      const bos = await bo.client.get<SessionBody>(`/api/sessions/${session.id}`);
      expect(bos.body).toMatchObject({ myRegistration: 'registered', registered: 1, waitlisted: 1 });
      const cys = await cy.client.get<SessionBody>(`/api/sessions/${session.id}`);
      expect(cys.body).toMatchObject({ myRegistration: 'waitlisted', waitlistPosition: 1 });
      expectProblem(await unregisterFrom(ana, session.id), 404);
      // Back at the end of the line.
      expect((await registerFor(ana, session.id)).body).toEqual({
        status: 'waitlisted',
        waitlistPosition: 2,
      });
    } finally {
      await boLive.close();
    }
  });

  it('closes at the start (409)', async () => {
    const session = await createSession(host, clock, {}, 1);
    await registerFor(ana, session.id);
    clock.advance({ minutes: 61 });
    try {
      expectProblem(await unregisterFrom(ana, session.id), 409);
    } finally {
      clock.advance({ minutes: -61 });
    }
  });
});

describe('live frames', () => {
  it('tells the host and everyone registered or waiting about edits and cancellation', async () => {
    const session = await createSession(host, clock, { capacity: 1 });
    await registerFor(ana, session.id);
    await registerFor(bo, session.id);
    const anaLive = await LiveClient.open(app.url, ana.client);
    const boLive = await LiveClient.open(app.url, bo.client);
    const cyLive = await LiveClient.open(app.url, cy.client);
    try {
      const later = new Date(Date.parse(session.startsAt) + 3_600_000).toISOString();
      expect(
        (await host.client.patch(`/api/sessions/${session.id}`, { json: { startsAt: later } })).status,
      ).toBe(200);
      for (const live of [anaLive, boLive]) {
        expect(await live.next((f) => f.type === 'session.updated')).toMatchObject({
          sessionId: session.id,
          changed: ['startsAt'],
          rescheduled: true,
        });
      }
      expect(
        (await host.client.post(`/api/sessions/${session.id}/cancel`, { json: { reason: 'Ill' } })).status,
      ).toBe(200);
      for (const live of [anaLive, boLive]) {
        expect(await live.next((f) => f.type === 'session.cancelled')).toMatchObject({
          sessionId: session.id,
          reason: 'Ill',
          byStaff: false,
        });
      }
      // A reminder claimed by the scheduler reaches the person reminded.
      const other = await createSession(host, clock, {}, 10);
      await registerFor(cy, other.id);
      clock.advance({ hours: 9 });
      try {
        const due = { type: 'RecordDueReminders', kind: '24h', now: clock.now() } as const;
        await runSessionCommand(app.platform.deps, other.id, due, systemMetadata());
        expect(await cyLive.next((f) => f.type === 'session.reminder')).toMatchObject({
          sessionId: other.id,
          kind: '24h',
          startsAt: other.startsAt,
        });
      } finally {
        clock.advance({ hours: -9 });
      }
      expect(cyLive.ofType('session.updated')).toEqual([]);
      expect(cyLive.ofType('session.cancelled')).toEqual([]);
    } finally {
      await Promise.all([anaLive, boLive, cyLive].map((l) => l.close()));
    }
  });
});

describe('a crowd registering at once', () => {
  it('200 people for 10 seats: exactly 10 registered, 190 waitlisted in strict order, no 5xx, no 409', async () => {
    const session = await createSession(host, clock, { capacity: 10 });
    const people = await crowd(app, world, 200);
    // On a server, every other request goes to the second app process.
    const urlFor = (i: number) => (second && i % 2 ? second.url : app.url);
    const answers = (await Promise.all(
      people.map((p, i) =>
        postOnFreshConnection(urlFor(i), `/api/sessions/${session.id}/registrations`, p.client.cookies),
      ),
    )) as {
      status: number;
      contentType: string;
      body: { status: string; waitlistPosition: number | null };
      position: number;
    }[];
    for (const res of answers) expect(res.status, JSON.stringify(res.body)).toBe(201);
    // Later reads include every registration (the answers' X-Position), whichever process wrote it.
    world.latestPosition = Math.max(world.latestPosition, ...answers.map((a) => a.position));
    const seated = answers.filter((a) => a.body.status === 'registered');
    expect(seated).toHaveLength(10);
    for (const s of seated) expect(s.body.waitlistPosition).toBeNull();
    const places = answers.filter((a) => a.body.status === 'waitlisted').map((a) => a.body.waitlistPosition);
    expect(places.sort((a, b) => a! - b!)).toEqual(Array.from({ length: 190 }, (_, i) => i + 1));

    // The line the host sees is the order of the answers: seats first, then places 1..190.
    const list = await host.client.get<{ attendees: { user: { id: string }; status: string }[] }>(
      `/api/sessions/${session.id}/attendees`,
    );
    const answerOf = new Map(people.map((p, i) => [p.id, answers[i]!.body]));
    const line = list.body.attendees.map((a) => ({ status: a.status, answer: answerOf.get(a.user.id)! }));
    expect(
      line.slice(0, 10).every((a) => a.status === 'registered' && a.answer.status === 'registered'),
    ).toBe(true);
    expect(line.slice(10).map((a) => [a.status, a.answer.waitlistPosition])).toEqual(
      Array.from({ length: 190 }, (_, i) => ['waitlisted', i + 1]),
    );
    const read = await host.client.get<SessionBody>(`/api/sessions/${session.id}`);
    expect(read.body).toMatchObject({ registered: 10, waitlisted: 190 });
  }, 240_000);
});
