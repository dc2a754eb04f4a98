import type { Selectable } from 'kysely';
import { ticketEvents, type TicketCategory, type TicketStatus } from '../src/features/support/events.ts';
import type { Db } from '../src/platform/db/database.ts';
import type { Timestamp } from '../src/platform/db/schema.ts';
import { defineProjection, type ProjectionDb } from '../src/platform/projections/projection.ts';

/**
 * Support tickets for lists: the person's own and the staff queue (docs/api.md, "Support tickets"), with
 * the times support is measured by. A ticket's messages are read from its stream.
 *
 * Measured time counts only while a ticket waits for staff: `open`. It pauses while `pending` (waiting for
 * the requester) and stops at `resolved` or `closed`; a requester's reply reopens it and it runs on.
 */
export interface SupportTicketsTable {
  id: string;
  requester_id: string;
  subject: string;
  category: TicketCategory;
  status: TicketStatus;
  assignee_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Position of `TicketOpened`: the queue's order (oldest first) and cursor. */
  opened_position: number;
  /** Position of the latest event: "my tickets" order (latest activity first), cursor, replay guard. */
  position: number;
  /** Replies and notes after the opening message. */
  replies: number;
  /** The first reply by staff that the requester sees. */
  first_response_at: Timestamp | null;
  /** Seconds spent `open` before `active_since`. */
  active_seconds: number;
  /** When the ticket last became `open`; null while it is not. */
  active_since: Timestamp | null;
  /** Set while resolved or closed: when, and how many open seconds it took. */
  resolved_at: Timestamp | null;
  resolution_seconds: number | null;
}

export interface SupportTables {
  support_tickets: SupportTicketsTable;
}

export type SupportTicketRow = Selectable<SupportTicketsTable>;

const seconds = (from: Date | string, to: string) =>
  Math.max(0, (Date.parse(to) - new Date(from).getTime()) / 1000);

export const supportTicketsProjection = defineProjection({
  name: 'support_tickets',
  version: 1,
  tables: ['support_tickets'],
  events: ticketEvents,
  handlers: {
    TicketOpened: async (db, { data, metadata, position }) => {
      const at = metadata.occurredAt;
      await db
        .insertInto('support_tickets')
        .values({
          id: data.ticketId,
          requester_id: data.requesterId,
          subject: data.subject,
          category: data.category,
          status: 'open',
          assignee_id: null,
          created_at: at,
          updated_at: at,
          opened_position: position,
          position,
          replies: 0,
          first_response_at: null,
          active_seconds: 0,
          active_since: at,
          resolved_at: null,
          resolution_seconds: null,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },
    TicketMessagePosted: async (db, { data, metadata, position }) => {
      const row = await find(db, data.ticketId);
      if (!row || Number(row.position) >= position) return;
      const response = data.byStaff && !data.internal && row.first_response_at === null;
      await db
        .updateTable('support_tickets')
        .set({
          replies: row.replies + 1,
          updated_at: metadata.occurredAt,
          position,
          ...(response && { first_response_at: metadata.occurredAt }),
        })
        .where('id', '=', row.id)
        .execute();
    },
    TicketAssigned: async (db, { data, metadata, position }) => {
      await db
        .updateTable('support_tickets')
        .set({ assignee_id: data.assigneeId, updated_at: metadata.occurredAt, position })
        .where('id', '=', data.ticketId)
        .where('position', '<', position)
        .execute();
    },
    TicketStatusChanged: async (db, { data, metadata, position }) => {
      const row = await find(db, data.ticketId);
      if (!row || Number(row.position) >= position) return;
      const at = metadata.occurredAt;
      const active =
        Number(row.active_seconds) + (row.active_since === null ? 0 : seconds(row.active_since, at));
      const done = data.status === 'resolved' || data.status === 'closed';
      await db
        .updateTable('support_tickets')
        .set({
          status: data.status,
          updated_at: at,
          position,
          active_seconds: active,
          active_since: data.status === 'open' ? at : null,
          resolved_at: done ? at : null,
          resolution_seconds: done ? active : null,
        })
        .where('id', '=', row.id)
        .execute();
    },
  },
});

function find(db: ProjectionDb, id: string) {
  return db.selectFrom('support_tickets').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Seconds a ticket has waited for staff by `now`, pauses left out. */
export function openSecondsOf(row: SupportTicketRow, now: Date): number {
  const running = row.active_since === null ? 0 : seconds(row.active_since, now.toISOString());
  return Math.round(Number(row.active_seconds) + running);
}

/** One page of a person's tickets, latest activity first; `before` is the previous page's last position. */
export async function myTickets(
  db: Db,
  userId: string,
  page: { limit: number; before?: number | undefined },
) {
  let query = db.selectFrom('support_tickets').selectAll().where('requester_id', '=', userId);
  if (page.before !== undefined) query = query.where('position', '<', page.before);
  const rows = await query
    .orderBy('position', 'desc')
    .limit(page.limit + 1)
    .execute();
  return { rows: rows.slice(0, page.limit), more: rows.length > page.limit };
}

/** The staff queue: oldest first, by status and assignee; `after` is the previous page's last opened_position. */
export async function ticketQueue(
  db: Db,
  filter: { status?: TicketStatus | undefined; assigneeId?: string | null | undefined },
  page: { limit: number; after?: number | undefined },
) {
  let query = db.selectFrom('support_tickets').selectAll();
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.assigneeId === null) query = query.where('assignee_id', 'is', null);
  else if (filter.assigneeId) query = query.where('assignee_id', '=', filter.assigneeId);
  if (page.after !== undefined) query = query.where('opened_position', '>', page.after);
  const rows = await query
    .orderBy('opened_position', 'asc')
    .limit(page.limit + 1)
    .execute();
  return { rows: rows.slice(0, page.limit), more: rows.length > page.limit };
}

/** Whether `requesterId` opened an appeal at or after `since` (one appeal per suspension). */
export async function appealedSince(db: Db, requesterId: string, since: string): Promise<boolean> {
  const row = await db
    .selectFrom('support_tickets')
    .select('id')
    .where('requester_id', '=', requesterId)
    .where('category', '=', 'appeal')
    .where('created_at', '>=', new Date(since))
    .executeTakeFirst();
  return row !== undefined;
}
