import { conflict, forbidden, notFound } from '../../platform/errors.ts';
import { RING_TIMEOUT_MS, type CallEvent } from './events.ts';
import type { CallParties, CallState } from './call.ts';

/**
 * The life of a built-in 1:1 call. Whether the two may call each other (`allowed`) is read from their pair
 * stream by the service just before the command, for every command that needs it.
 */
export type CallCommand =
  | { type: 'PlaceCall'; parties: CallParties; calleeBusy: boolean; now: Date }
  | { type: 'AcceptCall'; by: string; allowed: boolean; now: Date }
  | { type: 'DeclineCall'; by: string; now: Date }
  | { type: 'EndCall'; by: string; now: Date }
  /** The scheduler: nobody answered in time. */
  | { type: 'MarkCallMissed'; now: Date }
  /** The scheduler: the two may no longer call each other (a block, a disconnection). */
  | { type: 'EndDisallowedCall'; now: Date };

const ringingUntil = (rangAt: string) => Date.parse(rangAt) + RING_TIMEOUT_MS;

/** Pure: the events a command causes on one call, or a domain error. */
export function decideCall(command: CallCommand, state: CallState): CallEvent[] {
  switch (command.type) {
    case 'PlaceCall':
      if (state.status !== 'none') throw conflict('This call already exists.');
      return [{ type: 'CallPlaced', data: { ...command.parties, calleeBusy: command.calleeBusy } }];
    case 'AcceptCall': {
      const call = ringing(state, command.by, 'answer');
      if (command.now.getTime() >= ringingUntil(call.rangAt))
        throw conflict('This call was not answered in time and is over.');
      if (!command.allowed) throw forbidden('You can no longer call this person.');
      return [{ type: 'CallAccepted', data: parties(call) }];
    }
    case 'DeclineCall':
      return [{ type: 'CallDeclined', data: parties(ringing(state, command.by, 'decline')) }];
    case 'EndCall':
      return end(state, command.by);
    case 'MarkCallMissed':
      if (state.status !== 'ringing' || command.now.getTime() < ringingUntil(state.rangAt)) return [];
      return [{ type: 'CallMissed', data: parties(state) }];
    case 'EndDisallowedCall':
      if (state.status !== 'ringing' && state.status !== 'ongoing') return [];
      return [{ type: 'CallEnded', data: { ...parties(state), endedBy: null, reason: 'not-allowed' } }];
    default: {
      const _never: never = command;
      return _never;
    }
  }
}

const parties = (call: CallParties): CallParties => ({
  callId: call.callId,
  room: call.room,
  callerId: call.callerId,
  calleeId: call.calleeId,
});

function known(state: CallState, by: string): Exclude<CallState, { status: 'none' }> {
  // A call you are not part of is none of your business: the same 404 as one that does not exist.
  if (state.status === 'none' || (state.callerId !== by && state.calleeId !== by))
    throw notFound('No such call.');
  return state;
}

function ringing(state: CallState, by: string, verb: 'answer' | 'decline') {
  const call = known(state, by);
  if (call.calleeId !== by) throw forbidden(`Only the person being called can ${verb} the call.`);
  if (call.status !== 'ringing') throw conflict(overDetail(call));
  return call;
}

/** Hanging up: before an answer the caller cancels (the callee declines instead); ending twice is a no-op. */
function end(state: CallState, by: string): CallEvent[] {
  const call = known(state, by);
  if (call.status === 'ended') return [];
  if (call.status === 'ringing') {
    if (call.calleeId === by) return [{ type: 'CallDeclined', data: parties(call) }];
    return [{ type: 'CallEnded', data: { ...parties(call), endedBy: by, reason: 'cancelled' } }];
  }
  return [{ type: 'CallEnded', data: { ...parties(call), endedBy: by, reason: 'hung-up' } }];
}

function overDetail(call: Exclude<CallState, { status: 'none' }>): string {
  switch (call.status) {
    case 'ringing':
      return 'This call is still ringing.';
    case 'ongoing':
      return 'This call was already answered.';
    case 'ended':
      return call.outcome === 'missed'
        ? 'This call was not answered in time and is over.'
        : 'This call is already over.';
    default: {
      const _never: never = call;
      return _never;
    }
  }
}
