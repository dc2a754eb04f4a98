import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationsProjection } from '../../projections/notifications.ts';
import { sessionScheduleProjection } from '../../projections/session-schedule.ts';
import { sessionsProjection } from '../../projections/sessions.ts';
import { sessionEvents, sessionStream } from '../../src/features/sessions/events.ts';
import { sessionAggregate } from '../../src/features/sessions/session.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import type { RecordedEvent } from '../../src/platform/event-store/port.ts';
import { PostgresEventStore } from '../../src/platform/event-store/postgres.ts';
import type { Projection } from '../../src/platform/projections/projection.ts';
import { createTestDatabase } from '../support/database.ts';
import { sessionCommands } from '../support/session-commands.ts';

// The session read models write a run of registrations in a few multi-row statements (`runs` in
// defineProjection). Whatever the batches, the tables must be what one event at a time leaves.
const projections: Projection[] = [sessionsProjection, sessionScheduleProjection, notificationsProjection];
const tables = [...new Set(projections.flatMap((p) => p.tables))].sort();

describe('session read models, a run of registrations at once', () => {
  let database: DatabaseHandle;
  let store: PostgresEventStore;
  let events: RecordedEvent[];
  let sessions: string[];
  let host: string;

  const snapshot = async () => {
    const out: Record<string, unknown[]> = {};
    for (const table of tables)
      out[table] = (
        await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(database.db)
      ).rows
        .map((r) => JSON.stringify(r))
        .sort();
    return out;
  };
  const empty = async () => {
    for (const table of tables) await sql`delete from ${sql.table(table)}`.execute(database.db);
  };
  const applyIn = async (batches: RecordedEvent[][]) => {
    for (const batch of batches)
      await database.db.transaction().execute(async (tx) => {
        for (const p of projections) await p.apply(tx, batch);
      });
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    store = await PostgresEventStore.create({ db: database.db, pool: database.pool });
    host = randomUUID();
    const people = Array.from({ length: 14 }, () => randomUUID());
    sessions = [randomUUID(), randomUUID()];
    const startsAt = new Date(Date.now() + 48 * 3_600_000).toISOString();
    const { run } = sessionCommands(store);
    const now = new Date();
    for (const [i, sessionId] of sessions.entries())
      await run(sessionId, {
        type: 'ScheduleSession',
        sessionId,
        hostId: host,
        fields: {
          title: `Session ${i}`,
          description: null,
          skill: 'Guitar',
          level: 'beginner',
          startsAt,
          durationMinutes: 60,
          capacity: 3,
          meetingUrl: null,
        },
        timeZone: null,
        now,
      });
    const register = (sessionId: string, userId: string) =>
      run(sessionId, { type: 'RegisterForSession', userId, blocked: false, now });
    const leave = (sessionId: string, userId: string) =>
      run(sessionId, { type: 'UnregisterFromSession', userId, now });
    // Both sessions fill and grow a line, their registrations interleaved in the log.
    for (const userId of people.slice(0, 10)) {
      await register(sessions[0]!, userId);
      await register(sessions[1]!, userId);
    }
    // Seats free up (promotions) and people come back to the end of the line.
    await leave(sessions[0]!, people[0]!);
    await leave(sessions[0]!, people[4]!);
    await register(sessions[0]!, people[0]!);
    await register(sessions[0]!, people[4]!);
    for (const userId of people.slice(10)) await register(sessions[0]!, userId);
    await leave(sessions[1]!, people[1]!);
    await run(sessions[1]!, { type: 'EditSession', by: host, changes: { capacity: 6 }, now });
    for (const userId of people.slice(10)) await register(sessions[1]!, userId);
    await register(sessions[1]!, people[1]!);
    events = await store.readAll({ limit: 10_000 });
    expect(events.filter((e) => e.type === 'SessionRegistrationAdded').length).toBeGreaterThan(25);
    expect(events.filter((e) => e.type === 'SessionWaitlistPromoted').length).toBeGreaterThan(2);
  });

  afterAll(async () => {
    await store.close();
    await database.close();
  });

  /** What each table must say of a session, from its stream folded by the aggregate. */
  const expected = async (sessionId: string) => {
    let state = sessionAggregate.initial;
    for (const e of await store.readStream(sessionStream(sessionId)))
      state = sessionAggregate.evolve(state, sessionEvents.decode(e));
    if (state.status === 'unscheduled') throw new Error('no session');
    const line = state.registrations.map((r) => [r.userId, r.status]);
    const holding = (status: string) =>
      state.registrations.filter((r) => r.status === status).map((r) => r.userId);
    return { line, registered: holding('registered'), waitlisted: holding('waitlisted') };
  };
  const actual = async (sessionId: string) => {
    const line = await database.db
      .selectFrom('session_registrations')
      .select(['user_id', 'status'])
      .where('session_id', '=', sessionId)
      .orderBy('seq')
      .execute();
    const counts = await database.db
      .selectFrom('sessions')
      .select(['registered', 'waitlisted'])
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow();
    const ids = async (table: 'session_schedule_people' | 'notification_session_people') =>
      (await database.db.selectFrom(table).select('user_id').where('session_id', '=', sessionId).execute())
        .map((r) => r.user_id)
        .sort();
    return {
      line: line.map((r) => [r.user_id, r.status]),
      counts,
      reminded: await ids('session_schedule_people'),
      told: await ids('notification_session_people'),
    };
  };

  it('holds each session as its stream says, after the whole log in one batch', async () => {
    await empty();
    await applyIn([events]);
    for (const sessionId of sessions) {
      const want = await expected(sessionId);
      const got = await actual(sessionId);
      expect(got.line).toEqual(want.line);
      expect(got.counts).toEqual({ registered: want.registered.length, waitlisted: want.waitlisted.length });
      expect(want.waitlisted.length).toBeGreaterThan(0);
      expect(got.reminded).toEqual([host, ...want.registered].sort());
      expect(got.told).toEqual([...want.registered, ...want.waitlisted].sort());
    }
  });

  it('leaves the tables one event at a time would, in any batching, and again when applied twice', async () => {
    await empty();
    await applyIn(events.map((e) => [e]));
    const oneByOne = await snapshot();
    expect(oneByOne.session_registrations!.length).toBe(2 * 14);

    await empty();
    await applyIn([events]);
    expect(await snapshot()).toEqual(oneByOne);

    // Batches cut at odd places, including inside runs.
    await empty();
    const cuts: RecordedEvent[][] = [];
    for (let i = 0; i < events.length; i += 7) cuts.push(events.slice(i, i + 7));
    await applyIn(cuts);
    expect(await snapshot()).toEqual(oneByOne);

    // Applied again over the kept tables (a replay): nothing changes.
    await applyIn([events]);
    expect(await snapshot()).toEqual(oneByOne);
  });
});
