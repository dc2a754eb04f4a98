import type { Aggregate } from '../../platform/commands.ts';
import { pairEvents, type ConnectionStatus, type PairEvent, type RecordedPairEvent } from './events.ts';

export type { ConnectionStatus } from './events.ts';

export interface PairConnection {
  id: string;
  fromUserId: string;
  toUserId: string;
  status: ConnectionStatus;
  message: string | null;
  createdAt: string;
}

/** What two people are to each other: their latest connection (if any) and who blocks whom. */
export interface PairState {
  connection: PairConnection | null;
  blockedBy: readonly string[];
}

export const initialPairState: PairState = { connection: null, blockedBy: [] };

export function evolvePair(state: PairState, event: RecordedPairEvent): PairState {
  const setStatus = (connectionId: string, status: ConnectionStatus): PairState =>
    state.connection && state.connection.id === connectionId
      ? { ...state, connection: { ...state.connection, status } }
      : state;
  switch (event.type) {
    case 'ConnectionRequested': {
      const { connectionId: id, fromUserId, toUserId, message } = event.data;
      const connection = { id, fromUserId, toUserId, message, status: 'pending' as const };
      return { ...state, connection: { ...connection, createdAt: event.metadata.occurredAt } };
    }
    case 'ConnectionAccepted':
      return setStatus(event.data.connectionId, 'accepted');
    case 'ConnectionDeclined':
      return setStatus(event.data.connectionId, 'declined');
    case 'ConnectionWithdrawn':
      return setStatus(event.data.connectionId, 'withdrawn');
    case 'ConnectionEnded':
      return setStatus(event.data.connectionId, 'ended');
    case 'UserBlocked':
      return state.blockedBy.includes(event.data.blockerId)
        ? state
        : { ...state, blockedBy: [...state.blockedBy, event.data.blockerId] };
    case 'UserUnblocked':
      return { ...state, blockedBy: state.blockedBy.filter((id) => id !== event.data.blockerId) };
    default: {
      const _never: never = event;
      return state;
    }
  }
}

export const pairAggregate: Aggregate<PairState, PairEvent> = {
  initial: initialPairState,
  evolve: evolvePair,
  registry: pairEvents,
};

/** Two people may message and call each other: connected, and neither blocks the other. */
export const canTalk = (state: PairState) =>
  state.connection?.status === 'accepted' && state.blockedBy.length === 0;
