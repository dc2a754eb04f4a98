import { sql, type Insertable } from 'kysely';
import { calendarFeedEvents, sessionEvents, type SessionEvent } from '../src/features/sessions/events.ts';
import type { Timestamp } from '../src/platform/db/schema.ts';
import { EventRegistry, type Recorded } from '../src/platform/event-store/events.ts';
import { defineProjection, type ProjectionDb } from '../src/platform/projections/projection.ts';
import { sessionSkillKey } from './session-skills.ts';

export interface SessionsTable {
  id: string;
  host_id: string;
  title: string;
  description: string | null;
  /** As the host wrote it. */
  skill: string;
  /** The key it is filed under: its comparison form with aliases applied (docs/sessions.md, "Skills"). */
  skill_id: string;
  level: string;
  prerequisites: string[];
  starts_at: Timestamp;
  ends_at: Timestamp;
  duration_minutes: number;
  capacity: number;
  meeting_url: string | null;
  time_zone: string | null;
  /** Only what events record: `ended` is `ends_at` passed by the app's clock, decided when reading. */
  status: 'scheduled' | 'cancelled';
  cancelled_at: Timestamp | null;
  cancel_reason: string | null;
  registered: number;
  waitlisted: number;
  /** Edits and the cancellation so far: the calendar's SEQUENCE. */
  sequence: number;
  /** to_tsvector('simple', unaccent(title and description)). */
  search: string;
  created_at: Timestamp;
  /** When the host last changed what a calendar shows. */
  updated_at: Timestamp;
  /** Position of the last event applied to this session: replays at or below it are no-ops. */
  position: number;
}

export interface SessionRegistrationsTable {
  session_id: string;
  user_id: string;
  status: 'registered' | 'waitlisted' | 'cancelled';
  registered_at: Timestamp;
  attended: boolean | null;
  /** The position of their latest request for a seat: the order of the line. */
  seq: number;
}

export interface SessionSkillsTable {
  skill_id: string;
}

export interface CalendarFeedsTable {
  user_id: string;
  token_hash: string;
  nonce: string;
  issued_at: Timestamp;
  position: number;
}

export interface SessionsTables {
  sessions: SessionsTable;
  session_registrations: SessionRegistrationsTable;
  session_skills: SessionSkillsTable;
  calendar_feeds: CalendarFeedsTable;
}

const searchOf = (title: string, description: string | null) =>
  sql<string>`to_tsvector('simple', unaccent(${`${title}\n${description ?? ''}`}))`;
const endsAtOf = (startsAt: string, durationMinutes: number) =>
  new Date(Date.parse(startsAt) + durationMinutes * 60_000).toISOString();

async function fileSkill(db: ProjectionDb, skill: string) {
  const skillId = await sessionSkillKey(db, skill);
  await db
    .insertInto('session_skills')
    .values({ skill_id: skillId })
    .onConflict((oc) => oc.column('skill_id').doNothing())
    .execute();
  return skillId;
}

/**
 * Moves the session's position to the event's; false when the event was already applied. Every event of a
 * session is in its one stream, so positions order them and one guard per session covers its registrations.
 */
async function advance(db: ProjectionDb, event: Recorded<SessionEvent>) {
  const row = await db
    .updateTable('sessions')
    .set({ position: event.position })
    .where('id', '=', event.data.sessionId)
    .where('position', '<', event.position)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

async function recount(db: ProjectionDb, sessionId: string) {
  const count = (status: string) =>
    sql<number>`(select count(*) from session_registrations
                 where session_id = ${sessionId} and status = ${status})::int`;
  await db
    .updateTable('sessions')
    .set({ registered: count('registered'), waitlisted: count('waitlisted') })
    .where('id', '=', sessionId)
    .execute();
}

async function setRegistration(
  db: ProjectionDb,
  sessionId: string,
  userId: string,
  set: { status?: 'registered' | 'cancelled'; attended?: boolean },
) {
  await db
    .updateTable('session_registrations')
    .set(set)
    .where('session_id', '=', sessionId)
    .where('user_id', '=', userId)
    .execute();
}

/**
 * Sessions as browsing, "my sessions" and calendars read them, with each person's registration, and each
 * person's calendar feed. Time comes from the events; whether a session has ended is decided when reading,
 * by the app's clock. One projection for both: every projection costs a checkpoint per batch of the log.
 */
export const sessionsProjection = defineProjection({
  name: 'sessions',
  // 2: skills filed under their own key (with aliases), no longer under matching's canonical skills.
  version: 2,
  tables: ['session_registrations', 'sessions', 'session_skills', 'calendar_feeds'],
  events: EventRegistry.merge(sessionEvents, calendarFeedEvents),
  // Seat counts once per session and batch (a crowd registering is hundreds of events in a few batches).
  afterBatch: async (db, events) => {
    const touched = new Set<string>();
    for (const e of events)
      if (
        e.type === 'SessionRegistrationAdded' ||
        e.type === 'SessionRegistrationCancelled' ||
        e.type === 'SessionWaitlistPromoted'
      )
        touched.add(e.data.sessionId);
    for (const sessionId of touched) await recount(db, sessionId);
  },
  runs: {
    // A crowd registering: a few statements for a run of hundreds, as one at a time would leave them.
    SessionRegistrationAdded: async (db, run) => {
      const sessionIds = [...new Set(run.map((e) => e.data.sessionId))];
      const stored = await db
        .selectFrom('sessions')
        .select(['id', 'position'])
        .where('id', 'in', sessionIds)
        .execute();
      const positions = new Map(stored.map((s) => [s.id, Number(s.position)]));
      // Each session's guard (`advance`): events at or below its stored position were applied already.
      const fresh = run.filter((e) => e.position > (positions.get(e.data.sessionId) ?? Infinity));
      if (fresh.length === 0) return;
      const last = new Map<string, number>();
      // The last of a person's events wins, as it would one at a time (an upsert cannot touch a row twice).
      const rows = new Map<string, Insertable<SessionRegistrationsTable>>();
      for (const e of fresh) {
        const { sessionId, userId, status } = e.data;
        last.set(sessionId, e.position);
        rows.set(`${sessionId} ${userId}`, {
          session_id: sessionId,
          user_id: userId,
          status,
          registered_at: e.metadata.occurredAt,
          attended: null,
          seq: e.position,
        });
      }
      for (const [sessionId, position] of last)
        await db.updateTable('sessions').set({ position }).where('id', '=', sessionId).execute();
      await db
        .insertInto('session_registrations')
        .values([...rows.values()])
        .onConflict((oc) =>
          oc.columns(['session_id', 'user_id']).doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            registered_at: eb.ref('excluded.registered_at'),
            attended: eb.ref('excluded.attended'),
            seq: eb.ref('excluded.seq'),
          })),
        )
        .execute();
    },
  },
  handlers: {
    SessionScheduled: async (db, { data, metadata, position }) => {
      const at = metadata.occurredAt;
      await db
        .insertInto('sessions')
        .values({
          id: data.sessionId,
          host_id: data.hostId,
          title: data.title,
          description: data.description,
          skill: data.skill,
          skill_id: await fileSkill(db, data.skill),
          level: data.level,
          prerequisites: data.prerequisites,
          starts_at: data.startsAt,
          ends_at: endsAtOf(data.startsAt, data.durationMinutes),
          duration_minutes: data.durationMinutes,
          capacity: data.capacity,
          meeting_url: data.meetingUrl,
          time_zone: data.timeZone,
          status: 'scheduled',
          registered: 0,
          waitlisted: 0,
          sequence: 0,
          search: searchOf(data.title, data.description),
          created_at: at,
          updated_at: at,
          position,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },
    SessionEdited: async (db, event) => {
      if (!(await advance(db, event))) return;
      const { sessionId, changes } = event.data;
      const row = await db
        .selectFrom('sessions')
        .select(['title', 'description', 'starts_at', 'duration_minutes'])
        .where('id', '=', sessionId)
        .executeTakeFirstOrThrow();
      const title = changes.title ?? row.title;
      const description = changes.description !== undefined ? changes.description : row.description;
      const startsAt = changes.startsAt ?? new Date(row.starts_at).toISOString();
      const duration = changes.durationMinutes ?? row.duration_minutes;
      await db
        .updateTable('sessions')
        .set({
          ...(changes.title !== undefined && { title }),
          ...(changes.description !== undefined && { description }),
          ...(changes.skill !== undefined && {
            skill: changes.skill,
            skill_id: await fileSkill(db, changes.skill),
          }),
          ...(changes.level !== undefined && { level: changes.level }),
          ...(changes.prerequisites !== undefined && { prerequisites: changes.prerequisites }),
          ...(changes.capacity !== undefined && { capacity: changes.capacity }),
          ...(changes.meetingUrl !== undefined && { meeting_url: changes.meetingUrl }),
          starts_at: startsAt,
          duration_minutes: duration,
          ends_at: endsAtOf(startsAt, duration),
          search: searchOf(title, description),
          sequence: sql<number>`sequence + 1`,
          updated_at: event.metadata.occurredAt,
        })
        .where('id', '=', sessionId)
        .execute();
    },
    SessionCancelled: async (db, event) => {
      if (!(await advance(db, event))) return;
      const at = event.metadata.occurredAt;
      await db
        .updateTable('sessions')
        .set({
          status: 'cancelled',
          cancelled_at: at,
          cancel_reason: event.data.reason,
          sequence: sql<number>`sequence + 1`,
          updated_at: at,
        })
        .where('id', '=', event.data.sessionId)
        .execute();
    },
    SessionRegistrationCancelled: async (db, event) => {
      if (!(await advance(db, event))) return;
      await setRegistration(db, event.data.sessionId, event.data.userId, { status: 'cancelled' });
    },
    SessionWaitlistPromoted: async (db, event) => {
      if (!(await advance(db, event))) return;
      await setRegistration(db, event.data.sessionId, event.data.userId, { status: 'registered' });
    },
    SessionAttendanceMarked: async (db, event) => {
      if (!(await advance(db, event))) return;
      await setRegistration(db, event.data.sessionId, event.data.userId, { attended: event.data.attended });
    },
    // Each person's private calendar feed: the hash of its current token (docs/sessions.md, "Calendar feed").
    CalendarFeedTokenIssued: async (db, { data, metadata, position }) => {
      const row = { token_hash: data.tokenHash, nonce: data.nonce, issued_at: metadata.occurredAt, position };
      await db
        .insertInto('calendar_feeds')
        .values({ user_id: data.userId, ...row })
        .onConflict((oc) =>
          oc.column('user_id').doUpdateSet(row).where('calendar_feeds.position', '<', position),
        )
        .execute();
    },
  },
});
