import { describe, expect, it } from 'vitest';
import { deciderSpecification } from '../../../tests/support/decider.ts';
import { AppError } from '../../platform/errors.ts';
import type { TicketEvent } from './events.ts';
import { decideTicket, type TicketCommand } from './ticket.decide.ts';
import { evolveTicket, initialTicketState, type TicketState } from './ticket.ts';

const decider = { initial: initialTicketState, evolve: evolveTicket, decide: decideTicket };
const { given } = deciderSpecification<TicketState, TicketCommand, TicketEvent>(decider);
const status = (code: number) => (error: AppError) => expect(error.status).toBe(code);

const ticketId = 't-1';
const requesterId = 'ana';
const opened: TicketEvent = {
  type: 'TicketOpened',
  data: { ticketId, requesterId, subject: 'Help', category: 'general', messageId: 'm-1', body: 'Hi' },
};
const statusChanged = (
  to: 'open' | 'pending' | 'resolved' | 'closed',
  from: string,
  cause = 'staff',
): TicketEvent =>
  ({
    type: 'TicketStatusChanged',
    data: { ticketId, requesterId, assigneeId: null, status: to, previousStatus: from, cause },
  }) as TicketEvent;
const post = (authorId: string, staff: boolean, internal = false): TicketCommand => ({
  type: 'PostTicketMessage',
  authorId,
  staff,
  messageId: 'm-2',
  body: 'Reply',
  internal,
});
const posted = (authorId: string, byStaff: boolean, internal = false): TicketEvent => ({
  type: 'TicketMessagePosted',
  data: {
    ticketId,
    requesterId,
    assigneeId: null,
    messageId: 'm-2',
    authorId,
    body: 'Reply',
    internal,
    byStaff,
  },
});

describe('decideTicket', () => {
  it('opens a ticket once', () => {
    const { type: _t, ...data } = { type: 'OpenTicket' as const, ...opened.data };
    given([])
      .when({ type: 'OpenTicket', ...data })
      .then([opened]);
    given([opened])
      .when({ type: 'OpenTicket', ...data })
      .thenThrows(AppError, status(409));
  });

  it('takes replies from the requester and staff; others get 404, an unknown ticket 404', () => {
    given([opened])
      .when(post('ana', false))
      .then([posted('ana', false)]);
    given([opened])
      .when(post('admin', true))
      .then([posted('admin', true)]);
    given([opened]).when(post('bo', false)).thenThrows(AppError, status(404));
    given([]).when(post('ana', false)).thenThrows(AppError, status(404));
  });

  it('keeps internal notes to staff', () => {
    given([opened])
      .when(post('admin', true, true))
      .then([posted('admin', true, true)]);
    given([opened])
      .when(post('ana', false, true))
      .thenThrows(AppError, status(403));
  });

  it('reopens a pending or resolved ticket on the requester’s reply, not on staff’s', () => {
    for (const from of ['pending', 'resolved'] as const) {
      given([opened, statusChanged(from, 'open')])
        .when(post('ana', false))
        .then([posted('ana', false), statusChanged('open', from, 'reply')]);
      given([opened, statusChanged(from, 'open')])
        .when(post('admin', true))
        .then([posted('admin', true)]);
    }
  });

  it('keeps a closed ticket closed: replies, status changes and assignment are 409', () => {
    const closed = [opened, statusChanged('closed', 'open')];
    given(closed).when(post('ana', false)).thenThrows(AppError, status(409));
    given(closed).when(post('admin', true)).thenThrows(AppError, status(409));
    given(closed).when({ type: 'ChangeTicketStatus', status: 'open' }).thenThrows(AppError, status(409));
    given(closed).when({ type: 'AssignTicket', assigneeId: 'admin' }).thenThrows(AppError, status(409));
    given(closed).when({ type: 'ChangeTicketStatus', status: 'closed' }).thenNothingHappens();
  });

  it('changes status and assignee only when they change', () => {
    given([opened]).when({ type: 'ChangeTicketStatus', status: 'open' }).thenNothingHappens();
    given([opened])
      .when({ type: 'ChangeTicketStatus', status: 'pending' })
      .then([statusChanged('pending', 'open')]);
    const assigned: TicketEvent = {
      type: 'TicketAssigned',
      data: { ticketId, requesterId, assigneeId: 'admin', previousAssigneeId: null },
    };
    given([opened]).when({ type: 'AssignTicket', assigneeId: 'admin' }).then([assigned]);
    given([opened, assigned]).when({ type: 'AssignTicket', assigneeId: 'admin' }).thenNothingHappens();
  });
});
