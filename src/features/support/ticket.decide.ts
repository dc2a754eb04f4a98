import { conflict, forbidden, notFound } from '../../platform/errors.ts';
import type { TicketCategory, TicketEvent, TicketStatus } from './events.ts';
import type { Ticket, TicketState } from './ticket.ts';

/**
 * Who acts always comes from the signed-in session; `staff` says they are support staff (admin and above),
 * looked up by the route. Ids come in with the command, so deciding stays pure.
 */
export type TicketCommand =
  | {
      type: 'OpenTicket';
      ticketId: string;
      requesterId: string;
      subject: string;
      category: TicketCategory;
      messageId: string;
      body: string;
    }
  | {
      type: 'PostTicketMessage';
      authorId: string;
      staff: boolean;
      messageId: string;
      body: string;
      internal: boolean;
    }
  | { type: 'AssignTicket'; assigneeId: string | null }
  | { type: 'ChangeTicketStatus'; status: TicketStatus };

/** The ticket, or 404 when there is none. */
export function requireTicket(state: TicketState): Ticket {
  if (state.status === 'none') throw notFound('No support ticket with this id.');
  return state;
}

/** Anyone but the requester and staff is told there is no such ticket: its existence is not theirs to know. */
export function requireReader(ticket: Ticket, userId: string, staff: boolean): Ticket {
  if (!staff && ticket.requesterId !== userId) throw notFound('No support ticket with this id.');
  return ticket;
}

const closedStaysClosed = () =>
  conflict('This ticket is closed, so it takes no more replies or changes. Open a new one instead.');

/** Pure: the events a command causes on a ticket's stream, or a domain error. */
export function decideTicket(command: TicketCommand, state: TicketState): TicketEvent[] {
  switch (command.type) {
    case 'OpenTicket': {
      if (state.status !== 'none') throw conflict('This ticket already exists.');
      const { type: _t, ...data } = command;
      return [{ type: 'TicketOpened', data }];
    }
    case 'PostTicketMessage': {
      const ticket = requireReader(requireTicket(state), command.authorId, command.staff);
      const byRequester = command.authorId === ticket.requesterId;
      if (command.internal && !command.staff) throw forbidden('Only support staff write internal notes.');
      if (ticket.status === 'closed') throw closedStaysClosed();
      const { id: ticketId, requesterId, assigneeId } = ticket;
      const { messageId, authorId, body, internal } = command;
      const events: TicketEvent[] = [
        {
          type: 'TicketMessagePosted',
          data: {
            ticketId,
            requesterId,
            assigneeId,
            messageId,
            authorId,
            body,
            internal,
            byStaff: !byRequester,
          },
        },
      ];
      // docs/api.md: the requester's reply reopens a pending or resolved ticket.
      if (byRequester && !internal && (ticket.status === 'pending' || ticket.status === 'resolved')) {
        events.push({
          type: 'TicketStatusChanged',
          data: {
            ticketId,
            requesterId,
            assigneeId,
            status: 'open',
            previousStatus: ticket.status,
            cause: 'reply',
          },
        });
      }
      return events;
    }
    case 'AssignTicket': {
      const ticket = requireTicket(state);
      if (ticket.assigneeId === command.assigneeId) return [];
      if (ticket.status === 'closed') throw closedStaysClosed();
      const { id: ticketId, requesterId, assigneeId: previousAssigneeId } = ticket;
      return [
        {
          type: 'TicketAssigned',
          data: { ticketId, requesterId, assigneeId: command.assigneeId, previousAssigneeId },
        },
      ];
    }
    case 'ChangeTicketStatus': {
      const ticket = requireTicket(state);
      if (ticket.status === command.status) return [];
      if (ticket.status === 'closed') throw closedStaysClosed();
      const { id: ticketId, requesterId, assigneeId, status: previousStatus } = ticket;
      return [
        {
          type: 'TicketStatusChanged',
          data: { ticketId, requesterId, assigneeId, status: command.status, previousStatus, cause: 'staff' },
        },
      ];
    }
    default: {
      const _never: never = command;
      return _never;
    }
  }
}
