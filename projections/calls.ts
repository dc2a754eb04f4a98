import type { Selectable } from 'kysely';
import {
  callEvents,
  parseRoom,
  RING_TIMEOUT_MS,
  videoRoomEvents,
  type CallEvent,
} from '../src/features/calls/events.ts';
import type { Db } from '../src/platform/db/database.ts';
import type { Timestamp } from '../src/platform/db/schema.ts';
import { EventRegistry, type RecordedOfType } from '../src/platform/event-store/events.ts';
import { defineProjection, type ProjectionDb } from '../src/platform/projections/projection.ts';

/** Built-in 1:1 calls as they stand: the busy check and the calls scheduler (missed, no longer allowed). */
export interface CallsTable {
  call_id: string;
  room: string;
  caller_id: string;
  callee_id: string;
  status: 'ringing' | 'ongoing' | 'ended';
  outcome: string | null;
  rang_at: Timestamp;
  answered_at: Timestamp | null;
  ended_at: Timestamp | null;
  position: number;
}

/**
 * `GET /api/calls`: one row per person per call. A built-in call gives its caller and callee a row each;
 * a LiveKit room gives a row per join (closed by the leave, or by the room finishing).
 */
export interface CallHistoryTable {
  key: string;
  user_id: string;
  room: string;
  /** The other person of a 1:1 room; null in session and group rooms. */
  with_id: string | null;
  call_id: string | null;
  direction: 'outgoing' | 'incoming' | 'room';
  started_at: Timestamp;
  answered_at: Timestamp | null;
  ended_at: Timestamp | null;
  missed: boolean;
  outcome: string | null;
}

export interface CallsTables {
  calls: CallsTable;
  call_history: CallHistoryTable;
}

type Ending = RecordedOfType<CallEvent, 'CallDeclined' | 'CallMissed' | 'CallEnded'>;

/** Ends a call in both tables once (a replay finds it ended already). */
function ending(outcome: (e: Ending) => string) {
  return async (db: ProjectionDb, event: Ending) => {
    const at = event.metadata.occurredAt;
    const how = outcome(event);
    await db
      .updateTable('calls')
      .set({ status: 'ended', outcome: how, ended_at: at, position: event.position })
      .where('call_id', '=', event.data.callId)
      .where('status', '<>', 'ended')
      .execute();
    await db
      .updateTable('call_history')
      .set({ ended_at: at, outcome: how, missed: how === 'missed' })
      .where('call_id', '=', event.data.callId)
      .where('ended_at', 'is', null)
      .execute();
  };
}

/** Calls and call history: built-in calls from their streams, LiveKit rooms from webhook events. */
export const callsProjection = defineProjection({
  name: 'calls',
  version: 1,
  tables: ['call_history', 'calls'],
  events: EventRegistry.merge(callEvents, videoRoomEvents),
  handlers: {
    CallPlaced: async (db, { data, metadata, position }) => {
      const at = metadata.occurredAt;
      const busy = data.calleeBusy;
      await db
        .insertInto('calls')
        .values({
          call_id: data.callId,
          room: data.room,
          caller_id: data.callerId,
          callee_id: data.calleeId,
          status: busy ? 'ended' : 'ringing',
          outcome: busy ? 'busy' : null,
          rang_at: at,
          answered_at: null,
          ended_at: busy ? at : null,
          position,
        })
        .onConflict((oc) => oc.column('call_id').doNothing())
        .execute();
      const row = (userId: string, withId: string, direction: 'outgoing' | 'incoming') => ({
        key: `${data.callId}:${userId}`,
        user_id: userId,
        room: data.room,
        with_id: withId,
        call_id: data.callId,
        direction,
        started_at: at,
        answered_at: null,
        ended_at: busy ? at : null,
        missed: false,
        outcome: busy ? 'busy' : null,
      });
      // A busy callee never heard it ring: only the caller's history shows the attempt.
      const rows = [
        row(data.callerId, data.calleeId, 'outgoing'),
        ...(busy ? [] : [row(data.calleeId, data.callerId, 'incoming')]),
      ];
      await db
        .insertInto('call_history')
        .values(rows)
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
    },
    CallAccepted: async (db, { data, metadata, position }) => {
      const at = metadata.occurredAt;
      await db
        .updateTable('calls')
        .set({ status: 'ongoing', answered_at: at, position })
        .where('call_id', '=', data.callId)
        .where('status', '=', 'ringing')
        .execute();
      await db
        .updateTable('call_history')
        .set({ answered_at: at })
        .where('call_id', '=', data.callId)
        .where('answered_at', 'is', null)
        .execute();
    },
    CallDeclined: ending(() => 'declined'),
    CallMissed: ending(() => 'missed'),
    CallEnded: ending((e) => (e.type === 'CallEnded' ? e.data.reason : 'hung-up')),

    VideoParticipantJoined: async (db, { data, metadata }) => {
      const ref = parseRoom(data.room);
      const withId = ref?.kind === 'dm' ? (ref.a === data.userId ? ref.b : ref.a) : null;
      const at = metadata.occurredAt;
      await db
        .insertInto('call_history')
        .values({
          key: `${data.webhookId}:${data.userId}`,
          user_id: data.userId,
          room: data.room,
          with_id: withId,
          call_id: null,
          direction: 'room',
          started_at: at,
          answered_at: at,
          ended_at: null,
          missed: false,
          outcome: null,
        })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
    },
    // A leave without a known join (LiveKit sends those) finds no open row and changes nothing.
    VideoParticipantLeft: async (db, { data, metadata }) => {
      await db
        .updateTable('call_history')
        .set({ ended_at: metadata.occurredAt, outcome: 'left' })
        .where('user_id', '=', data.userId)
        .where('room', '=', data.room)
        .where('call_id', 'is', null)
        .where('ended_at', 'is', null)
        .execute();
    },
    VideoRoomFinished: async (db, { data, metadata }) => {
      await db
        .updateTable('call_history')
        .set({ ended_at: metadata.occurredAt, outcome: 'left' })
        .where('room', '=', data.room)
        .where('call_id', 'is', null)
        .where('ended_at', 'is', null)
        .execute();
    },
  },
});

export type CallRow = Selectable<CallsTable>;
export type CallHistoryRow = Selectable<CallHistoryTable>;

/** Is `userId` in a built-in call now: answered, or ringing for less than the ring timeout? */
export async function isInCall(db: Db, userId: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('calls')
    .select('call_id')
    .where('status', '<>', 'ended')
    .where((eb) => eb.or([eb('caller_id', '=', userId), eb('callee_id', '=', userId)]))
    .where((eb) =>
      eb.or([eb('status', '=', 'ongoing'), eb('rang_at', '>', new Date(now.getTime() - RING_TIMEOUT_MS))]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Calls still ringing or going on: the scheduler checks each. */
/**
 * Who is in which LiveKit room now, as its webhooks told us (joined, not yet left), with their account's
 * status (null when the users read model does not have them).
 */
export async function findRoomParticipants(db: Db) {
  return db
    .selectFrom('call_history as h')
    .leftJoin('users as u', 'u.id', 'h.user_id')
    .select(['h.user_id', 'h.room', 'u.status', 'u.suspended_until'])
    .where('h.direction', '=', 'room')
    .where('h.call_id', 'is', null)
    .where('h.ended_at', 'is', null)
    .execute();
}

export async function findOpenCalls(db: Db): Promise<CallRow[]> {
  return db.selectFrom('calls').selectAll().where('status', '<>', 'ended').orderBy('rang_at').execute();
}

/** One page of a person's calls, newest first, after the cursor `(startedAt, key)`. */
export async function callHistoryPage(
  db: Db,
  userId: string,
  page: { limit: number; after?: { startedAt: string; key: string } | undefined },
): Promise<{ rows: CallHistoryRow[]; more: boolean }> {
  let query = db.selectFrom('call_history').selectAll().where('user_id', '=', userId);
  const after = page.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('started_at', '<', new Date(after.startedAt)),
        eb.and([eb('started_at', '=', new Date(after.startedAt)), eb('key', '<', after.key)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('started_at', 'desc')
    .orderBy('key', 'desc')
    .limit(page.limit + 1)
    .execute();
  return { rows: rows.slice(0, page.limit), more: rows.length > page.limit };
}
