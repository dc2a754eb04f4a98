/**
 * The support feature's published contract (docs/api.md, "Support tickets"): a ticket's events, on
 * `ticket-<id>`. Every event names the requester and the assignee as of the event, so live frames and
 * notices need no lookup.
 */
import { z } from 'zod';
import {
  defineEvent,
  EventRegistry,
  type EventOf,
  type Recorded,
} from '../../platform/event-store/events.ts';

export const ticketStream = (ticketId: string) => `ticket-${ticketId}`;

export const ticketStatuses = ['open', 'pending', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];
/** `appeal`: a suspended person asking for a review of their suspension. */
export const ticketCategories = [
  'general',
  'account',
  'sessions',
  'safety',
  'technical',
  'appeal',
  'other',
] as const;
export type TicketCategory = (typeof ticketCategories)[number];

export const TicketOpened = defineEvent({
  type: 'TicketOpened',
  version: 1,
  schema: z.object({
    ticketId: z.string(),
    requesterId: z.string(),
    subject: z.string(),
    category: z.enum(ticketCategories),
    /** The first message, the body of the request. */
    messageId: z.string(),
    body: z.string(),
  }),
});
/** A reply (requester or staff) or, with `internal`, a note only staff see. */
export const TicketMessagePosted = defineEvent({
  type: 'TicketMessagePosted',
  version: 1,
  schema: z.object({
    ticketId: z.string(),
    requesterId: z.string(),
    assigneeId: z.string().nullable(),
    messageId: z.string(),
    authorId: z.string(),
    body: z.string(),
    internal: z.boolean(),
    /** Written by support staff (an admin), not the requester. */
    byStaff: z.boolean(),
  }),
});
export const TicketAssigned = defineEvent({
  type: 'TicketAssigned',
  version: 1,
  schema: z.object({
    ticketId: z.string(),
    requesterId: z.string(),
    assigneeId: z.string().nullable(),
    previousAssigneeId: z.string().nullable(),
  }),
});
export const TicketStatusChanged = defineEvent({
  type: 'TicketStatusChanged',
  version: 1,
  schema: z.object({
    ticketId: z.string(),
    requesterId: z.string(),
    assigneeId: z.string().nullable(),
    status: z.enum(ticketStatuses),
    previousStatus: z.enum(ticketStatuses),
    /** `reply`: the requester answered a pending or resolved ticket, which reopens it. */
    cause: z.enum(['staff', 'reply']),
  }),
});

const definitions = [TicketOpened, TicketMessagePosted, TicketAssigned, TicketStatusChanged] as const;
export type TicketEvent = EventOf<(typeof definitions)[number]>;
export type RecordedTicketEvent = Recorded<TicketEvent>;
export const ticketEvents = new EventRegistry<TicketEvent>(definitions);
export const ticketEventTypes = definitions.map((d) => d.type);
