import type { Aggregate } from '../../platform/commands.ts';
import { callEvents, type CallEvent, type RecordedCallEvent } from './events.ts';

export interface CallParties {
  callId: string;
  room: string;
  callerId: string;
  calleeId: string;
}

/** Where a built-in 1:1 call stands; `ended` says how it ended. */
export type CallState =
  | { status: 'none' }
  | (CallParties & { status: 'ringing'; rangAt: string })
  | (CallParties & { status: 'ongoing'; rangAt: string; answeredAt: string })
  | (CallParties & {
      status: 'ended';
      rangAt: string;
      outcome: 'busy' | 'declined' | 'missed' | 'hung-up' | 'cancelled' | 'not-allowed';
    });

export const initialCallState: CallState = { status: 'none' };

const partiesOf = ({ callId, room, callerId, calleeId }: CallParties): CallParties => ({
  callId,
  room,
  callerId,
  calleeId,
});

export function evolveCall(state: CallState, event: RecordedCallEvent): CallState {
  const at = event.metadata.occurredAt;
  const rangAt = state.status === 'none' ? at : state.rangAt;
  switch (event.type) {
    case 'CallPlaced':
      return event.data.calleeBusy
        ? { ...partiesOf(event.data), status: 'ended', rangAt: at, outcome: 'busy' }
        : { ...partiesOf(event.data), status: 'ringing', rangAt: at };
    case 'CallAccepted':
      return { ...partiesOf(event.data), status: 'ongoing', rangAt, answeredAt: at };
    case 'CallDeclined':
      return { ...partiesOf(event.data), status: 'ended', rangAt, outcome: 'declined' };
    case 'CallMissed':
      return { ...partiesOf(event.data), status: 'ended', rangAt, outcome: 'missed' };
    case 'CallEnded':
      return { ...partiesOf(event.data), status: 'ended', rangAt, outcome: event.data.reason };
    default: {
      const _never: never = event;
      return state;
    }
  }
}

export const callAggregate: Aggregate<CallState, CallEvent> = {
  initial: initialCallState,
  evolve: evolveCall,
  registry: callEvents,
};
