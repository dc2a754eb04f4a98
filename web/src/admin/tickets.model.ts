import { createModel, signal } from '@preact/signals';
import { errorText } from '../lib/error-text.ts';
import { SubmissionModel } from '../lib/submission.model.ts';
import { live } from '../live/live.model.ts';
import { adminApi, type Ticket, type TicketQueueItem, type TicketStatus } from './api.ts';
import { pagedList } from './paged-list.ts';

export interface TicketFilter {
  status: TicketStatus | '';
  /** A staff member's id, `none` for unassigned, or empty for anyone. */
  assigneeId: string;
}

/** The support queue (admins): oldest first, filtered by status and assignee, kept current live. */
export const TicketsModel = createModel(() => {
  const filter = signal<TicketFilter>({ status: 'open', assigneeId: '' });
  const list = pagedList<TicketQueueItem>(
    (cursor) =>
      adminApi.tickets(filter.value, cursor).then((p) => ({ items: p.tickets, nextCursor: p.nextCursor })),
    (t) => t.id,
  );
  return {
    filter,
    list,
    set<K extends keyof TicketFilter>(key: K, value: TicketFilter[K]) {
      filter.value = { ...filter.value, [key]: value };
      void list.reload();
    },
    open(): () => void {
      void list.reload();
      return live.subscribe((frame) => {
        if (frame.type.startsWith('ticket.')) void list.reload();
      });
    },
  };
});

/** One ticket for staff: messages with internal notes, replies and notes, status and assignee. */
export const AdminTicketModel = createModel((id: string) => {
  const ticket = signal<Ticket | null>(null);
  const loadError = signal<string | null>(null);
  const reply = signal('');
  const internal = signal(false);
  const submission = new SubmissionModel();
  const action = new SubmissionModel(() => null);

  async function load() {
    try {
      ticket.value = await adminApi.ticket(id);
      loadError.value = null;
    } catch (err) {
      loadError.value = errorText(err, 'Could not load this ticket.');
    }
  }

  return {
    ticket,
    loadError,
    reply,
    internal,
    submission,
    action,
    open(): () => void {
      void load();
      return live.subscribe((frame) => {
        if (frame.type.startsWith('ticket.') && frame.ticketId === id) void load();
      });
    },
    async send() {
      const sent = await submission.run(() => adminApi.replyToTicket(id, reply.value, internal.value));
      if (sent) {
        reply.value = '';
        internal.value = false;
        await load();
      }
    },
    async setStatus(status: TicketStatus) {
      const next = await action.run(() => adminApi.setTicketStatus(id, status));
      if (next) ticket.value = next;
    },
    async assign(assigneeId: string | null) {
      const next = await action.run(() => adminApi.assignTicket(id, assigneeId));
      if (next) ticket.value = next;
    },
  };
});
