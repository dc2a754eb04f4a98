import { sql, type Selectable } from 'kysely';
import {
  BADGE_RULES_VERSION,
  badgeList,
  badgeRules,
  bayesianRating,
  newlyEarned,
  noRatings,
  reputationOf,
  type BadgeRule,
  type RatingTotals,
} from '../src/features/reviews/events.ts';
import { sessionEvents, type RecordedSessionEvent } from '../src/features/sessions/events.ts';
import type { Db } from '../src/platform/db/database.ts';
import type { Timestamp } from '../src/platform/db/schema.ts';
import {
  defineProjection,
  type Projection,
  type ProjectionDb,
} from '../src/platform/projections/projection.ts';

export interface ReputationSessionsTable {
  session_id: string;
  host_id: string;
  title: string;
  skill: string;
  /** `skill_key(skill)`: compared with canonical skills when read (projections/lib/skill-resolution.ts). */
  skill_key: string;
  starts_at: Timestamp;
  duration_minutes: number;
  cancelled: boolean;
  held: boolean;
  /** Position of the last event applied to this session: replays at or below it are no-ops. */
  position: number;
}

/** Attendees (docs/api.md: registered at the start, not marked absent) of held sessions only. */
export interface ReputationAttendeesTable {
  session_id: string;
  user_id: string;
}

export interface ReviewsTable {
  id: string;
  session_id: string;
  host_id: string;
  author_id: string;
  rating: number;
  comment: string | null;
  created_at: Timestamp;
  reply_body: string | null;
  replied_at: Timestamp | null;
  position: number;
}

/** Reviews a moderator removed: out of `reviews` (and so of every count), kept for the moderation queue. */
export interface RemovedReviewsTable {
  id: string;
  session_id: string;
  host_id: string;
  author_id: string;
  rating: number;
  comment: string | null;
  created_at: Timestamp;
  removed_at: Timestamp;
  removed_by: string;
  reason: string;
}

/** Per person, the facts reputation and badges are computed from. */
export interface ReputationsTable {
  user_id: string;
  reviews_received: number;
  rating_sum: number;
  sessions_hosted: number;
  students_taught: number;
  sessions_attended: number;
  reviews_written: number;
}

export interface ReputationPlatformTable {
  id: number;
  reviews: number;
  rating_sum: number;
}

export interface UserBadgesTable {
  user_id: string;
  badge_id: string;
  earned_at: Timestamp;
}

export interface ReputationTables {
  reputation_sessions: ReputationSessionsTable;
  reputation_attendees: ReputationAttendeesTable;
  reviews: ReviewsTable;
  removed_reviews: RemovedReviewsTable;
  reputations: ReputationsTable;
  reputation_platform: ReputationPlatformTable;
  user_badges: UserBadgesTable;
}

/** Bump on a change of this file's logic or tables; `BADGE_RULES_VERSION` counts the badge rules' changes. */
export const REPUTATION_MODEL_VERSION = 2; // 2: removed reviews

interface SessionChanges {
  title?: string;
  skill?: string;
  starts_at?: string;
  duration_minutes?: number;
  cancelled?: boolean;
  held?: boolean;
}

/**
 * Moves the session's position to the event's and applies `set`; the row as it is now, or undefined when
 * the event was applied before (every event of a session is in its stream, so positions only grow).
 */
function advance(db: ProjectionDb, event: RecordedSessionEvent, set: SessionChanges = {}) {
  const { skill, ...rest } = set;
  return db
    .updateTable('reputation_sessions')
    .set({
      ...rest,
      ...(skill !== undefined && { skill, skill_key: sql<string>`skill_key(${skill})` }),
      position: event.position,
    })
    .where('session_id', '=', event.data.sessionId)
    .where('position', '<', event.position)
    .returning(['host_id', 'held'])
    .executeTakeFirst();
}

export async function platformRatings(db: Db | ProjectionDb): Promise<RatingTotals> {
  const row = await db
    .selectFrom('reputation_platform')
    .select(['reviews', 'rating_sum'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return row ? { count: Number(row.reviews), sum: Number(row.rating_sum) } : noRatings;
}

/**
 * Recounts the facts of `userIds` from the tables (so a replay or a late attendance mark can never
 * double-count), then awards the badges those facts earn now, stamped with the event's time: a badge keeps
 * the time it was first earned and is never taken back.
 */
async function recount(
  db: ProjectionDb,
  userIds: readonly string[],
  at: string,
  rules: readonly BadgeRule[],
) {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  const { rows } = await sql<Selectable<ReputationsTable>>`
    insert into reputations as r (user_id, reviews_received, rating_sum, sessions_hosted, students_taught,
      sessions_attended, reviews_written)
    select u.id,
      (select count(*) from reviews where host_id = u.id)::int,
      (select coalesce(sum(rating), 0) from reviews where host_id = u.id)::int,
      (select count(*) from reputation_sessions s where s.host_id = u.id and s.held
         and exists (select 1 from reputation_attendees a where a.session_id = s.session_id))::int,
      (select count(distinct a.user_id) from reputation_sessions s
         join reputation_attendees a on a.session_id = s.session_id where s.host_id = u.id and s.held)::int,
      (select count(*) from reputation_attendees a
         join reputation_sessions s on s.session_id = a.session_id where a.user_id = u.id and s.held)::int,
      (select count(*) from reviews where author_id = u.id)::int
    from unnest(${ids}::uuid[]) as u(id)
    on conflict (user_id) do update set reviews_received = excluded.reviews_received,
      rating_sum = excluded.rating_sum, sessions_hosted = excluded.sessions_hosted,
      students_taught = excluded.students_taught, sessions_attended = excluded.sessions_attended,
      reviews_written = excluded.reviews_written
    returning *`.execute(db);
  const platform = await platformRatings(db);
  const earned = await db
    .selectFrom('user_badges')
    .select(['user_id', 'badge_id'])
    .where('user_id', 'in', ids)
    .execute();
  const awards = rows.flatMap((row) => {
    const ratings = { count: row.reviews_received, sum: row.rating_sum };
    const facts = {
      sessionsHosted: row.sessions_hosted,
      studentsTaught: row.students_taught,
      reviewsReceived: row.reviews_received,
      rating: bayesianRating(ratings, platform),
      reviewsWritten: row.reviews_written,
      sessionsAttended: row.sessions_attended,
    };
    const have = earned.filter((b) => b.user_id === row.user_id).map((b) => b.badge_id);
    return newlyEarned(facts, have, at, rules).map((b) => ({
      user_id: row.user_id,
      badge_id: b.id,
      earned_at: b.earnedAt,
    }));
  });
  if (awards.length > 0)
    await db
      .insertInto('user_badges')
      .values(awards)
      .onConflict((oc) => oc.columns(['user_id', 'badge_id']).doNothing())
      .execute();
}

/**
 * Reviews, reputation per person and badges, from the session streams. Time comes from the events: a
 * session counts as hosted from its `SessionHeld`, a badge is stamped with the event that earned it.
 * `badges` lets a test run a changed rule set; the app runs `badgeRules` at `BADGE_RULES_VERSION`.
 */
export function createReputationProjection(
  badges: { rules: readonly BadgeRule[]; version: number } = {
    rules: badgeRules,
    version: BADGE_RULES_VERSION,
  },
): Projection {
  const { rules } = badges;
  return defineProjection({
    name: 'reputation',
    // Thousands: this file's logic; units: the badge rules. Either bump rebuilds, re-awarding every badge
    // with the time of the event that first earned it.
    version: REPUTATION_MODEL_VERSION * 1000 + badges.version,
    tables: [
      'user_badges',
      'reputations',
      'reputation_platform',
      'removed_reviews',
      'reviews',
      'reputation_attendees',
      'reputation_sessions',
    ],
    events: sessionEvents,
    handlers: {
      SessionScheduled: async (db, e) => {
        const { sessionId, hostId, title, skill, startsAt, durationMinutes } = e.data;
        await db
          .insertInto('reputation_sessions')
          .values({
            session_id: sessionId,
            host_id: hostId,
            title,
            skill,
            skill_key: sql<string>`skill_key(${skill})`,
            starts_at: startsAt,
            duration_minutes: durationMinutes,
            cancelled: false,
            held: false,
            position: e.position,
          })
          .onConflict((oc) => oc.column('session_id').doNothing())
          .execute();
      },
      SessionEdited: async (db, e) => {
        const { title, skill, startsAt, durationMinutes } = e.data.changes;
        await advance(db, e, {
          ...(title !== undefined && { title }),
          ...(skill !== undefined && { skill }),
          ...(startsAt !== undefined && { starts_at: startsAt }),
          ...(durationMinutes !== undefined && { duration_minutes: durationMinutes }),
        });
      },
      SessionCancelled: async (db, e) => {
        await advance(db, e, { cancelled: true });
      },
      SessionHeld: async (db, e) => {
        const { sessionId, hostId, skill, startsAt, endsAt, attendees } = e.data;
        const minutes = Math.round((Date.parse(endsAt) - Date.parse(startsAt)) / 60_000);
        const session = await advance(db, e, {
          held: true,
          skill,
          starts_at: startsAt,
          duration_minutes: minutes,
        });
        if (!session) return;
        if (attendees.length > 0)
          await db
            .insertInto('reputation_attendees')
            .values(attendees.map((userId) => ({ session_id: sessionId, user_id: userId })))
            .onConflict((oc) => oc.columns(['session_id', 'user_id']).doNothing())
            .execute();
        await recount(db, [hostId, ...attendees], e.metadata.occurredAt, rules);
      },
      SessionAttendanceMarked: async (db, e) => {
        const { sessionId, userId, attended } = e.data;
        const session = await advance(db, e);
        // Before `SessionHeld`, its attendee list already holds every mark made so far.
        if (!session?.held) return;
        if (attended)
          await db
            .insertInto('reputation_attendees')
            .values({ session_id: sessionId, user_id: userId })
            .onConflict((oc) => oc.columns(['session_id', 'user_id']).doNothing())
            .execute();
        else
          await db
            .deleteFrom('reputation_attendees')
            .where('session_id', '=', sessionId)
            .where('user_id', '=', userId)
            .execute();
        await recount(db, [session.host_id, userId], e.metadata.occurredAt, rules);
      },
      ReviewWritten: async (db, e) => {
        const { sessionId, reviewId, authorId, hostId, rating, comment } = e.data;
        if (!(await advance(db, e))) return;
        await db
          .insertInto('reviews')
          .values({
            id: reviewId,
            session_id: sessionId,
            host_id: hostId,
            author_id: authorId,
            rating,
            comment,
            created_at: e.metadata.occurredAt,
            position: e.position,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
        await sql`
          insert into reputation_platform as p (id, reviews, rating_sum) values (1, 1, ${rating})
          on conflict (id) do update set reviews = p.reviews + 1, rating_sum = p.rating_sum + excluded.rating_sum`.execute(
          db,
        );
        await recount(db, [hostId, authorId], e.metadata.occurredAt, rules);
      },
      ReviewReplied: async (db, e) => {
        if (!(await advance(db, e))) return;
        await db
          .updateTable('reviews')
          .set({ reply_body: e.data.body, replied_at: e.metadata.occurredAt })
          .where('id', '=', e.data.reviewId)
          .execute();
      },
      ReviewRemoved: async (db, e) => {
        const { reviewId, hostId, authorId, by, reason } = e.data;
        if (!(await advance(db, e))) return;
        const removed = await db
          .deleteFrom('reviews')
          .where('id', '=', reviewId)
          .returning(['id', 'session_id', 'host_id', 'author_id', 'rating', 'comment', 'created_at'])
          .executeTakeFirst();
        if (!removed) return;
        await db
          .insertInto('removed_reviews')
          .values({ ...removed, removed_at: e.metadata.occurredAt, removed_by: by, reason })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
        await sql`
          update reputation_platform set reviews = reviews - 1, rating_sum = rating_sum - ${removed.rating}
          where id = 1`.execute(db);
        await recount(db, [hostId, authorId], e.metadata.occurredAt, rules);
      },
    },
  });
}

export const reputationProjection = createReputationProjection();

export type Reputation = ReturnType<typeof reputationOf> & {
  badges: ReturnType<typeof badgeList>;
};

export const emptyReputation = (): Reputation => ({
  ...reputationOf({ ratings: noRatings, sessionsHosted: 0, studentsTaught: 0 }, noRatings),
  badges: [],
});

/** `reputation` of `PublicProfile` for each of `userIds` (people without any fact get the empty one). */
export async function reputationsOf(db: Db, userIds: readonly string[]): Promise<Map<string, Reputation>> {
  const result = new Map<string, Reputation>();
  if (userIds.length === 0) return result;
  const ids = [...new Set(userIds)];
  const [platform, rows, badges] = await Promise.all([
    platformRatings(db),
    db.selectFrom('reputations').selectAll().where('user_id', 'in', ids).execute(),
    db
      .selectFrom('user_badges')
      .select(['user_id', 'badge_id', 'earned_at'])
      .where('user_id', 'in', ids)
      .execute(),
  ]);
  for (const id of ids) result.set(id, emptyReputation());
  for (const row of rows) {
    const facts = {
      ratings: { count: row.reviews_received, sum: row.rating_sum },
      sessionsHosted: row.sessions_hosted,
      studentsTaught: row.students_taught,
    };
    result.set(row.user_id, { ...reputationOf(facts, platform), badges: [] });
  }
  for (const id of ids) {
    const earned = badges
      .filter((b) => b.user_id === id)
      .map((b) => ({ id: b.badge_id, earnedAt: new Date(b.earned_at).toISOString() }));
    result.get(id)!.badges = badgeList(earned);
  }
  return result;
}
