import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchingProjection } from '../projections/matching.ts';
import { browseSessions, findSessionRow, registrationsOf } from '../projections/session-queries.ts';
import { sessionsProjection } from '../projections/sessions.ts';
import { usersProjection } from '../projections/users.ts';
import { calendarFeedAggregate, decideCalendarFeed } from '../src/features/sessions/calendar-feed.ts';
import { calendarFeedStream, sessionStream } from '../src/features/sessions/events.ts';
import { decideSession, type SessionCommand } from '../src/features/sessions/session.decide.ts';
import { sessionAggregate } from '../src/features/sessions/session.ts';
import { handleCommand } from '../src/platform/commands.ts';
import type { DatabaseHandle } from '../src/platform/db/database.ts';
import type { RecordedEvent } from '../src/platform/event-store/port.ts';
import { PostgresEventStore } from '../src/platform/event-store/postgres.ts';
import type { Projection } from '../src/platform/projections/projection.ts';
import { ProjectionRunner } from '../src/platform/projections/runner.ts';
import { createTestDatabase } from './support/database.ts';
import { systemMetadata } from './support/events.ts';
import { replayOverKeptTables } from './support/replay.ts';
import { userEventsFor } from './support/user-commands.ts';

// The sessions read model: every event applied twice changes nothing, and a rebuild equals the live tables.
const projections: Projection[] = [usersProjection, matchingProjection, sessionsProjection];
const HOUR = 3_600_000;

describe('sessions read model', () => {
  let database: DatabaseHandle & { url?: string };
  let store: PostgresEventStore;
  let runner: ProjectionRunner;
  const [host, ana, bo, cy] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const [guitar, python] = [randomUUID(), randomUUID()];
  const soon = new Date(Date.now() + 48 * HOUR);
  const startsAt = soon.toISOString();
  const now = () => new Date();

  const run = (sessionId: string, command: SessionCommand) =>
    handleCommand(
      store,
      sessionStream(sessionId),
      sessionAggregate,
      (s) => decideSession(command, s),
      systemMetadata(),
    );
  const fields = (title: string, skill: string) => ({
    title,
    description: `About ${title}`,
    skill,
    level: 'beginner',
    startsAt,
    durationMinutes: 60,
    capacity: 2,
    meetingUrl: 'https://meet.example.com/x',
  });

  const snapshot = async () => ({
    sessions: (await sql`select *, search::text as search from sessions order by id`.execute(database.db))
      .rows,
    registrations: (
      await sql`select * from session_registrations order by session_id, user_id`.execute(database.db)
    ).rows,
    skills: (await sql`select * from session_skills order by skill_id`.execute(database.db)).rows,
    feeds: (await sql`select * from calendar_feeds order by user_id`.execute(database.db)).rows,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    store = await PostgresEventStore.create({ db: database.db, pool: database.pool });
    runner = new ProjectionRunner(database.db, store, projections);
    await runner.start();
    for (const [userId, name] of [
      [host, 'Host'],
      [ana, 'Ana'],
      [bo, 'Bo'],
      [cy, 'Cy'],
    ] as const) {
      await userEventsFor(store, userId, [
        {
          type: 'RegisterUser',
          userId,
          email: `${userId}@example.com`,
          displayName: name,
          passwordHash: 'x',
          role: 'user',
        },
      ]);
    }
    // A profile lists "Python programming", so "python" is a canonical skill sessions can resolve to.
    await userEventsFor(store, ana, [
      { type: 'ChangeSkills', teach: [], learn: [{ name: 'Python programming', level: 'beginner' }] },
    ]);
    await runner.catchUp();

    await run(guitar, {
      type: 'ScheduleSession',
      sessionId: guitar,
      hostId: host,
      fields: fields('Fingerstyle guitar', 'Guitarr'),
      timeZone: 'Europe/Berlin',
      now: now(),
    });
    await run(python, {
      type: 'ScheduleSession',
      sessionId: python,
      hostId: host,
      fields: fields('Pyhton for kids', 'Pyhton'),
      timeZone: null,
      now: now(),
    });
    for (const userId of [ana, bo, cy])
      await run(guitar, { type: 'RegisterForSession', userId, blocked: false, now: now() });
    await runner.catchUp();
    await run(guitar, { type: 'UnregisterFromSession', userId: ana, now: now() }); // cy promoted
    await run(guitar, { type: 'RegisterForSession', userId: ana, blocked: false, now: now() }); // waits again
    await run(guitar, {
      type: 'EditSession',
      by: host,
      changes: { capacity: 3, title: 'Fingerstyle guitar 2' },
      now: now(),
    });
    await run(guitar, {
      type: 'EditSession',
      by: host,
      changes: { skill: 'Classical guitar', description: null },
      now: now(),
    });
    await run(python, { type: 'RegisterForSession', userId: bo, blocked: false, now: now() });
    await run(python, { type: 'CancelSession', by: host, role: 'user', reason: 'Ill', now: now() });
    const during = new Date(soon.getTime() + 10 * 60_000);
    await run(guitar, { type: 'MarkAttendance', by: host, userId: bo, attended: true, now: during });
    await run(guitar, { type: 'MarkAttendance', by: host, userId: cy, attended: false, now: during });
    await run(guitar, { type: 'RecordDueReminders', kind: '15m', now: new Date(soon.getTime() - 60_000) });
    await run(guitar, { type: 'RecordSessionHeld', now: new Date(soon.getTime() + 2 * HOUR) });
    for (const [nonce, replaces] of [
      ['n1', null],
      ['n2', 'h1'],
    ] as const) {
      await handleCommand(
        store,
        calendarFeedStream(cy),
        calendarFeedAggregate,
        (s) =>
          decideCalendarFeed(
            { type: 'IssueCalendarFeed', userId: cy, nonce, tokenHash: `h${nonce.slice(1)}`, replaces },
            s,
          ),
        systemMetadata(),
      );
    }
    expect(await runner.catchUp()).toBe(true);
  });

  afterAll(async () => {
    await runner.stop();
    await store.close();
    await database.close();
  });

  it('holds what happened: counts, the line, attendance, skills, cancellation, the feed', async () => {
    const row = await findSessionRow(database.db, guitar, ana);
    expect(row).toMatchObject({
      title: 'Fingerstyle guitar 2',
      description: null,
      skill: 'Classical guitar',
      capacity: 3,
      registered: 3,
      waitlisted: 0,
      sequence: 2,
      status: 'scheduled',
      myStatus: 'registered',
      timeZone: 'Europe/Berlin',
    });
    expect((await registrationsOf(database.db, guitar)).map((r) => [r.userId, r.status, r.attended])).toEqual(
      [
        [bo, 'registered', true],
        [cy, 'registered', false],
        [ana, 'registered', null],
      ],
    );
    const cancelled = await findSessionRow(database.db, python, bo);
    expect(cancelled).toMatchObject({ status: 'cancelled', sequence: 1, myStatus: 'registered' });
    const skills = (
      await sql<{ skill_id: string }>`select skill_id from session_skills order by 1`.execute(database.db)
    ).rows;
    // "Guitarr" had no canonical skill to join (filed under its own key); "Pyhton" joined "python".
    expect(skills.map((s) => s.skill_id)).toEqual(['classical guitar', 'guitarr', 'python']);
    const page = await browseSessions(database.db, { skill: 'guitar', limit: 10 }, null, now());
    expect(page.rows.map((r) => r.id)).toEqual([guitar]);
    const feeds = (
      await sql<{ token_hash: string }>`select token_hash from calendar_feeds`.execute(database.db)
    ).rows;
    expect(feeds).toEqual([{ token_hash: 'h2' }]);
  });

  it('a rebuild equals the live tables, and so does applying every event a second time', async () => {
    const live = await snapshot();
    expect(live.sessions).toHaveLength(2);
    for (const name of runner.names) await runner.rebuild(name);
    expect(await runner.catchUp()).toBe(true);
    expect(await snapshot()).toEqual(live);

    await runner.stop();
    await replayOverKeptTables(database.db, store, projections);
    expect(await snapshot()).toEqual(live);
  });

  it('applying each event twice in a row, or a redelivered old event alone, changes nothing', async () => {
    const history = await store.readAll();
    const applyAll = async (events: readonly RecordedEvent[]) => {
      await database.db.transaction().execute(async (trx) => {
        for (const p of projections) {
          const handles = p.handles;
          await p.apply(
            trx,
            events.filter((e) => handles === 'all' || handles.includes(e.type)),
          );
        }
      });
    };
    const reset = async () => {
      for (const p of projections)
        for (const table of p.tables) await sql`delete from ${sql.table(table)}`.execute(database.db);
    };
    await reset();
    await applyAll(history);
    const once = await snapshot();
    await reset();
    await applyAll(history.flatMap((e) => [e, e]));
    expect(await snapshot()).toEqual(once);
    for (const event of history.filter((e) => sessionsProjection.handles.includes(e.type))) {
      await applyAll([event]);
      expect(await snapshot(), `${event.type} at ${event.position}`).toEqual(once);
    }
  });
});
