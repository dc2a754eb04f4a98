import { sql, type ColumnType, type Selectable } from 'kysely';
import { pairEvents } from '../src/features/connections/events.ts';
import { directMessageEvents } from '../src/features/messages/events.ts';
import {
  emailedTypes,
  inboxEvents,
  type NotificationData,
  type NotificationType,
} from '../src/features/notifications/events.ts';
import { sessionEvents } from '../src/features/sessions/events.ts';
import { ticketEvents } from '../src/features/support/events.ts';
import { userEvents } from '../src/features/identity/events.ts';
import { reportEvents } from '../src/features/moderation/events.ts';
import type { Db } from '../src/platform/db/database.ts';
import type { Timestamp } from '../src/platform/db/schema.ts';
import { EventRegistry } from '../src/platform/event-store/events.ts';
import type { RecordedEvent } from '../src/platform/event-store/port.ts';
import { defineProjection, type ProjectionDb } from '../src/platform/projections/projection.ts';
import { stableId } from './lib/stable-id.ts';
import { enqueueMail } from './mail-outbox.ts';

/**
 * Every person's notices (docs/api.md, "Notifications and settings"), built from the features' events. A row
 * keeps the facts as of its event (`data`); the texts people read, names and links are made when it is
 * read (`src/features/notifications/texts.ts`), so they can improve without a rebuild.
 */
export interface NotificationsTable {
  /** `stableId(event id, recipient)`: the same on every replay and rebuild (and the email's Message-ID). */
  id: string;
  user_id: string;
  type: NotificationType;
  /** The person the notice is about (who asked, accepted, wrote), when there is one. */
  actor_id: string | null;
  /** What it is about: a connection, a session or (for messages) the other person. */
  subject_id: string;
  data: ColumnType<NotificationData, string, string>;
  /** message.received: the latest message it stands for (id and conversation seq). */
  ref: string | null;
  ref_seq: number | null;
  created_at: Timestamp;
  /** The latest event's position: the list's order and the read marker's measure. */
  position: number;
  /** The position of the event that made it (a message notice moves `position` as messages arrive). */
  first_position: number;
  read_at: Timestamp | null;
  /** The position of the event that marked it read: "was it unread then?" when a replay asks. */
  read_position: number | null;
}

/** What the notices of a session need to know about it, as of the event being applied. */
export interface NotificationSessionsTable {
  session_id: string;
  host_id: string;
  title: string;
  starts_at: Timestamp;
  duration_minutes: number;
  position: number;
}

/**
 * Who is registered or waitlisted, to tell them about changes and cancellations (those events name no
 * recipients). `since_position` is when they last joined: a replay over the kept table then never counts
 * someone who joined after the event being replayed.
 */
export interface NotificationSessionPeopleTable {
  session_id: string;
  user_id: string;
  since_position: number;
}

/** Ticket subjects, for the notice of a staff reply. */
export interface NotificationTicketsTable {
  ticket_id: string;
  subject: string;
  position: number;
}

export interface NotificationsTables {
  notifications: NotificationsTable;
  notification_tickets: NotificationTicketsTable;
  notification_sessions: NotificationSessionsTable;
  notification_session_people: NotificationSessionPeopleTable;
}

export type NotificationRow = Selectable<NotificationsTable>;

const EXCERPT = 140;
const excerptOf = (body: string) => {
  const line = body.replace(/\s+/g, ' ').trim();
  return [...line].length <= EXCERPT ? line : `${[...line].slice(0, EXCERPT - 1).join('')}…`;
};

interface Notice {
  userId: string;
  type: NotificationType;
  actorId: string | null;
  subjectId: string;
  data: NotificationData;
  ref?: { id: string; seq: number };
}

/** Inserts one notice per recipient (once: the id is stable) and queues the emailed ones. */
async function notify(db: ProjectionDb, event: RecordedEvent, notices: readonly Notice[]): Promise<void> {
  for (const notice of notices) {
    const id = stableId(event.id, notice.userId);
    const createdAt = event.metadata.occurredAt;
    const inserted = await db
      .insertInto('notifications')
      .values({
        id,
        user_id: notice.userId,
        type: notice.type,
        actor_id: notice.actorId,
        subject_id: notice.subjectId,
        data: JSON.stringify(notice.data),
        ref: notice.ref?.id ?? null,
        ref_seq: notice.ref?.seq ?? null,
        created_at: createdAt,
        position: event.position,
        first_position: event.position,
        read_at: null,
        read_position: null,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted && emailedTypes.includes(notice.type))
      await enqueueMail(db, {
        id,
        userId: notice.userId,
        kind: notice.type,
        position: event.position,
        createdAt,
      });
  }
}

async function sessionOf(db: ProjectionDb, sessionId: string) {
  return db
    .selectFrom('notification_sessions')
    .selectAll()
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
}

/**
 * One person's notice about a session, with the session's title, start and length as the projection knows
 * them, and `extra` fields (which may override those). Nothing when the session is unknown.
 */
async function notifyAboutSession(
  db: ProjectionDb,
  event: RecordedEvent,
  sessionId: string,
  userId: string,
  type: NotificationType,
  extra: (session: NonNullable<Awaited<ReturnType<typeof sessionOf>>>) => Record<string, unknown>,
) {
  const session = await sessionOf(db, sessionId);
  if (!session) return;
  const data = {
    title: session.title,
    startsAt: iso(session.starts_at),
    durationMinutes: session.duration_minutes,
    ...extra(session),
  };
  await notify(db, event, [{ userId, type, actorId: null, subjectId: sessionId, data }]);
}

/** Registered and waitlisted people who had joined before `position`. */
async function rosterOf(db: ProjectionDb, sessionId: string, position: number): Promise<string[]> {
  const rows = await db
    .selectFrom('notification_session_people')
    .select('user_id')
    .where('session_id', '=', sessionId)
    .where('since_position', '<', position)
    .orderBy('since_position')
    .execute();
  return rows.map((r) => r.user_id);
}

const iso = (t: Date | string) => new Date(t).toISOString();

const events = EventRegistry.merge(
  pairEvents,
  directMessageEvents,
  sessionEvents,
  inboxEvents,
  ticketEvents,
  userEvents,
  reportEvents,
);

export const notificationsProjection = defineProjection({
  name: 'notifications',
  version: 1,
  // Not `mail_outbox`: a rebuild must not forget what was sent (see mail-outbox.ts).
  tables: ['notification_session_people', 'notification_sessions', 'notification_tickets', 'notifications'],
  events,
  runs: {
    // One statement for a crowd registering; a person's last request in the run is their place.
    SessionRegistrationAdded: async (db, run) => {
      const since = new Map<string, { session_id: string; user_id: string; since_position: number }>();
      for (const { data, position } of run)
        since.set(`${data.sessionId} ${data.userId}`, {
          session_id: data.sessionId,
          user_id: data.userId,
          since_position: position,
        });
      await db
        .insertInto('notification_session_people')
        .values([...since.values()])
        .onConflict((oc) =>
          oc
            .columns(['session_id', 'user_id'])
            .doUpdateSet((eb) => ({ since_position: eb.ref('excluded.since_position') })),
        )
        .execute();
    },
  },
  handlers: {
    /** The person is told why and until when (docs/api.md, "Administration"); emailed whatever the setting. */
    UserSuspended: async (db, event) => {
      const { userId, suspensionId, reason, until, by } = event.data;
      await notify(db, event, [
        { userId, type: 'account.suspended', actorId: by, subjectId: suspensionId, data: { reason, until } },
      ]);
    },
    /** An author whose content a moderator removed is told, with the moderator's note. */
    ReportsResolved: async (db, event) => {
      const { action, authorId, kind, targetId, note, by } = event.data;
      if (action !== 'remove_content' || !authorId || kind === 'user') return;
      await notify(db, event, [
        {
          userId: authorId,
          type: 'content.removed',
          actorId: by,
          subjectId: targetId,
          data: { contentKind: kind, reason: note },
        },
      ]);
    },
    ConnectionRequested: async (db, event) => {
      const { connectionId, fromUserId, toUserId, message } = event.data;
      await notify(db, event, [
        {
          userId: toUserId,
          type: 'connection.requested',
          actorId: fromUserId,
          subjectId: connectionId,
          data: { message },
        },
      ]);
    },
    ConnectionAccepted: async (db, event) => {
      const { connectionId, fromUserId, toUserId } = event.data;
      await notify(db, event, [
        {
          userId: fromUserId,
          type: 'connection.accepted',
          actorId: toUserId,
          subjectId: connectionId,
          data: {},
        },
      ]);
    },

    /**
     * Messages: one notice per sender while it is unread. A new message updates it (count, excerpt, time,
     * and moves it to the top); once read, the next message starts a new one.
     */
    DirectMessageSent: async (db, event) => {
      const { messageId, fromUserId, toUserId, seq, body } = event.data;
      // The notice from this sender that was unread when this message arrived (asked as of the event, so a
      // replay over kept rows finds the same one).
      const open = await db
        .selectFrom('notifications')
        .select(['id', 'data', 'position'])
        .where('user_id', '=', toUserId)
        .where('type', '=', 'message.received')
        .where('actor_id', '=', fromUserId)
        .where('first_position', '<', event.position)
        .where((w) => w.or([w('read_position', 'is', null), w('read_position', '>', event.position)]))
        .executeTakeFirst();
      if (open) {
        if (Number(open.position) >= event.position) return;
        await db
          .updateTable('notifications')
          .set({
            data: JSON.stringify({ count: (open.data.count ?? 1) + 1, excerpt: excerptOf(body) }),
            ref: messageId,
            ref_seq: seq,
            created_at: event.metadata.occurredAt,
            position: event.position,
          })
          .where('id', '=', open.id)
          .execute();
        return;
      }
      await notify(db, event, [
        {
          userId: toUserId,
          type: 'message.received',
          actorId: fromUserId,
          subjectId: fromUserId,
          data: { count: 1, excerpt: excerptOf(body) },
          ref: { id: messageId, seq },
        },
      ]);
    },
    DirectMessageEdited: async (db, { data }) => {
      await db
        .updateTable('notifications')
        .set({ data: sql`jsonb_set(data, '{excerpt}', to_jsonb(${excerptOf(data.body)}::text))` })
        .where('user_id', '=', data.toUserId)
        .where('ref', '=', data.messageId)
        .execute();
    },
    DirectMessageDeleted: async (db, { data }) => {
      await db
        .updateTable('notifications')
        .set({ data: sql`jsonb_set(data, '{excerpt}', 'null'::jsonb)` })
        .where('user_id', '=', data.toUserId)
        .where('ref', '=', data.messageId)
        .execute();
    },
    /** Reading the conversation reads its message notices too. */
    DirectMessagesRead: async (db, { data, metadata, position }) => {
      await db
        .updateTable('notifications')
        .set({ read_at: metadata.occurredAt, read_position: position })
        .where('user_id', '=', data.readerId)
        .where('type', '=', 'message.received')
        .where('actor_id', '=', data.otherUserId)
        .where('ref_seq', '<=', data.upToSeq)
        .where('read_at', 'is', null)
        .execute();
    },

    SessionScheduled: async (db, { data, position }) => {
      await db
        .insertInto('notification_sessions')
        .values({
          session_id: data.sessionId,
          host_id: data.hostId,
          title: data.title,
          starts_at: data.startsAt,
          duration_minutes: data.durationMinutes,
          position,
        })
        .onConflict((oc) => oc.column('session_id').doNothing())
        .execute();
    },
    SessionEdited: async (db, event) => {
      const { sessionId, changes } = event.data;
      const session = await sessionOf(db, sessionId);
      if (!session || Number(session.position) >= event.position) return;
      await db
        .updateTable('notification_sessions')
        .set({
          ...(changes.title !== undefined && { title: changes.title }),
          ...(changes.startsAt !== undefined && { starts_at: changes.startsAt }),
          ...(changes.durationMinutes !== undefined && { duration_minutes: changes.durationMinutes }),
          position: event.position,
        })
        .where('session_id', '=', sessionId)
        .execute();
      // docs/api.md: a change of time (start or length) is announced; other edits are not.
      if (changes.startsAt === undefined && changes.durationMinutes === undefined) return;
      const data: NotificationData = {
        title: changes.title ?? session.title,
        startsAt: changes.startsAt ?? iso(session.starts_at),
        durationMinutes: changes.durationMinutes ?? session.duration_minutes,
        previousStartsAt: iso(session.starts_at),
      };
      const people = await rosterOf(db, sessionId, event.position);
      await notify(
        db,
        event,
        people.map((userId) => ({
          userId,
          type: 'session.updated',
          actorId: null,
          subjectId: sessionId,
          data,
        })),
      );
    },
    SessionCancelled: async (db, event) => {
      const { sessionId, reason, byStaff } = event.data;
      const session = await sessionOf(db, sessionId);
      if (!session) return;
      const people = await rosterOf(db, sessionId, event.position);
      // A host whose session staff cancelled is told too.
      const recipients = byStaff ? [session.host_id, ...people] : people;
      await notify(
        db,
        event,
        recipients.map((userId) => ({
          userId,
          type: 'session.cancelled',
          actorId: null,
          subjectId: sessionId,
          data: {
            title: session.title,
            startsAt: iso(session.starts_at),
            durationMinutes: session.duration_minutes,
            reason,
            byStaff,
            hosting: userId === session.host_id,
          },
        })),
      );
    },
    SessionRegistrationCancelled: async (db, { data }) => {
      await db
        .deleteFrom('notification_session_people')
        .where('session_id', '=', data.sessionId)
        .where('user_id', '=', data.userId)
        .execute();
    },
    SessionWaitlistPromoted: async (db, event) => {
      const { sessionId, userId } = event.data;
      await notifyAboutSession(db, event, sessionId, userId, 'session.promoted', () => ({}));
    },
    SessionReminderSent: async (db, event) => {
      const { sessionId, userId, kind, startsAt } = event.data;
      await notifyAboutSession(db, event, sessionId, userId, 'session.reminder', (session) => ({
        startsAt,
        kind,
        hosting: userId === session.host_id,
      }));
    },

    /** Support tickets: the requester hears of each staff reply (internal notes stay unseen). */
    TicketOpened: async (db, { data, position }) => {
      await db
        .insertInto('notification_tickets')
        .values({ ticket_id: data.ticketId, subject: data.subject, position })
        .onConflict((oc) => oc.column('ticket_id').doNothing())
        .execute();
    },
    TicketMessagePosted: async (db, event) => {
      const { ticketId, requesterId, authorId, body, internal, byStaff } = event.data;
      if (!byStaff || internal) return;
      const ticket = await db
        .selectFrom('notification_tickets')
        .select('subject')
        .where('ticket_id', '=', ticketId)
        .executeTakeFirst();
      await notify(db, event, [
        {
          userId: requesterId,
          type: 'support.replied',
          actorId: authorId,
          subjectId: ticketId,
          data: { subject: ticket?.subject ?? 'Your support request', excerpt: excerptOf(body) },
        },
      ]);
    },

    NotificationsRead: async (db, { data, metadata, position }) => {
      await db
        .updateTable('notifications')
        .set({ read_at: metadata.occurredAt, read_position: position })
        .where('user_id', '=', data.userId)
        .where('position', '<=', data.upToPosition)
        .where('read_at', 'is', null)
        .execute();
    },
  },
});

export async function findNotification(db: Db, id: string): Promise<NotificationRow | undefined> {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A page of a person's notices, newest first, after the cursor `(position, id)` when given. */
export async function listNotifications(
  db: Db,
  userId: string,
  options: { limit: number; after?: { position: number; id: string } | undefined },
): Promise<NotificationRow[]> {
  let query = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  const after = options.after;
  if (after) {
    query = query.where((w) =>
      w.or([
        w('position', '<', after.position),
        w.and([w('position', '=', after.position), w('id', '<', after.id)]),
      ]),
    );
  }
  return query.orderBy('position', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface NamedPerson {
  id: string;
  displayName: string;
  email: string;
  timeZone: string | null;
  status: string;
}

/** The people notices name or go to (users read model), by id; unknown ids are left out. */
export async function findPeople(db: Db, ids: readonly string[]): Promise<Map<string, NamedPerson>> {
  const people = new Map<string, NamedPerson>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return people;
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'email', 'timezone', 'status'])
    .where('id', 'in', unique)
    .execute();
  for (const r of rows)
    people.set(r.id, {
      id: r.id,
      displayName: r.display_name,
      email: r.email,
      timeZone: r.timezone,
      status: r.status,
    });
  return people;
}
