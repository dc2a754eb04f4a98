import { createModel, signal } from '@preact/signals';
import { errorText } from '../lib/error-text.ts';
import { navigate, paths } from '../lib/router.ts';
import { SubmissionModel } from '../lib/submission.model.ts';
import { live } from '../live/live.model.ts';
import { supportApi, type Ticket, type TicketCategory, type TicketSummary } from './api.ts';

/** The Help page: my support requests, and the form to open one. */
export const HelpModel = createModel(() => {
  const tickets = signal<TicketSummary[] | null>(null);
  const loadError = signal<string | null>(null);
  const subject = signal('');
  const body = signal('');
  const category = signal<TicketCategory>('general');
  const submission = new SubmissionModel();

  async function load() {
    try {
      tickets.value = (await supportApi.mine()).tickets;
      loadError.value = null;
    } catch (err) {
      loadError.value = errorText(err, 'Could not load your requests.');
    }
  }

  return {
    tickets,
    loadError,
    subject,
    body,
    category,
    submission,
    /** Loads the list and keeps it current from live frames; returns the cleanup. */
    open(): () => void {
      void load();
      return live.subscribe((frame) => {
        if (frame.type.startsWith('ticket.')) void load();
      });
    },
    async submit() {
      const ticket = await submission.run(() =>
        supportApi.open({ subject: subject.value, body: body.value, category: category.value }),
      );
      if (ticket) navigate(paths.helpTicket(ticket.id));
    },
  };
});

/** One request: its messages, live replies, and my reply. */
export const TicketModel = createModel((id: string) => {
  const ticket = signal<Ticket | null>(null);
  const loadError = signal<string | null>(null);
  const reply = signal('');
  const submission = new SubmissionModel();

  async function load() {
    try {
      ticket.value = await supportApi.get(id);
      loadError.value = null;
    } catch (err) {
      loadError.value = errorText(err, 'Could not load this request.');
    }
  }

  return {
    ticket,
    loadError,
    reply,
    submission,
    open(): () => void {
      void load();
      return live.subscribe((frame) => {
        if (frame.type.startsWith('ticket.') && frame.ticketId === id) void load();
      });
    },
    async send() {
      const sent = await submission.run(() => supportApi.reply(id, reply.value));
      if (sent) {
        reply.value = '';
        await load();
      }
    },
  };
});
