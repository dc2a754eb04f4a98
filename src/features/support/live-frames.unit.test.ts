import { describe, expect, it } from 'vitest';
import { recorded } from '../../../tests/support/decider.ts';
import type { RecordedEvent } from '../../platform/event-store/port.ts';
import type { TicketEvent } from './events.ts';
import { ticketLiveFrames } from './live-frames.ts';

const ticketId = '7c7e0000-0000-4000-8000-000000000001';
const frames = (event: TicketEvent) => ticketLiveFrames(recorded([event])[0] as RecordedEvent);
const users = (list: readonly { userId: string }[]) => list.map((f) => f.userId);
const message = (authorId: string, internal: boolean, assigneeId: string | null = 'sam'): TicketEvent => ({
  type: 'TicketMessagePosted',
  data: {
    ticketId,
    requesterId: 'ana',
    assigneeId,
    messageId: 'm',
    authorId,
    body: 'x',
    internal,
    byStaff: true,
  },
});

describe('ticketLiveFrames', () => {
  it('sends a reply to the requester, the assignee and the author, once each', () => {
    expect(users(frames(message('ada', false)))).toEqual(['ana', 'sam', 'ada']);
    expect(users(frames(message('sam', false)))).toEqual(['ana', 'sam']);
    expect(frames(message('sam', false))[0]!.frame).toEqual({
      type: 'ticket.message',
      ticketId,
      messageId: 'm',
      internal: false,
    });
    expect(users(frames(message('ada', false, null)))).toEqual(['ana', 'ada']);
  });

  it('never sends an internal note to the requester', () => {
    expect(users(frames(message('ada', true)))).toEqual(['sam', 'ada']);
  });

  it('tells the requester and both assignees about a new assignee, and both sides about a status', () => {
    const assigned = frames({
      type: 'TicketAssigned',
      data: { ticketId, requesterId: 'ana', assigneeId: 'sam', previousAssigneeId: 'ada' },
    });
    expect(users(assigned)).toEqual(['ana', 'sam', 'ada']);
    const status = frames({
      type: 'TicketStatusChanged',
      data: {
        ticketId,
        requesterId: 'ana',
        assigneeId: null,
        status: 'pending',
        previousStatus: 'open',
        cause: 'staff',
      },
    });
    expect(status).toEqual([
      { userId: 'ana', frame: { type: 'ticket.updated', ticketId, status: 'pending' } },
    ]);
    expect(
      frames({
        type: 'TicketOpened',
        data: { ticketId, requesterId: 'ana', subject: 's', category: 'general', messageId: 'm', body: 'b' },
      }),
    ).toEqual([]);
  });
});
