import ICAL from 'ical.js';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from './support/clock.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { createSession, expectProblem, World, type Person } from './support/sessions.ts';

// Calendars over HTTP, read back with Mozilla's ical.js as Thunderbird reads them.
const clock = new TestClock('2030-04-01T09:00:00.000Z');
let app: TestApp;
let world: World;
let host: Person;
let ana: Person;
let bo: Person;

beforeAll(async () => {
  app = await startTestApp({}, undefined, { clock: clock.now });
  world = new World(app.url);
  [host, ana, bo] = await Promise.all([world.person('Hana Host'), world.person('Ana'), world.person('Bo')]);
  expect((await host.client.patch('/api/me', { json: { timezone: 'Europe/Berlin' } })).status).toBe(200);
});
afterAll(async () => {
  await app?.close();
});

function parse(ics: string) {
  // One VCALENDAR parses to one jCal array; ical.js types it `any`.
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  const events = calendar.getAllSubcomponents('vevent').map((component) => ({
    component,
    event: new ICAL.Event(component),
  }));
  return { calendar, events };
}

async function fetchIcs(client: { get: Person['client']['get'] }, path: string) {
  const res = await client.get(path);
  expect(res.status, res.bytes.toString('utf8')).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  return parse(res.bytes.toString('utf8'));
}

describe('GET /api/sessions/:id/calendar.ics', () => {
  it('keeps the UID, raises SEQUENCE on an edit, and cancels with STATUS:CANCELLED', async () => {
    const session = await createSession(host, clock, { title: 'Guitar; chords, and more', capacity: 1 });
    await ana.client.post(`/api/sessions/${session.id}/registrations`);
    const path = `/api/sessions/${session.id}/calendar.ics`;

    const first = await fetchIcs(ana.client, path);
    expect(first.calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(first.events).toHaveLength(1);
    const { event, component } = first.events[0]!;
    expect(event.uid).toBe(`${session.id}@skillswap`);
    expect(event.sequence).toBe(0);
    expect(event.summary).toBe('Guitar; chords, and more');
    expect(event.startDate.toJSDate().toISOString()).toBe(session.startsAt);
    expect(event.endDate.toJSDate().toISOString()).toBe(session.endsAt);
    expect(component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(component.getFirstPropertyValue('url')).toBe('https://meet.example.com/guitar');
    expect(component.getFirstPropertyValue('x-skillswap-tzid')).toBe('Europe/Berlin');

    // Someone without a seat, or signed out, gets no link.
    await bo.client.post(`/api/sessions/${session.id}/registrations`);
    const waiting = await fetchIcs(bo.client, path);
    expect(waiting.events[0]!.component.getFirstPropertyValue('url')).toBeNull();
    const anonymous = await fetchIcs(world.client(), path);
    expect(anonymous.events[0]!.component.getFirstPropertyValue('url')).toBeNull();

    const later = new Date(Date.parse(session.startsAt) + 2 * 3_600_000).toISOString();
    expect(
      (await host.client.patch(`/api/sessions/${session.id}`, { json: { startsAt: later } })).status,
    ).toBe(200);
    const edited = (await fetchIcs(ana.client, path)).events[0]!.event;
    expect(edited.uid).toBe(`${session.id}@skillswap`);
    expect(edited.sequence).toBe(1);
    expect(edited.startDate.toJSDate().toISOString()).toBe(later);

    expect((await host.client.post(`/api/sessions/${session.id}/cancel`)).status).toBe(200);
    const cancelled = await fetchIcs(ana.client, path);
    expect(cancelled.calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancelled.events[0]!.event.uid).toBe(`${session.id}@skillswap`);
    expect(cancelled.events[0]!.event.sequence).toBe(2);
    expect(cancelled.events[0]!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('answers 404 for an unknown session and 422 for a malformed id', async () => {
    expectProblem(await ana.client.get(`/api/sessions/${randomUUID()}/calendar.ics`), 404);
    expectProblem(await ana.client.get('/api/sessions/nope/calendar.ics'), 422);
  });
});

describe('the private calendar feed', () => {
  it('serves my sessions without a cookie, keeps its URL, and a renewal retires the old one', async () => {
    const me = await world.person('Mira');
    expectProblem(await world.client().get('/api/me/calendar'), 401);
    const res = await me.client.get<{ url: string }>('/api/me/calendar');
    expect(res.status).toBe(200);
    const url = new URL(res.body.url);
    expect(url.origin).toBe(new URL(app.url).origin);
    expect(url.pathname).toMatch(/^\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect((await me.client.get<{ url: string }>('/api/me/calendar')).body.url).toBe(res.body.url);

    const hosting = await createSession(me, clock, { title: 'I host this' }, 5);
    const seat = await createSession(host, clock, { title: 'I have a seat', capacity: 1 }, 6);
    const full = await createSession(host, clock, { title: 'I wait for this', capacity: 1 }, 7);
    const cancelled = await createSession(host, clock, { title: 'Called off' }, 8);
    await createSession(host, clock, { title: 'Not mine' }, 9);
    await me.client.post(`/api/sessions/${seat.id}/registrations`);
    await ana.client.post(`/api/sessions/${full.id}/registrations`);
    await me.client.post(`/api/sessions/${full.id}/registrations`);
    await me.client.post(`/api/sessions/${cancelled.id}/registrations`);
    const cancel = await host.client.post(`/api/sessions/${cancelled.id}/cancel`);

    // No cookie at all: a calendar app.
    const anonymous = world.client();
    const feedOf = (href: string) =>
      anonymous.get(new URL(href).pathname, {
        headers: { 'x-min-position': cancel.headers.get('x-position')! },
      });
    const feed = await feedOf(res.body.url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const { calendar, events } = parse(feed.bytes.toString('utf8'));
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(events.map((e) => [e.event.summary, e.component.getFirstPropertyValue('status')])).toEqual([
      ['I host this', 'CONFIRMED'],
      ['I have a seat', 'CONFIRMED'],
      ['Called off', 'CANCELLED'],
    ]);
    expect(events[1]!.component.getFirstPropertyValue('url')).toBe('https://meet.example.com/guitar');
    expect(events.map((e) => e.event.uid)).toEqual(
      [hosting.id, seat.id, cancelled.id].map((id) => `${id}@skillswap`),
    );

    const renewed = await me.client.post<{ url: string }>('/api/me/calendar/renew');
    expect(renewed.status).toBe(200);
    expect(renewed.body.url).not.toBe(res.body.url);
    expect((await me.client.get<{ url: string }>('/api/me/calendar')).body.url).toBe(renewed.body.url);
    const after = { headers: { 'x-min-position': renewed.headers.get('x-position')! } };
    expectProblem(await anonymous.get(url.pathname, after), 404);
    expect((await anonymous.get(new URL(renewed.body.url).pathname, after)).status).toBe(200);

    expectProblem(await anonymous.get(`/api/calendar/${'A'.repeat(43)}.ics`), 404);
    expectProblem(await anonymous.get('/api/calendar/short.ics'), 404);
    expectProblem(
      await anonymous.get(`/api/calendar/${new URL(renewed.body.url).pathname.slice(14, -4)}`),
      404,
    );
  });

  it('keeps only the token hash in the log and the read model', async () => {
    const me = await world.person('Secretive');
    const { body } = await me.client.get<{ url: string }>('/api/me/calendar');
    const token = /\/api\/calendar\/([^/]+)\.ics$/.exec(body.url)![1]!;
    const events = await app.platform.deps.store.readStream(`calendar-${me.id}`);
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(token);
    const rows = await app.platform.deps.db.selectFrom('calendar_feeds').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
  });
});
