import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createReputationProjection,
  reputationProjection,
  reputationsOf,
} from '../projections/reputation.ts';
import { levelHistoryOf, skillLevelsProjection } from '../projections/skill-levels.ts';
import { BADGE_RULES_VERSION, badgeRules } from '../src/features/reviews/events.ts';
import type { DatabaseHandle } from '../src/platform/db/database.ts';
import type { RecordedEvent } from '../src/platform/event-store/port.ts';
import { PostgresEventStore } from '../src/platform/event-store/postgres.ts';
import type { Projection } from '../src/platform/projections/projection.ts';
import { ProjectionRunner } from '../src/platform/projections/runner.ts';
import { createTestDatabase } from './support/database.ts';
import { replayOverKeptTables } from './support/replay.ts';
import { sessionCommands } from './support/session-commands.ts';
import { userEventsFor } from './support/user-commands.ts';

const projections: Projection[] = [reputationProjection, skillLevelsProjection];
const HOUR = 3_600_000;
const T0 = new Date('2030-01-10T10:00:00.000Z');
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

describe('reviews, reputation, badges and skill levels read models', () => {
  let database: DatabaseHandle & { url?: string };
  let store: PostgresEventStore;
  let live: ProjectionRunner;
  let history: RecordedEvent[];
  const [host, ada, bo, cy] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const s: Record<string, string> = {};
  const reviewIds = { ada: randomUUID(), bo: randomUUID() };

  beforeAll(async () => {
    database = await createTestDatabase();
    store = await PostgresEventStore.create({ db: database.db, pool: database.pool });
    // Live from the first event: the tables a running app builds, compared below with a rebuild.
    live = new ProjectionRunner(database.db, store, projections);
    await live.start();
    const { run, hostSession } = sessionCommands(store);
    for (const userId of [host, ada, bo, cy])
      await userEventsFor(store, userId, [
        {
          type: 'RegisterUser',
          userId,
          email: `${userId}@example.com`,
          displayName: 'P',
          passwordHash: 'x',
          role: 'user',
        },
      ]);
    const guitar = (level: 'beginner' | 'intermediate') => ({
      type: 'ChangeSkills' as const,
      teach: [],
      learn: [{ name: 'Guitar', level }],
    });
    await userEventsFor(store, ada, [
      guitar('beginner'),
      {
        type: 'ChangeSkills',
        teach: [{ name: 'Chess', level: 'expert' }],
        learn: [{ name: 'Guitar', level: 'beginner' }],
      },
      guitar('intermediate'),
    ]);

    // 1: Ada and Bo attend and review; the host replies to Ada.
    s.one = (await hostSession({ hostId: host, attendees: [ada, bo], startsAt: T0 })).sessionId;
    await run(s.one, {
      type: 'WriteReview',
      reviewId: reviewIds.ada,
      authorId: ada,
      rating: 5,
      comment: 'Great',
      now: at(2),
    });
    await run(s.one, { type: 'WriteReview', reviewId: reviewIds.bo, authorId: bo, rating: 4, now: at(3) });
    await run(s.one, {
      type: 'ReplyToReview',
      reviewId: reviewIds.ada,
      by: host,
      body: 'Thanks!',
      now: at(4),
    });
    // 2: Cy registered but was marked absent: held without attendees, not (yet) a session hosted.
    s.two = (await hostSession({ hostId: host, attendees: [cy], absent: [cy], startsAt: at(24) })).sessionId;
    // 3: held with Ada and Cy; the host marks Cy absent a day after it was held.
    s.three = (
      await hostSession({ hostId: host, attendees: [ada, cy], startsAt: at(48), skill: 'guitar lessons' })
    ).sessionId;
    await run(s.three, { type: 'MarkAttendance', by: host, userId: cy, attended: false, now: at(73) });
    // ...and, in session 2's attendance window, marks Cy present there after all: 2 now counts.
    await run(s.two, { type: 'MarkAttendance', by: host, userId: cy, attended: true, now: at(74) });
    // 4: cancelled before it started: never held.
    s.four = (await hostSession({ hostId: host, attendees: [ada], startsAt: at(96), held: false })).sessionId;
    await run(s.four, { type: 'CancelSession', by: host, role: 'user', now: at(90) });
    await run(s.four, { type: 'RecordSessionHeld', now: at(100) });

    history = await store.readAll();
    await live.catchUp();
  });

  afterAll(async () => {
    await live?.stop();
    await store?.close();
    await database?.close();
  });

  const tables = [
    'reputation_sessions',
    'reputation_attendees',
    'reviews',
    'reputations',
    'reputation_platform',
    'user_badges',
    'skill_level_history',
  ] as const;

  async function snapshot() {
    const result: Record<string, unknown[]> = {};
    for (const table of tables) {
      const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
        database.db,
      );
      result[table] = rows.map((r) => JSON.stringify(r)).sort();
    }
    return result;
  }

  async function reset() {
    for (const table of tables) await sql`delete from ${sql.table(table)}`.execute(database.db);
  }

  async function applyAll(events: readonly RecordedEvent[]) {
    await database.db.transaction().execute(async (trx) => {
      for (const p of projections) {
        const handles = p.handles;
        await p.apply(
          trx,
          events.filter((e) => handles === 'all' || handles.includes(e.type)),
        );
      }
    });
  }

  const eventAt = (type: string, sessionId?: string) =>
    history.find((e) => e.type === type && (!sessionId || e.streamName === `session-${sessionId}`))!.metadata
      .occurredAt;

  it('counts reviews, sessions hosted and students taught by the rules of docs/api.md', async () => {
    const reputation = (await reputationsOf(database.db, [host, ada, bo, cy])).get(host)!;
    // Bayesian with the fallback prior 4.0 (two reviews platform-wide): (5·4 + 9) / (5 + 2) = 4.14.
    expect(reputation).toMatchObject({
      rating: 4.14,
      reviews: 2,
      averageRating: 4.5,
      sessionsHosted: 3,
      studentsTaught: 3,
    });
    const rows = await database.db.selectFrom('reputations').selectAll().orderBy('user_id').execute();
    const byUser = new Map(rows.map((r) => [r.user_id, r]));
    expect(byUser.get(ada)).toMatchObject({ sessions_attended: 2, reviews_written: 1 });
    expect(byUser.get(bo)).toMatchObject({ sessions_attended: 1, reviews_written: 1 });
    expect(byUser.get(cy)).toMatchObject({ sessions_attended: 1 });
    const review = await database.db
      .selectFrom('reviews')
      .selectAll()
      .where('id', '=', reviewIds.ada)
      .executeTakeFirstOrThrow();
    expect(review).toMatchObject({
      rating: 5,
      comment: 'Great',
      reply_body: 'Thanks!',
      host_id: host,
      author_id: ada,
    });
  });

  it('stamps badges with the time of the event that earned them and never takes them back', async () => {
    const badges = await reputationsOf(database.db, [host, ada, cy]);
    expect(badges.get(host)!.badges).toEqual([
      expect.objectContaining({ id: 'first-session-hosted', earnedAt: eventAt('SessionHeld', s.one) }),
    ]);
    expect(badges.get(ada)!.badges.map((b) => [b.id, b.earnedAt])).toEqual([
      ['first-session-attended', eventAt('SessionHeld', s.one)],
      ['first-review-written', eventAt('ReviewWritten', s.one)],
    ]);
    // Cy attended session 3 when it was held (later marked absent there, present in 2): one badge, its first time.
    expect(badges.get(cy)!.badges.map((b) => [b.id, b.earnedAt])).toEqual([
      ['first-session-attended', eventAt('SessionHeld', s.three)],
    ]);
  });

  it('keeps the history of declared levels, one entry per change', async () => {
    const levels = await levelHistoryOf(database.db, ada);
    const changes = history.filter((e) => e.type === 'SkillsChanged').map((e) => e.metadata.occurredAt);
    expect(levels.map((l) => [l.kind, l.skillKey, l.level, l.since])).toEqual([
      ['learn', 'guitar', 'beginner', changes[0]],
      ['teach', 'chess', 'expert', changes[1]],
      ['learn', 'guitar', 'intermediate', changes[2]],
    ]);
  });

  it('applying every event twice, or the whole history twice, gives the same tables as once', async () => {
    const liveTables = await snapshot();
    await live.stop();
    await reset();
    await applyAll(history);
    const once = await snapshot();
    expect(once).toEqual(liveTables);

    await reset();
    for (const event of history) await applyAll([event, event]);
    expect(await snapshot()).toEqual(once);

    await reset();
    await applyAll(history);
    await applyAll(history);
    expect(await snapshot()).toEqual(once);

    for (const event of history) await applyAll([event]);
    expect(await snapshot()).toEqual(once);

    await replayOverKeptTables(database.db, store, projections);
    expect(await snapshot()).toEqual(once);
  });

  it('a rebuild gives the tables the live projection built', async () => {
    const before = await snapshot();
    const runner = new ProjectionRunner(database.db, store, projections);
    await runner.start();
    await runner.rebuild('reputation');
    await runner.rebuild('skill_levels');
    await runner.catchUp();
    await runner.stop();
    expect(await snapshot()).toEqual(before);
  });

  it('a changed badge rule (a version bump) awards retroactively, with the original event times', async () => {
    const before = await snapshot();
    const changed = createReputationProjection({
      rules: [
        ...badgeRules,
        {
          id: 'two-reviews-received',
          name: 'Two reviews',
          description: 'Received two reviews.',
          earnedWhen: (f) => f.reviewsReceived >= 2,
        },
      ],
      version: BADGE_RULES_VERSION + 1,
    });
    expect(changed.version).toBe(reputationProjection.version + 1);
    const runner = new ProjectionRunner(database.db, store, [changed]);
    await runner.start(); // the version differs: rebuilds from the first event
    await runner.catchUp();
    await runner.stop();
    const badges = await database.db
      .selectFrom('user_badges')
      .select(['user_id', 'badge_id', 'earned_at'])
      .where('user_id', '=', host)
      .orderBy('earned_at')
      .execute();
    const boReview = history.filter((e) => e.type === 'ReviewWritten')[1]!.metadata.occurredAt;
    expect(badges.map((b) => [b.badge_id, new Date(b.earned_at).toISOString()])).toEqual([
      ['first-session-hosted', eventAt('SessionHeld', s.one)],
      ['two-reviews-received', boReview],
    ]);
    const after = await snapshot();
    const withoutNew = after.user_badges!.filter((row) => !String(row).includes('two-reviews-received'));
    expect({ ...after, user_badges: withoutNew }).toEqual(before);
  });
});
