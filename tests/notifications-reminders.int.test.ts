import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/database.ts';
import { PostgresEventStore } from '../src/platform/event-store/postgres.ts';
import { spawnApp, type AppProcess } from './support/app-process.ts';
import { TestClock } from './support/clock.ts';
import { createServerDatabase, dropServerDatabase } from './support/database.ts';
import { scheduledSessions } from './support/scheduled-sessions.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp } from './support/users.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const at = (start: Date, offsetMs: number) => new Date(start.getTime() + offsetMs);

describe('session reminders and sessions held, by the scheduler', () => {
  const clock = new TestClock('2030-01-06T09:00:00.000Z');
  let app: TestApp;
  let sessions: ReturnType<typeof scheduledSessions>;
  let host: string, ana: string, bo: string, cy: string, dee: string;

  beforeAll(async () => {
    app = await startTestApp({}, undefined, { clock: clock.now, timers: false });
    sessions = scheduledSessions(app.platform.deps.store);
    [host, ana, bo, cy, dee] = (
      await Promise.all(['Host', 'Ana', 'Bo', 'Cy', 'Dee'].map((n) => signUp(app.url, n)))
    ).map((u) => u.id) as [string, string, string, string, string];
  });
  afterAll(() => app?.close());

  const tick = async (now: Date) => {
    await app.platform.deps.projections.catchUp();
    return app.jobs.sessions.tick(now);
  };
  const reminded = async (sessionId: string) =>
    (await sessions.eventsOf(sessionId, 'SessionReminderSent')).map((e) => `${e.data.kind} ${e.data.userId}`);

  it('reminds the host and every seat once per kind, with two ticks at once, then records the session held once', async () => {
    const startsAt = new Date('2030-01-08T18:00:00.000Z');
    // Capacity 2: Ana and Bo get seats, Cy waits (no reminders for the waitlist).
    const id = await sessions.schedule({
      hostId: host,
      startsAt,
      now: clock.now(),
      people: [ana, bo, cy],
      capacity: 2,
    });

    expect(await tick(at(startsAt, -25 * HOUR))).toMatchObject({ reminders: 0, held: 0 });

    const day = at(startsAt, -23 * HOUR);
    const [one, two] = await Promise.all([tick(day), tick(day)]);
    expect(one.reminders + two.reminders).toBe(3);
    expect((await reminded(id)).sort()).toEqual([`24h ${ana}`, `24h ${bo}`, `24h ${host}`].sort());
    expect((await tick(day)).reminders).toBe(0);

    // Bo leaves: Cy gets the seat and the 24 h reminder still due; Dee registers late and gets it too.
    await sessions.run(id, { type: 'UnregisterFromSession', userId: bo, now: day }, bo);
    await sessions.run(id, { type: 'RegisterForSession', userId: dee, blocked: false, now: day }, dee);
    await sessions.run(id, { type: 'EditSession', by: host, changes: { capacity: 3 }, now: day }, host);
    const later = at(startsAt, -20 * HOUR);
    const [three, four] = await Promise.all([tick(later), tick(later)]);
    expect(three.reminders + four.reminders).toBe(2);
    expect((await reminded(id)).slice(3).sort()).toEqual([`24h ${cy}`, `24h ${dee}`].sort());

    const soon = at(startsAt, -10 * MINUTE);
    const [five, six] = await Promise.all([tick(soon), tick(soon)]);
    expect(five.reminders + six.reminders).toBe(4);
    expect((await reminded(id)).filter((r) => r.startsWith('15m')).sort()).toEqual(
      [host, ana, cy, dee].map((u) => `15m ${u}`).sort(),
    );
    expect((await tick(at(startsAt, -1 * MINUTE))).reminders).toBe(0);

    expect((await tick(at(startsAt, 30 * MINUTE))).held).toBe(0);
    const ended = at(startsAt, 61 * MINUTE);
    const [seven, eight] = await Promise.all([tick(ended), tick(ended)]);
    expect(seven.held + eight.held).toBe(1);
    const held = await sessions.eventsOf(id, 'SessionHeld');
    expect(held).toHaveLength(1);
    expect(held[0]!.data.attendees.sort()).toEqual([ana, cy, dee].sort());
    expect(await tick(at(startsAt, 2 * HOUR))).toMatchObject({ reminders: 0, held: 0 });
  });

  it('reminds again for a new start time, and never for a cancelled session', async () => {
    const startsAt = new Date('2030-01-10T18:00:00.000Z');
    const now = at(startsAt, -22 * HOUR);
    clock.set(now);
    const moved = await sessions.schedule({ hostId: host, startsAt, now, people: [ana] });
    const cancelled = await sessions.schedule({ hostId: host, startsAt, now, people: [bo] });
    await sessions.run(cancelled, { type: 'CancelSession', by: host, role: 'user', now }, host);

    await tick(now);
    expect(await reminded(moved)).toHaveLength(2);
    expect(await reminded(cancelled)).toEqual([]);

    const newStart = at(startsAt, 2 * HOUR);
    await sessions.run(
      moved,
      { type: 'EditSession', by: host, changes: { startsAt: newStart.toISOString() }, now },
      host,
    );
    expect((await tick(now)).reminders).toBe(2);
    const events = await sessions.eventsOf(moved, 'SessionReminderSent');
    expect(events.map((e) => e.data.startsAt)).toEqual([
      startsAt.toISOString(),
      startsAt.toISOString(),
      newStart.toISOString(),
      newStart.toISOString(),
    ]);
    // A cancelled session is never held either.
    expect((await tick(at(newStart, 3 * HOUR))).held).toBe(1);
    expect(await sessions.eventsOf(cancelled, 'SessionHeld')).toEqual([]);
  });
});

const serverUrl = process.env.DATABASE_URL;

// Two app instances on one Postgres server, each with its own pool, store and command queues: only the
// database is shared, as between two processes. (PGlite is one process; the test above races two ticks.)
describe.skipIf(!serverUrl)('two app instances ticking at once on one Postgres server', () => {
  const clock = new TestClock('2030-02-01T09:00:00.000Z');
  let one: TestApp;
  let two: TestApp;
  let otherDir: string;

  beforeAll(async () => {
    one = await startTestApp({}, undefined, { clock: clock.now, timers: false });
    otherDir = mkdtempSync(path.join(tmpdir(), 'skillswap-test-'));
    two = await startTestApp(
      {},
      { dataDir: otherDir, databaseUrl: one.platform.config.databaseUrl! },
      { clock: clock.now, timers: false },
    );
  });
  afterAll(async () => {
    await two?.stop();
    await one?.close();
    rmSync(otherDir, { recursive: true, force: true });
  });

  it('appends every reminder and every SessionHeld exactly once', async () => {
    const people = (await Promise.all(Array.from({ length: 8 }, (_, i) => signUp(one.url, `P${i}`)))).map(
      (u) => u.id,
    );
    const [hostId, ...guests] = people as [string, ...string[]];
    const sessions = scheduledSessions(one.platform.deps.store);
    const startsAt = new Date('2030-02-02T12:00:00.000Z');
    const ids = await Promise.all(
      Array.from({ length: 6 }, () =>
        sessions.schedule({ hostId, startsAt, now: clock.now(), people: guests }),
      ),
    );
    const tickBoth = async (now: Date) => {
      await Promise.all([one.platform.deps.projections.catchUp(), two.platform.deps.projections.catchUp()]);
      return Promise.all([
        one.jobs.sessions.tick(now),
        two.jobs.sessions.tick(now),
        one.jobs.sessions.tick(now),
        two.jobs.sessions.tick(now),
      ]);
    };
    const sum = (results: { reminders: number; held: number; failed: number }[]) => ({
      reminders: results.reduce((n, r) => n + r.reminders, 0),
      held: results.reduce((n, r) => n + r.held, 0),
      failed: results.reduce((n, r) => n + r.failed, 0),
    });

    expect(sum(await tickBoth(at(startsAt, -20 * HOUR)))).toEqual({ reminders: 6 * 8, held: 0, failed: 0 });
    expect(sum(await tickBoth(at(startsAt, -5 * MINUTE)))).toEqual({ reminders: 6 * 8, held: 0, failed: 0 });
    expect(sum(await tickBoth(at(startsAt, 2 * HOUR)))).toEqual({ reminders: 0, held: 6, failed: 0 });
    for (const id of ids) {
      const sent = await sessions.eventsOf(id, 'SessionReminderSent');
      const keys = sent.map((e) => `${e.data.kind} ${e.data.userId}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).toHaveLength(16);
      expect(await sessions.eventsOf(id, 'SessionHeld')).toHaveLength(1);
    }
  });
});

// The real thing: two `node src/main.ts` processes on one database, each with its own timer ticking every
// 100 ms by the real clock, so their ticks overlap all the time.
describe.skipIf(!serverUrl)('two app processes with their own timers on one Postgres server', () => {
  let databaseUrl: string;
  let one: AppProcess;
  let two: AppProcess;
  let database: DatabaseHandle;
  let store: PostgresEventStore;

  beforeAll(async () => {
    databaseUrl = await createServerDatabase(serverUrl!, 'skillswap_ticks');
    [one, two] = await Promise.all([
      spawnApp(databaseUrl, { SCHEDULER_INTERVAL_MS: '100' }),
      spawnApp(databaseUrl, { SCHEDULER_INTERVAL_MS: '100' }),
    ]);
    database = await openDatabase({ databaseUrl });
    store = await PostgresEventStore.create({ db: database.db });
  });
  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    await store?.close();
    await database?.close();
    if (databaseUrl) await dropServerDatabase(serverUrl!, databaseUrl);
  });

  it('appends each due reminder exactly once', async () => {
    expect(one.pid).not.toBe(two.pid);
    const people = (await Promise.all(Array.from({ length: 6 }, (_, i) => signUp(one.url, `Q${i}`)))).map(
      (u) => u.id,
    );
    const [hostId, ...guests] = people as [string, ...string[]];
    const sessions = scheduledSessions(store);
    const now = new Date();
    // Starting in 10 minutes: the 15-minute reminder is due at once (the 24-hour one is skipped).
    const ids = await Promise.all(
      Array.from({ length: 4 }, () =>
        sessions.schedule({ hostId, startsAt: at(now, 10 * MINUTE), now, people: guests }),
      ),
    );
    const counts = async () =>
      Promise.all(ids.map(async (id) => (await sessions.eventsOf(id, 'SessionReminderSent')).length));
    const deadline = Date.now() + 30_000;
    while ((await counts()).some((n) => n < 6) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    // Both processes keep ticking for a while longer: nothing more may appear.
    await new Promise((r) => setTimeout(r, 1_500));
    for (const id of ids) {
      const sent = await sessions.eventsOf(id, 'SessionReminderSent');
      expect(sent.map((e) => e.data.kind)).toEqual(Array(6).fill('15m'));
      expect(new Set(sent.map((e) => e.data.userId))).toEqual(new Set(people));
    }
  });
});
