import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from './support/clock.ts';
import { giveRole } from './support/doc-world.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import {
  createSession,
  expectProblem,
  invalidFields,
  World,
  type Person,
  type SessionBody,
} from './support/sessions.ts';

// Browsing with filters and pages, my sessions, attendees and attendance, with the app's clock in hand.
const clock = new TestClock('2030-03-01T09:00:00.000Z');
let app: TestApp;
let world: World;
let host: Person;
let other: Person;
let ana: Person;
let mod: Person;

interface Page {
  sessions: SessionBody[];
  nextCursor: string | null;
}

beforeAll(async () => {
  app = await startTestApp({}, undefined, { clock: clock.now });
  world = new World(app.url);
  [host, other, ana, mod] = await Promise.all([
    world.person('Hana Host'),
    world.person('Olga Other'),
    world.person('Ana'),
    world.person('Mo'),
  ]);
  await giveRole(app, mod.id, 'moderator');
});
afterAll(async () => {
  await app?.close();
});

const titles = (page: Page) => page.sessions.map((s) => s.title);

describe('GET /api/sessions', () => {
  let ids: Record<string, string>;

  beforeAll(async () => {
    const make = async (who: Person, title: string, inHours: number, extra: Record<string, unknown> = {}) =>
      [title, (await createSession(who, clock, { title, ...extra }, inHours)).id] as const;
    ids = Object.fromEntries([
      await make(host, 'Guitar tomorrow', 24, { skill: 'Guitar' }),
      await make(host, 'Guitar soon', 2, { skill: 'guitar', level: 'intermediate' }),
      await make(other, 'Classical guitar evening', 30, {
        skill: 'Classical guitar',
        description: 'Señor Müller shows the tremolo',
      }),
      await make(other, 'Python in a week', 24 * 7, {
        skill: 'Python programming',
        level: 'advanced',
        description: null,
      }),
      await make(other, 'JS basics', 50, { skill: 'JS', level: 'beginner', description: 'Closures' }),
      await make(host, 'Ending now', 1, { skill: 'Guitar', durationMinutes: 15 }),
      await make(host, 'Cancelled guitar', 5, { skill: 'Guitar' }),
    ]);
    expect((await host.client.post(`/api/sessions/${ids['Cancelled guitar']}/cancel`)).status).toBe(200);
    clock.advance({ minutes: 80 }); // "Ending now" (starts in 1 h, 15 min) has ended.
  });

  it('lists sessions not ended and not cancelled, soonest first', async () => {
    const page = await ana.client.get<Page>('/api/sessions');
    expect(page.status).toBe(200);
    expect(titles(page.body)).toEqual([
      'Guitar soon',
      'Guitar tomorrow',
      'Classical guitar evening',
      'JS basics',
      'Python in a week',
    ]);
    expect(page.body.nextCursor).toBeNull();
  });

  it('filters by skill fuzzily: typos, case, synonyms, and wider skills', async () => {
    const bySkill = async (skill: string) =>
      titles((await ana.client.get<Page>(`/api/sessions?skill=${encodeURIComponent(skill)}`)).body);
    expect(await bySkill('guitarr')).toEqual(['Guitar soon', 'Guitar tomorrow', 'Classical guitar evening']);
    expect(await bySkill('GUITAR')).toEqual(['Guitar soon', 'Guitar tomorrow', 'Classical guitar evening']);
    expect(await bySkill('classical guitar')).toEqual(['Classical guitar evening']);
    expect(await bySkill('pyhton')).toEqual(['Python in a week']);
    expect(await bySkill('JavaScript')).toEqual(['JS basics']);
    expect(await bySkill('Cooking')).toEqual([]);
  });

  it('filters by level, time window, text and host', async () => {
    const get = async (query: string) => titles((await ana.client.get<Page>(`/api/sessions?${query}`)).body);
    expect(await get('level=intermediate')).toEqual(['Guitar soon']);
    const from = new Date(clock.now().getTime() + 20 * 3_600_000).toISOString();
    const to = new Date(clock.now().getTime() + 48 * 3_600_000).toISOString();
    expect(await get(`from=${from}&to=${to}`)).toEqual(['Guitar tomorrow', 'Classical guitar evening']);
    expect(await get('q=senor%20MULL')).toEqual(['Classical guitar evening']);
    expect(await get('q=guitar')).toEqual(['Guitar soon', 'Guitar tomorrow', 'Classical guitar evening']);
    expect(await get(`hostId=${host.id}`)).toEqual(['Guitar soon', 'Guitar tomorrow']);
    // An explicit `from` in the past shows ended sessions too (never cancelled ones).
    const past = new Date(clock.now().getTime() - 24 * 3_600_000).toISOString();
    const withEnded = await ana.client.get<Page>(`/api/sessions?hostId=${host.id}&from=${past}`);
    expect(withEnded.body.sessions.map((s) => [s.title, s.status])).toEqual([
      ['Ending now', 'ended'],
      ['Guitar soon', 'scheduled'],
      ['Guitar tomorrow', 'scheduled'],
    ]);
  });

  it('pages with limit and nextCursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `limit=2&cursor=${cursor}` : 'limit=2';
      const page = await ana.client.get<Page>(`/api/sessions?${query}`);
      expect(page.status).toBe(200);
      expect(page.body.sessions.length).toBeLessThanOrEqual(2);
      seen.push(...titles(page.body));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(titles((await ana.client.get<Page>('/api/sessions')).body));
  });

  it('refuses bad filters with 422 naming them', async () => {
    const bad = async (query: string) => invalidFields(await ana.client.get(`/api/sessions?${query}`));
    expect(await bad('limit=0')).toEqual(['limit']);
    expect(await bad('limit=101')).toEqual(['limit']);
    expect(await bad('level=guru')).toEqual(['level']);
    expect(await bad('from=yesterday')).toEqual(['from']);
    expect(await bad('hostId=me')).toEqual(['hostId']);
    expect(await bad('cursor=bogus')).toEqual(['cursor']);
  });

  it('is readable signed out', async () => {
    const page = await world.client().get<Page>('/api/sessions?limit=1');
    expect(page.status).toBe(200);
    expect(page.body.sessions[0]).toMatchObject({ myRegistration: null, meetingUrl: null });
  });
});

describe('GET /api/me/sessions', () => {
  it('lists what I host and what I registered or wait for, upcoming first then past', async () => {
    const me = await world.person('Mira');
    const guest = await world.person('Gus');
    const later = await createSession(me, clock, { title: 'Mine later' }, 72);
    const sooner = await createSession(me, clock, { title: 'Mine sooner' }, 3);
    const past = await createSession(me, clock, { title: 'Mine past' }, 1);
    const attend = await createSession(host, clock, { title: 'Attending', capacity: 1 }, 10);
    const wait = await createSession(other, clock, { title: 'Waiting', capacity: 1 }, 5);
    const left = await createSession(other, clock, { title: 'Left' }, 6);
    await guest.client.post(`/api/sessions/${wait.id}/registrations`);
    for (const id of [attend.id, wait.id, left.id])
      expect((await me.client.post(`/api/sessions/${id}/registrations`)).status).toBe(201);
    expect((await me.client.request('DELETE', `/api/sessions/${left.id}/registrations/me`)).status).toBe(204);
    clock.advance({ hours: 2 });
    try {
      const res = await me.client.get<{ hosting: SessionBody[]; attending: SessionBody[] }>(
        '/api/me/sessions',
      );
      expect(res.status).toBe(200);
      expect(res.body.hosting.map((s) => [s.title, s.status])).toEqual([
        ['Mine sooner', 'scheduled'],
        ['Mine later', 'scheduled'],
        ['Mine past', 'ended'],
      ]);
      expect(res.body.attending.map((s) => [s.title, s.myRegistration, s.waitlistPosition])).toEqual([
        ['Waiting', 'waitlisted', 1],
        ['Attending', 'registered', null],
      ]);
      expect(res.body.hosting.map((s) => s.id)).toEqual([sooner.id, later.id, past.id]);
      expectProblem(await world.client().get('/api/me/sessions'), 401);
    } finally {
      clock.advance({ hours: -2 });
    }
  });
});

describe('attendees and attendance', () => {
  it('shows attendees in arrival order to the host and staff only', async () => {
    const session = await createSession(host, clock, { capacity: 1 }, 4);
    const bo = await world.person('Bo');
    await ana.client.post(`/api/sessions/${session.id}/registrations`);
    await bo.client.post(`/api/sessions/${session.id}/registrations`);
    await other.client.post(`/api/sessions/${session.id}/registrations`);
    await other.client.request('DELETE', `/api/sessions/${session.id}/registrations/me`);
    interface Attendees {
      attendees: { user: { id: string }; status: string; attended: boolean | null; registeredAt: string }[];
    }
    const res = await host.client.get<Attendees>(`/api/sessions/${session.id}/attendees`);
    expect(res.status).toBe(200);
    expect(res.body.attendees.map((a) => [a.user.id, a.status, a.attended])).toEqual([
      [ana.id, 'registered', null],
      [bo.id, 'waitlisted', null],
      [other.id, 'cancelled', null],
    ]);
    expect((await mod.client.get(`/api/sessions/${session.id}/attendees`)).status).toBe(200);
    expectProblem(await ana.client.get(`/api/sessions/${session.id}/attendees`), 403);
    expectProblem(await world.client().get(`/api/sessions/${session.id}/attendees`), 401);
  });

  it('lets the host mark attendance from the start until 7 days after the end', async () => {
    const session = await createSession(host, clock, {}, 1);
    await ana.client.post(`/api/sessions/${session.id}/registrations`);
    const mark = (who: Person, userId: string, attended: boolean) =>
      who.client.put(`/api/sessions/${session.id}/attendance/${userId}`, { json: { attended } });
    expect(expectProblem(await mark(host, ana.id, true), 409).detail).toMatch(/once the session starts/);
    clock.advance({ minutes: 70 });
    try {
      expect((await mark(host, ana.id, false)).status).toBe(204);
      expect((await mark(host, ana.id, false)).status).toBe(204);
      expectProblem(await mark(ana, ana.id, true), 403);
      expectProblem(await mark(host, other.id, true), 404);
      expectProblem(await mark(host, host.id, true), 422);
      expect(
        invalidFields(
          await host.client.put(`/api/sessions/${session.id}/attendance/${ana.id}`, {
            json: { attended: 'yes' },
          }),
        ),
      ).toEqual(['attended']);
      const list = await host.client.get<{ attendees: { attended: boolean | null }[] }>(
        `/api/sessions/${session.id}/attendees`,
      );
      expect(list.body.attendees[0]!.attended).toBe(false);
      clock.advance({ days: 7, hours: 1 }); // the end (12:20) plus 7 days has passed
      expect(expectProblem(await mark(host, ana.id, true), 409).detail).toMatch(/7 days/);
    } finally {
      clock.set('2030-03-01T10:20:00.000Z');
    }
  });
});
