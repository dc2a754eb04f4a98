import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimMail } from '../projections/mail-outbox.ts';
import { listNotifications, notificationsProjection } from '../projections/notifications.ts';
import { findSessionsDueForReminder, sessionScheduleProjection } from '../projections/session-schedule.ts';
import { pairEvents, pairStream, type PairEvent } from '../src/features/connections/events.ts';
import { directMessageEvents, dmStream, type DirectMessageEvent } from '../src/features/messages/events.ts';
import { inboxEvents, notificationsStream } from '../src/features/notifications/events.ts';
import { reminderLeads } from '../src/features/sessions/session.decide.ts';
import type { DatabaseHandle } from '../src/platform/db/database.ts';
import { PostgresEventStore } from '../src/platform/event-store/postgres.ts';
import { ProjectionRunner } from '../src/platform/projections/runner.ts';
import { createTestDatabase } from './support/database.ts';
import { systemMetadata } from './support/events.ts';
import { replayOverKeptTables } from './support/replay.ts';
import { scheduledSessions } from './support/scheduled-sessions.ts';

const HOUR = 3_600_000;
const at = (start: Date, offsetMs: number) => new Date(start.getTime() + offsetMs);

describe('notifications and session-schedule read models', () => {
  let database: DatabaseHandle;
  let store: PostgresEventStore;
  const projections = [notificationsProjection, sessionScheduleProjection];
  const tables = [
    'notifications',
    'notification_sessions',
    'notification_session_people',
    'mail_outbox',
    'session_schedule',
    'session_schedule_people',
    'session_schedule_reminders',
  ];
  const snapshot = async (): Promise<Record<string, unknown[]>> =>
    Object.fromEntries(
      await Promise.all(
        tables.map(async (t): Promise<[string, unknown[]]> => [
          t,
          (
            await sql<Record<string, unknown>>`select * from ${sql.table(t)} order by 1, 2`.execute(
              database.db,
            )
          ).rows,
        ]),
      ),
    );
  const pair = async (a: string, b: string, events: PairEvent[]) =>
    store.append(
      pairStream(a, b),
      events.map((e) => pairEvents.encode(e, systemMetadata())),
    );
  let dmSeq = 0;
  const dm = async (from: string, to: string, event: DirectMessageEvent) =>
    store.append(dmStream(from, to), [directMessageEvents.encode(event, systemMetadata())]);
  const send = async (from: string, to: string, body: string) => {
    const messageId = randomUUID();
    await dm(from, to, {
      type: 'DirectMessageSent',
      data: { messageId, fromUserId: from, toUserId: to, seq: ++dmSeq, body },
    });
    return { messageId, seq: dmSeq };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    store = await PostgresEventStore.create({ db: database.db, pool: database.pool });
  });
  afterAll(async () => {
    await store?.close();
    await database?.close();
  });

  it('builds the same rows live, after a rebuild, and with every event applied twice', async () => {
    const [host, ana, bo, cy, dee] = Array.from({ length: 5 }, () => randomUUID()) as [
      string,
      string,
      string,
      string,
      string,
    ];
    const runner = new ProjectionRunner(database.db, store, projections);
    await runner.start();
    const sessions = scheduledSessions(store);

    // Connections.
    const connectionId = randomUUID();
    const request = { connectionId, fromUserId: bo, toUserId: ana };
    await pair(bo, ana, [{ type: 'ConnectionRequested', data: { ...request, message: 'Chess?' } }]);
    await pair(bo, ana, [{ type: 'ConnectionAccepted', data: request }]);

    // Messages: three from Bo make one notice; Ana reads; the next one starts another; edits follow.
    await send(bo, ana, 'one');
    await send(bo, ana, 'two');
    const third = await send(bo, ana, 'three');
    await dm(bo, ana, {
      type: 'DirectMessageEdited',
      data: { messageId: third.messageId, fromUserId: bo, toUserId: ana, body: 'three, edited' },
    });
    await dm(ana, bo, {
      type: 'DirectMessagesRead',
      data: { readerId: ana, otherUserId: bo, upToMessageId: third.messageId, upToSeq: third.seq },
    });
    const fourth = await send(bo, ana, 'four');
    await dm(bo, ana, {
      type: 'DirectMessageDeleted',
      data: { messageId: fourth.messageId, fromUserId: bo, toUserId: ana },
    });

    // A session: Ana and Bo get seats, Cy waits; a change of time; Dee registers after it (a replay
    // must not tell Dee about the earlier change); Bo leaves, Cy gets the seat; reminders; a
    // cancellation by staff.
    const startsAt = new Date('2030-03-10T17:00:00.000Z');
    const now = at(startsAt, -72 * HOUR);
    const id = await sessions.schedule({ hostId: host, startsAt, now, people: [ana, bo, cy], capacity: 2 });
    const newStart = at(startsAt, HOUR);
    await sessions.run(id, {
      type: 'EditSession',
      by: host,
      changes: { startsAt: newStart.toISOString() },
      now,
    });
    await sessions.run(id, { type: 'EditSession', by: host, changes: { title: 'Guitar for all' }, now });
    await sessions.run(id, { type: 'RegisterForSession', userId: dee, blocked: false, now });
    await sessions.run(id, { type: 'UnregisterFromSession', userId: bo, now });
    await sessions.run(id, { type: 'RecordDueReminders', kind: '24h', now: at(newStart, -20 * HOUR) });
    await sessions.run(id, {
      type: 'CancelSession',
      by: randomUUID(),
      role: 'moderator',
      reason: 'Spam',
      now: at(newStart, -HOUR),
    });

    expect(await runner.catchUp()).toBe(true);
    const byUser = async (userId: string) =>
      (await listNotifications(database.db, userId, { limit: 100 })).map((n) => n.type);
    expect(await byUser(ana)).toEqual([
      'session.cancelled',
      'session.reminder',
      'session.updated',
      'message.received',
      'message.received',
      'connection.requested',
    ]);
    expect(await byUser(bo)).toEqual(['session.updated', 'connection.accepted']);
    expect(await byUser(cy)).toEqual([
      'session.cancelled',
      'session.reminder',
      'session.promoted',
      'session.updated',
    ]);
    expect(await byUser(dee)).toEqual(['session.cancelled']);
    expect(await byUser(host)).toEqual(['session.cancelled', 'session.reminder']);
    const messages = await listNotifications(database.db, ana, { limit: 100 });
    const [latest, collapsed] = messages.filter((n) => n.type === 'message.received');
    expect(collapsed).toMatchObject({ data: { count: 3, excerpt: 'three, edited' } });
    expect(collapsed!.read_at).not.toBeNull();
    expect(latest).toMatchObject({ data: { count: 1, excerpt: null }, read_at: null });
    // Every session notice queued an email, and only those.
    const outbox = await database.db.selectFrom('mail_outbox').select(['kind']).execute();
    expect(outbox).toHaveLength(11);
    expect(outbox.every((r) => r.kind.startsWith('session.'))).toBe(true);

    // The read marker, as an event on Ana's stream: everything up to the reminder.
    const reminder = messages.find((n) => n.type === 'session.reminder')!;
    await store.append(notificationsStream(ana), [
      inboxEvents.encode(
        {
          type: 'NotificationsRead',
          data: { userId: ana, upToId: reminder.id, upToPosition: Number(reminder.position) },
        },
        systemMetadata(),
      ),
    ]);
    expect(await runner.catchUp()).toBe(true);
    const unread = (await listNotifications(database.db, ana, { limit: 100 })).filter((n) => !n.read_at);
    expect(unread.map((n) => n.type)).toEqual(['session.cancelled']);

    // The schedule: cancelled, so nothing is due.
    expect(
      await findSessionsDueForReminder(database.db, '15m', reminderLeads['15m'], at(newStart, -HOUR)),
    ).toEqual([]);

    // Deliver some mail, so the outbox has state a rebuild must keep.
    await claimMail(database.db, new Date(), 60_000, 3);
    const live = await snapshot();

    for (const name of runner.names) await runner.rebuild(name);
    expect(await runner.catchUp()).toBe(true);
    expect(await snapshot()).toEqual(live);

    await runner.stop();
    await replayOverKeptTables(database.db, store, projections);
    expect(await snapshot()).toEqual(live);
  });
});
