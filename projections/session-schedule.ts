import { sql } from 'kysely';
import { sessionEvents, type ReminderKind } from '../src/features/sessions/events.ts';
import type { Db } from '../src/platform/db/database.ts';
import type { Timestamp } from '../src/platform/db/schema.ts';
import { defineProjection } from '../src/platform/projections/projection.ts';

/**
 * When each session runs and whom it still has to remind: what the session scheduler
 * (`src/features/sessions/reminders.ts`) asks every tick. Only a hint: the session's decider checks again
 * and appends nothing when there is nothing to do, so a lagging read model delays, never duplicates.
 */
export interface SessionScheduleTable {
  session_id: string;
  host_id: string;
  starts_at: Timestamp;
  duration_minutes: number;
  ends_at: Timestamp;
  cancelled: boolean;
  /** `SessionHeld` was recorded. */
  held: boolean;
  position: number;
}

/** The people reminders go to: the host and everyone with a seat (not the waitlist). */
export interface SessionSchedulePeopleTable {
  session_id: string;
  user_id: string;
}

/** Reminders already recorded, per kind and per start time (a rescheduled session reminds again). */
export interface SessionScheduleRemindersTable {
  session_id: string;
  user_id: string;
  kind: ReminderKind;
  starts_at: Timestamp;
}

export interface SessionScheduleTables {
  session_schedule: SessionScheduleTable;
  session_schedule_people: SessionSchedulePeopleTable;
  session_schedule_reminders: SessionScheduleRemindersTable;
}

const MINUTE = 60_000;
const endsAt = (startsAt: string, durationMinutes: number) =>
  new Date(Date.parse(startsAt) + durationMinutes * MINUTE).toISOString();

async function addPerson(db: Db, sessionId: string, userId: string) {
  await db
    .insertInto('session_schedule_people')
    .values({ session_id: sessionId, user_id: userId })
    .onConflict((oc) => oc.columns(['session_id', 'user_id']).doNothing())
    .execute();
}

async function removePerson(db: Db, sessionId: string, userId: string) {
  await db
    .deleteFrom('session_schedule_people')
    .where('session_id', '=', sessionId)
    .where('user_id', '=', userId)
    .execute();
}

export const sessionScheduleProjection = defineProjection({
  name: 'session-schedule',
  version: 1,
  tables: ['session_schedule_reminders', 'session_schedule_people', 'session_schedule'],
  events: sessionEvents,
  runs: {
    // A seat adds the person, the waitlist removes them: each person's last event in the run decides.
    SessionRegistrationAdded: async (db, run) => {
      const seated = new Map<string, { session_id: string; user_id: string; seat: boolean }>();
      for (const { data } of run)
        seated.set(`${data.sessionId} ${data.userId}`, {
          session_id: data.sessionId,
          user_id: data.userId,
          seat: data.status === 'registered',
        });
      const add = [...seated.values()].filter((p) => p.seat);
      const remove = [...seated.values()].filter((p) => !p.seat);
      if (add.length > 0)
        await db
          .insertInto('session_schedule_people')
          .values(add.map(({ session_id, user_id }) => ({ session_id, user_id })))
          .onConflict((oc) => oc.columns(['session_id', 'user_id']).doNothing())
          .execute();
      if (remove.length > 0)
        await db
          .deleteFrom('session_schedule_people')
          .where((eb) =>
            eb(
              eb.refTuple('session_id', 'user_id'),
              'in',
              remove.map((p) => eb.tuple(p.session_id, p.user_id)),
            ),
          )
          .execute();
    },
  },
  handlers: {
    SessionScheduled: async (db, { data, position }) => {
      await db
        .insertInto('session_schedule')
        .values({
          session_id: data.sessionId,
          host_id: data.hostId,
          starts_at: data.startsAt,
          duration_minutes: data.durationMinutes,
          ends_at: endsAt(data.startsAt, data.durationMinutes),
          cancelled: false,
          held: false,
          position,
        })
        .onConflict((oc) => oc.column('session_id').doNothing())
        .execute();
      await addPerson(db, data.sessionId, data.hostId);
    },
    SessionEdited: async (db, { data, position }) => {
      const { startsAt, durationMinutes } = data.changes;
      if (startsAt === undefined && durationMinutes === undefined) return;
      const row = await db
        .selectFrom('session_schedule')
        .select(['starts_at', 'duration_minutes'])
        .where('session_id', '=', data.sessionId)
        .where('position', '<', position)
        .executeTakeFirst();
      if (!row) return;
      const start = startsAt ?? new Date(row.starts_at).toISOString();
      const minutes = durationMinutes ?? row.duration_minutes;
      await db
        .updateTable('session_schedule')
        .set({ starts_at: start, duration_minutes: minutes, ends_at: endsAt(start, minutes), position })
        .where('session_id', '=', data.sessionId)
        .execute();
    },
    SessionCancelled: async (db, { data, position }) => {
      await db
        .updateTable('session_schedule')
        .set({ cancelled: true, position })
        .where('session_id', '=', data.sessionId)
        .where('position', '<', position)
        .execute();
    },
    SessionHeld: async (db, { data, position }) => {
      await db
        .updateTable('session_schedule')
        .set({ held: true, position })
        .where('session_id', '=', data.sessionId)
        .where('position', '<', position)
        .execute();
    },
    SessionRegistrationCancelled: async (db, { data }) => removePerson(db, data.sessionId, data.userId),
    SessionWaitlistPromoted: async (db, { data }) => addPerson(db, data.sessionId, data.userId),
    SessionReminderSent: async (db, { data }) => {
      await db
        .insertInto('session_schedule_reminders')
        .values({
          session_id: data.sessionId,
          user_id: data.userId,
          kind: data.kind,
          starts_at: data.startsAt,
        })
        .onConflict((oc) => oc.columns(['session_id', 'user_id', 'kind', 'starts_at']).doNothing())
        .execute();
    },
  },
});

/** How long before `startsAt` a reminder of each kind is due: from `from` until `until` (ms). */
export type ReminderWindow = { from: number; until: number };

/**
 * Sessions with someone still to remind of `kind` at `now`: uncancelled, starting in (until, from] from
 * now, and a person (host or seat) with no reminder of that kind for the current start time.
 */
export async function findSessionsDueForReminder(
  db: Db,
  kind: ReminderKind,
  window: ReminderWindow,
  now: Date,
  limit = 500,
): Promise<string[]> {
  const rows = await db
    .selectFrom('session_schedule as s')
    .select('s.session_id')
    .where('s.cancelled', '=', false)
    .where('s.starts_at', '>', new Date(now.getTime() + window.until))
    .where('s.starts_at', '<=', new Date(now.getTime() + window.from))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('session_schedule_people as p')
          .select(sql`1`.as('one'))
          .whereRef('p.session_id', '=', 's.session_id')
          .where((inner) =>
            inner.not(
              inner.exists(
                inner
                  .selectFrom('session_schedule_reminders as r')
                  .select(sql`1`.as('one'))
                  .whereRef('r.session_id', '=', 'p.session_id')
                  .whereRef('r.user_id', '=', 'p.user_id')
                  .where('r.kind', '=', kind)
                  .whereRef('r.starts_at', '=', 's.starts_at'),
              ),
            ),
          ),
      ),
    )
    .orderBy('s.starts_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.session_id);
}

/** Uncancelled sessions that ended by `now` and have no `SessionHeld` yet. */
export async function findSessionsEndedNotHeld(db: Db, now: Date, limit = 500): Promise<string[]> {
  const rows = await db
    .selectFrom('session_schedule')
    .select('session_id')
    .where('cancelled', '=', false)
    .where('held', '=', false)
    .where('ends_at', '<=', now)
    .orderBy('ends_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.session_id);
}
