import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import type { PairEvent } from './events.ts';
import type { PairConnection, PairState } from './pair.ts';

export type PairCommand =
  | {
      type: 'RequestConnection';
      connectionId: string;
      fromUserId: string;
      toUserId: string;
      message: string | null;
    }
  | { type: 'AcceptConnection'; connectionId: string; byUserId: string }
  | { type: 'DeclineConnection'; connectionId: string; byUserId: string }
  /** DELETE /api/connections/:id: withdraw a pending request you sent, or end an accepted connection. */
  | { type: 'RemoveConnection'; connectionId: string; byUserId: string }
  | { type: 'BlockUser'; blockerId: string; blockedId: string }
  | { type: 'UnblockUser'; blockerId: string; blockedId: string };

const ids = (c: PairConnection) => ({ connectionId: c.id, fromUserId: c.fromUserId, toUserId: c.toUserId });

/** Pure: the events a command causes between two people, or a domain error. */
export function decidePair(command: PairCommand, state: PairState): PairEvent[] {
  switch (command.type) {
    case 'RequestConnection':
      return request(command, state);
    case 'AcceptConnection': {
      const connection = openRequestFor(command, state, 'accept');
      return [{ type: 'ConnectionAccepted', data: ids(connection) }];
    }
    case 'DeclineConnection': {
      const connection = openRequestFor(command, state, 'decline');
      return [{ type: 'ConnectionDeclined', data: ids(connection) }];
    }
    case 'RemoveConnection':
      return remove(command, state);
    case 'BlockUser':
      return block(command, state);
    case 'UnblockUser': {
      const { blockerId, blockedId } = command;
      if (!state.blockedBy.includes(blockerId)) throw notFound('You have not blocked this person.');
      return [{ type: 'UserUnblocked', data: { blockerId, blockedId } }];
    }
    default: {
      const _never: never = command;
      return _never;
    }
  }
}

function request(
  command: Extract<PairCommand, { type: 'RequestConnection' }>,
  state: PairState,
): PairEvent[] {
  const { connectionId, fromUserId, toUserId, message } = command;
  if (fromUserId === toUserId) {
    throw invalid('You cannot connect with yourself.', [
      { path: 'userId', message: 'Choose someone other than yourself.' },
    ]);
  }
  if (state.blockedBy.includes(fromUserId))
    throw forbidden('You blocked this person. Unblock them first to send a request.');
  if (state.blockedBy.length > 0) throw forbidden('This person does not accept requests from you.');
  const current = state.connection;
  if (current?.status === 'accepted') throw conflict('You are already connected with this person.');
  if (current?.status === 'pending') {
    if (current.fromUserId === fromUserId)
      throw conflict('You already sent this person a request; it is still waiting for an answer.');
    throw new AppError(
      409,
      'Conflict',
      'This person already sent you a request. Accept it instead of sending one back.',
      { connectionId: current.id },
    );
  }
  return [{ type: 'ConnectionRequested', data: { connectionId, fromUserId, toUserId, message } }];
}

/** The pending request `command` may answer; only its receiver may, and only once. */
function openRequestFor(
  command: { connectionId: string; byUserId: string },
  state: PairState,
  verb: 'accept' | 'decline',
): PairConnection {
  const connection = current(command.connectionId, state);
  if (connection.toUserId !== command.byUserId) {
    throw forbidden(`Only the person who received this request can ${verb} it.`);
  }
  if (connection.status !== 'pending') throw conflict(noLongerPending(connection));
  if (state.blockedBy.length > 0) throw forbidden('One of you has blocked the other.');
  return connection;
}

function remove(command: Extract<PairCommand, { type: 'RemoveConnection' }>, state: PairState): PairEvent[] {
  const connection = current(command.connectionId, state);
  const { byUserId } = command;
  if (connection.status === 'pending') {
    if (connection.fromUserId !== byUserId)
      throw forbidden('Only the sender can withdraw a request. Decline it instead.');
    return [{ type: 'ConnectionWithdrawn', data: ids(connection) }];
  }
  if (connection.status === 'accepted') {
    return [
      { type: 'ConnectionEnded', data: { ...ids(connection), endedBy: byUserId, reason: 'disconnected' } },
    ];
  }
  throw conflict(noLongerPending(connection));
}

function block(command: Extract<PairCommand, { type: 'BlockUser' }>, state: PairState): PairEvent[] {
  const { blockerId, blockedId } = command;
  if (blockerId === blockedId) {
    throw invalid('You cannot block yourself.', [
      { path: 'userId', message: 'Choose someone other than yourself.' },
    ]);
  }
  if (state.blockedBy.includes(blockerId)) throw conflict('You have already blocked this person.');
  const events: PairEvent[] = [{ type: 'UserBlocked', data: { blockerId, blockedId } }];
  const connection = state.connection;
  if (connection?.status === 'accepted') {
    events.push({
      type: 'ConnectionEnded',
      data: { ...ids(connection), endedBy: blockerId, reason: 'blocked' },
    });
  } else if (connection?.status === 'pending') {
    events.push(
      connection.fromUserId === blockerId
        ? { type: 'ConnectionWithdrawn', data: ids(connection) }
        : { type: 'ConnectionDeclined', data: ids(connection) },
    );
  }
  return events;
}

/**
 * The pair's connection with this id. Older connections of the pair are over by construction (a new
 * request is only possible once the last one ended), so an id that is not the latest is a 409.
 */
function current(connectionId: string, state: PairState): PairConnection {
  const connection = state.connection;
  if (!connection) throw notFound('No such connection.');
  if (connection.id !== connectionId) throw conflict('This request or connection is already over.');
  return connection;
}

function noLongerPending(connection: PairConnection): string {
  switch (connection.status) {
    case 'pending':
      return 'This request is still waiting for an answer.';
    case 'accepted':
      return 'This request was already accepted.';
    case 'declined':
      return 'This request was already declined.';
    case 'withdrawn':
      return 'This request was withdrawn by its sender.';
    case 'ended':
      return 'This connection has already ended.';
    default: {
      const _never: never = connection.status;
      return _never;
    }
  }
}
