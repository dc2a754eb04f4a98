import type { RecordedEvent } from '../../platform/event-store/port.ts';
import type { LiveFrame, LiveFrameMapper } from '../../platform/realtime/live-frames.ts';
import { ticketEvents } from './events.ts';

const handled = new Set(['TicketMessagePosted', 'TicketAssigned', 'TicketStatusChanged']);
const to = (userIds: Iterable<string | null>, frame: LiveFrame) =>
  [...new Set(userIds)].flatMap((userId) => (userId ? [{ userId, frame }] : []));

/**
 * Ticket frames on `/api/live` (docs/api.md, "Support tickets"): a reply to the requester and the assignee
 * (an internal note to the assignee only), a change of status or assignee to both (and the previous
 * assignee). The author's other tabs hear of their own reply. Clients refetch the ticket for its content.
 */
export const ticketLiveFrames: LiveFrameMapper = (event: RecordedEvent) => {
  if (!handled.has(event.type)) return [];
  const e = ticketEvents.decode(event);
  switch (e.type) {
    case 'TicketMessagePosted': {
      const { ticketId, requesterId, assigneeId, messageId, authorId, internal } = e.data;
      const people = internal ? [assigneeId, authorId] : [requesterId, assigneeId, authorId];
      return to(people, { type: 'ticket.message', ticketId, messageId, internal });
    }
    case 'TicketAssigned': {
      const { ticketId, requesterId, assigneeId, previousAssigneeId } = e.data;
      return to([requesterId, assigneeId, previousAssigneeId], {
        type: 'ticket.updated',
        ticketId,
        assigneeId,
      });
    }
    case 'TicketStatusChanged': {
      const { ticketId, requesterId, assigneeId, status } = e.data;
      return to([requesterId, assigneeId], { type: 'ticket.updated', ticketId, status });
    }
    default:
      return [];
  }
};
