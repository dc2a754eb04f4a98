import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from './support/clock.ts';
import { giveRole } from './support/doc-world.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import {
  createSession,
  expectProblem,
  invalidFields,
  sessionFields,
  World,
  type Person,
  type SessionBody,
} from './support/sessions.ts';

// Creating, reading, editing and cancelling sessions over HTTP, with the app's clock under the test's hand.
const clock = new TestClock('2030-01-06T09:00:00.000Z');
let app: TestApp;
let world: World;
let host: Person;
let ana: Person;
let bo: Person;
let mod: Person;

beforeAll(async () => {
  app = await startTestApp({}, undefined, { clock: clock.now });
  world = new World(app.url);
  [host, ana, bo, mod] = await Promise.all([
    world.person('Hana Host'),
    world.person('Ana'),
    world.person('Bo'),
    world.person('Mo Moderator'),
  ]);
  await giveRole(app, mod.id, 'moderator');
});
afterAll(async () => {
  await app?.close();
});

describe('POST /api/sessions', () => {
  it('creates a session hosted by the caller, shown with the host profile', async () => {
    const res = await host.client.post<SessionBody>('/api/sessions', {
      json: sessionFields(clock, { title: '  Fingerstyle   guitar  ', description: '  ', meetingUrl: null }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/sessions/${res.body.id}`);
    expect(res.headers.get('x-position')).toMatch(/^\d+$/);
    expect(res.body).toMatchObject({
      host: { id: host.id, displayName: 'Hana Host' },
      title: 'Fingerstyle guitar',
      description: null,
      skill: 'Guitar',
      level: 'beginner',
      prerequisites: ['Own a guitar'],
      startsAt: '2030-01-08T09:00:00.000Z',
      endsAt: '2030-01-08T10:00:00.000Z',
      durationMinutes: 60,
      capacity: 10,
      registered: 0,
      waitlisted: 0,
      status: 'scheduled',
      myRegistration: null,
      waitlistPosition: null,
      meetingUrl: null,
      createdAt: clock.now().toISOString(),
    });
  });

  it('needs a signed-in caller', async () => {
    expectProblem(await world.client().post('/api/sessions', { json: sessionFields(clock) }), 401);
  });

  it('refuses each bad field with a 422 naming it', async () => {
    const bad = async (overrides: Record<string, unknown>) =>
      invalidFields(await host.client.post('/api/sessions', { json: sessionFields(clock, overrides) }));
    expect(await bad({ startsAt: '2030-01-06T08:59:00.000Z' })).toEqual(['startsAt']);
    expect(await bad({ startsAt: 'next tuesday' })).toEqual(['startsAt']);
    expect(await bad({ durationMinutes: -60 })).toEqual(['durationMinutes']); // would end before it starts
    expect(await bad({ endsAt: '2030-01-08T08:00:00.000Z' })).toEqual(['endsAt']); // not a field: ends by duration
    expect(await bad({ durationMinutes: 481 })).toEqual(['durationMinutes']);
    expect(await bad({ capacity: 0 })).toEqual(['capacity']);
    expect(await bad({ capacity: 501 })).toEqual(['capacity']);
    expect(await bad({ capacity: 2.5 })).toEqual(['capacity']);
    expect(await bad({ meetingUrl: 'javascript:alert(1)' })).toEqual(['meetingUrl']);
    expect(await bad({ meetingUrl: 'http://meet.example.com/x' })).toEqual(['meetingUrl']);
    expect(await bad({ title: 'ab' })).toEqual(['title']);
    expect(await bad({ level: 'wizard' })).toEqual(['level']);
    expect(await bad({ prerequisites: Array.from({ length: 11 }, (_, i) => `p${i}`) })).toEqual([
      'prerequisites',
    ]);
    // Every invalid value in one answer.
    expect(
      await bad({ capacity: 0, meetingUrl: 'http://x.example', startsAt: '2020-01-01T00:00:00Z' }),
    ).toEqual(['startsAt', 'capacity', 'meetingUrl']);
  });

  it('counts lengths in characters as people see them', async () => {
    const title = '🎸'.repeat(120);
    const res = await host.client.post<SessionBody>('/api/sessions', {
      json: sessionFields(clock, { title }),
    });
    expect(res.status).toBe(201);
    expect(res.body.title).toBe(title);
  });
});

describe('GET /api/sessions/:id', () => {
  it('shows the meeting link only to the host and people with a seat', async () => {
    const session = await createSession(host, clock);
    const asHost = await host.client.get<SessionBody>(`/api/sessions/${session.id}`);
    expect(asHost.body.meetingUrl).toBe('https://meet.example.com/guitar');
    const asAna = await ana.client.get<SessionBody>(`/api/sessions/${session.id}`);
    expect(asAna.body).toMatchObject({ meetingUrl: null, myRegistration: null });
    const signedOut = await world.client().get<SessionBody>(`/api/sessions/${session.id}`);
    expect(signedOut.status).toBe(200);
    expect(signedOut.body.meetingUrl).toBeNull();
    expect((await ana.client.post(`/api/sessions/${session.id}/registrations`)).status).toBe(201);
    const registered = await ana.client.get<SessionBody>(`/api/sessions/${session.id}`);
    expect(registered.body).toMatchObject({
      meetingUrl: 'https://meet.example.com/guitar',
      myRegistration: 'registered',
      registered: 1,
    });
  });

  it('answers 404 for an unknown id and 422 for one that is not a UUID', async () => {
    expectProblem(await ana.client.get(`/api/sessions/${randomUUID()}`), 404);
    expect(invalidFields(await ana.client.get('/api/sessions/not-a-uuid'))).toEqual(['id']);
    expectProblem(await ana.client.patch(`/api/sessions/${randomUUID()}`, { json: { capacity: 3 } }), 404);
    expectProblem(await ana.client.post(`/api/sessions/${randomUUID()}/cancel`), 404);
    expectProblem(await ana.client.post(`/api/sessions/${randomUUID()}/registrations`), 404);
    expect(invalidFields(await ana.client.post('/api/sessions/123/registrations'))).toEqual(['id']);
  });

  it('is ended once endsAt has passed by the app clock, with nothing else happening', async () => {
    const session = await createSession(host, clock, {}, 1);
    clock.advance({ hours: 2 });
    try {
      const res = await ana.client.get<SessionBody>(`/api/sessions/${session.id}`);
      expect(res.body.status).toBe('ended');
      const late = await ana.client.post(`/api/sessions/${session.id}/registrations`);
      expect(expectProblem(late, 409).detail).toMatch(/ended/);
      expectProblem(await host.client.patch(`/api/sessions/${session.id}`, { json: { capacity: 3 } }), 409);
      expectProblem(await host.client.post(`/api/sessions/${session.id}/cancel`), 409);
    } finally {
      clock.advance({ hours: -2 });
    }
  });
});

describe('PATCH /api/sessions/:id', () => {
  it('changes what the host sends and answers the session', async () => {
    const session = await createSession(host, clock);
    const res = await host.client.patch<SessionBody>(`/api/sessions/${session.id}`, {
      json: { title: 'Fingerstyle, part 2', durationMinutes: 90, description: null, prerequisites: [] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      title: 'Fingerstyle, part 2',
      durationMinutes: 90,
      endsAt: '2030-01-08T10:30:00.000Z',
      description: null,
      prerequisites: [],
    });
    const read = await ana.client.get<SessionBody>(`/api/sessions/${session.id}`);
    expect(read.body).toMatchObject({ title: 'Fingerstyle, part 2', endsAt: '2030-01-08T10:30:00.000Z' });
    // Nothing changed: no event, the same session.
    const same = await host.client.patch<SessionBody>(`/api/sessions/${session.id}`, {
      json: { durationMinutes: 90 },
    });
    expect(same.status).toBe(200);
    expect(same.headers.get('x-position')).toBeNull();
  });

  it("refuses editing someone else's session (403), even for staff", async () => {
    const session = await createSession(host, clock);
    const res = await ana.client.patch(`/api/sessions/${session.id}`, { json: { title: 'Mine now' } });
    expect(expectProblem(res, 403).detail).toMatch(/host/);
    expectProblem(await mod.client.patch(`/api/sessions/${session.id}`, { json: { title: 'Mod' } }), 403);
  });

  it('refuses a capacity below the number registered (409) and promotes at once when raised', async () => {
    const session = await createSession(host, clock, { capacity: 1 });
    expect((await ana.client.post(`/api/sessions/${session.id}/registrations`)).status).toBe(201);
    const waiting = await bo.client.post(`/api/sessions/${session.id}/registrations`);
    expect(waiting.body).toEqual({ status: 'waitlisted', waitlistPosition: 1 });
    const other = await createSession(host, clock, { capacity: 2 });
    await ana.client.post(`/api/sessions/${other.id}/registrations`);
    await bo.client.post(`/api/sessions/${other.id}/registrations`);
    const tooLow = await host.client.patch(`/api/sessions/${other.id}`, { json: { capacity: 1 } });
    expect(expectProblem(tooLow, 409).detail).toMatch(/2 people already have a seat/);

    const raised = await host.client.patch<SessionBody>(`/api/sessions/${session.id}`, {
      json: { capacity: 2 },
    });
    expect(raised.body).toMatchObject({ capacity: 2, registered: 2, waitlisted: 0 });
    const bos = await bo.client.get<SessionBody>(`/api/sessions/${session.id}`);
    expect(bos.body).toMatchObject({ myRegistration: 'registered', waitlistPosition: null });
  });

  it('validates edited values like new ones', async () => {
    const session = await createSession(host, clock);
    const edit = (json: unknown) => host.client.patch(`/api/sessions/${session.id}`, { json });
    expect(invalidFields(await edit({ meetingUrl: 'javascript:alert(1)' }))).toEqual(['meetingUrl']);
    expect(invalidFields(await edit({ startsAt: '2030-01-05T00:00:00Z' }))).toEqual(['startsAt']);
    expect(invalidFields(await edit({ capacity: 0 }))).toEqual(['capacity']);
    expect(invalidFields(await edit({ hostId: ana.id }))).toEqual(['hostId']);
  });

  it('closes editing at the start (409)', async () => {
    const session = await createSession(host, clock, {}, 1);
    clock.advance({ minutes: 61 });
    try {
      const res = await host.client.patch(`/api/sessions/${session.id}`, { json: { title: 'Too late now' } });
      expect(expectProblem(res, 409).detail).toMatch(/started/);
    } finally {
      clock.advance({ minutes: -61 });
    }
  });
});

describe('POST /api/sessions/:id/cancel', () => {
  it('lets the host cancel, with or without a reason; cancelled stays readable by id, not in browse', async () => {
    const session = await createSession(host, clock, { title: 'Cancelled soon' });
    const res = await host.client.post<SessionBody>(`/api/sessions/${session.id}/cancel`, {
      json: { reason: 'I am ill' },
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    const read = await ana.client.get<SessionBody>(`/api/sessions/${session.id}`);
    expect(read.body.status).toBe('cancelled');
    const list = await ana.client.get<{ sessions: SessionBody[] }>(
      `/api/sessions?hostId=${host.id}&limit=100`,
    );
    expect(list.body.sessions.map((s) => s.id)).not.toContain(session.id);
    expect(expectProblem(await host.client.post(`/api/sessions/${session.id}/cancel`), 409).detail).toMatch(
      /already cancelled/,
    );
    const register = await ana.client.post(`/api/sessions/${session.id}/registrations`);
    expect(expectProblem(register, 409).detail).toMatch(/cancelled/);
    expectProblem(await host.client.patch(`/api/sessions/${session.id}`, { json: { capacity: 3 } }), 409);

    const bare = await createSession(host, clock);
    expect((await host.client.post(`/api/sessions/${bare.id}/cancel`)).status).toBe(200);
  });

  it('lets a moderator cancel anyone’s session, and nobody else (403)', async () => {
    const session = await createSession(host, clock);
    expectProblem(await ana.client.post(`/api/sessions/${session.id}/cancel`, { json: {} }), 403);
    const res = await mod.client.post<SessionBody>(`/api/sessions/${session.id}/cancel`, {
      json: { reason: 'Spam' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', host: { id: host.id } });
    expect(
      invalidFields(await host.client.post(`/api/sessions/${session.id}/cancel`, { json: { reason: 1 } })),
    ).toEqual(['reason']);
  });
});
