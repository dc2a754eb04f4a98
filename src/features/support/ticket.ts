import type { RecordedTicketEvent, TicketCategory, TicketStatus } from './events.ts';
import { ticketEvents } from './events.ts';

export interface TicketMessage {
  id: string;
  authorId: string;
  body: string;
  internal: boolean;
  byStaff: boolean;
  createdAt: string;
}

export interface Ticket {
  status: TicketStatus;
  id: string;
  requesterId: string;
  subject: string;
  category: TicketCategory;
  assigneeId: string | null;
  createdAt: string;
  updatedAt: string;
  messages: TicketMessage[];
}

export type TicketState = { status: 'none' } | Ticket;

export const initialTicketState: TicketState = { status: 'none' };

export function evolveTicket(state: TicketState, event: RecordedTicketEvent): TicketState {
  const at = event.metadata.occurredAt;
  if (event.type === 'TicketOpened') {
    const { ticketId, requesterId, subject, category, messageId, body } = event.data;
    return {
      status: 'open',
      id: ticketId,
      requesterId,
      subject,
      category,
      assigneeId: null,
      createdAt: at,
      updatedAt: at,
      messages: [
        { id: messageId, authorId: requesterId, body, internal: false, byStaff: false, createdAt: at },
      ],
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'TicketMessagePosted': {
      const { messageId, authorId, body, internal, byStaff } = event.data;
      const message = { id: messageId, authorId, body, internal, byStaff, createdAt: at };
      return { ...state, updatedAt: at, messages: [...state.messages, message] };
    }
    case 'TicketAssigned':
      return { ...state, updatedAt: at, assigneeId: event.data.assigneeId };
    case 'TicketStatusChanged':
      return { ...state, updatedAt: at, status: event.data.status };
    default: {
      const _never: never = event;
      return state;
    }
  }
}

export const ticketAggregate = { initial: initialTicketState, evolve: evolveTicket, registry: ticketEvents };
