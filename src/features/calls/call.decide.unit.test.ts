import { describe, expect, it } from 'vitest';
import { deciderSpecification, GIVEN_AT } from '../../../tests/support/decider.ts';
import { AppError } from '../../platform/errors.ts';
import { decideCall, type CallCommand } from './call.decide.ts';
import { evolveCall, initialCallState, type CallState } from './call.ts';
import type { CallEvent } from './events.ts';

const { given } = deciderSpecification<CallState, CallCommand, CallEvent>({
  initial: initialCallState,
  evolve: evolveCall,
  decide: decideCall,
});

const ana = '11111111-1111-4111-8111-111111111111';
const bo = '22222222-2222-4222-8222-222222222222';
const cy = '33333333-3333-4333-8333-333333333333';
const parties = {
  callId: 'c0c0c0c0-0000-4000-8000-000000000001',
  room: `dm-${ana}_${bo}`,
  callerId: ana,
  calleeId: bo,
};
const rang = Date.parse(GIVEN_AT);
const at = (seconds: number) => new Date(rang + seconds * 1000);

const placed: CallEvent = { type: 'CallPlaced', data: { ...parties, calleeBusy: false } };
const accepted: CallEvent = { type: 'CallAccepted', data: parties };
const status = (check: (e: AppError) => void) => check;
const is = (code: number) => status((e) => expect(e.status).toBe(code));

describe('a built-in call', () => {
  describe('when nobody rang yet', () => {
    it('places the call, or records "busy" when the callee is in another call', () => {
      given([])
        .when({ type: 'PlaceCall', parties, calleeBusy: false, now: at(0) })
        .then([placed]);
      given([])
        .when({ type: 'PlaceCall', parties, calleeBusy: true, now: at(0) })
        .then([{ type: 'CallPlaced', data: { ...parties, calleeBusy: true } }]);
    });
    it('knows no call to answer (404)', () => {
      given([])
        .when({ type: 'AcceptCall', by: bo, allowed: true, now: at(1) })
        .thenThrows(AppError, is(404));
    });
  });

  describe('when it rings', () => {
    it('lets the callee accept within 30 s', () => {
      given([placed])
        .when({ type: 'AcceptCall', by: bo, allowed: true, now: at(29) })
        .then([accepted]);
    });
    it('refuses an answer after 30 s (409), from the caller (403), from a stranger (404)', () => {
      given([placed])
        .when({ type: 'AcceptCall', by: bo, allowed: true, now: at(30) })
        .thenThrows(AppError, is(409));
      given([placed])
        .when({ type: 'AcceptCall', by: ana, allowed: true, now: at(1) })
        .thenThrows(AppError, is(403));
      given([placed])
        .when({ type: 'AcceptCall', by: cy, allowed: true, now: at(1) })
        .thenThrows(AppError, is(404));
    });
    it('refuses an answer once the two may no longer call each other (403)', () => {
      given([placed])
        .when({ type: 'AcceptCall', by: bo, allowed: false, now: at(1) })
        .thenThrows(AppError, is(403));
    });
    it('is declined by the callee, cancelled by the caller', () => {
      given([placed])
        .when({ type: 'DeclineCall', by: bo, now: at(2) })
        .then([{ type: 'CallDeclined', data: parties }]);
      given([placed])
        .when({ type: 'EndCall', by: ana, now: at(2) })
        .then([{ type: 'CallEnded', data: { ...parties, endedBy: ana, reason: 'cancelled' } }]);
      given([placed])
        .when({ type: 'EndCall', by: bo, now: at(2) })
        .then([{ type: 'CallDeclined', data: parties }]);
    });
    it('is missed once 30 s have passed, not before', () => {
      given([placed])
        .when({ type: 'MarkCallMissed', now: at(29) })
        .thenNothingHappens();
      given([placed])
        .when({ type: 'MarkCallMissed', now: at(30) })
        .then([{ type: 'CallMissed', data: parties }]);
    });
  });

  describe('when it is going on', () => {
    it('is hung up by either side, once', () => {
      given([placed, accepted])
        .when({ type: 'EndCall', by: bo, now: at(60) })
        .then([{ type: 'CallEnded', data: { ...parties, endedBy: bo, reason: 'hung-up' } }]);
      const ended: CallEvent = { type: 'CallEnded', data: { ...parties, endedBy: bo, reason: 'hung-up' } };
      given([placed, accepted, ended])
        .when({ type: 'EndCall', by: ana, now: at(61) })
        .thenNothingHappens();
    });
    it('is never missed, and cannot be answered again (409)', () => {
      given([placed, accepted])
        .when({ type: 'MarkCallMissed', now: at(300) })
        .thenNothingHappens();
      given([placed, accepted])
        .when({ type: 'DeclineCall', by: bo, now: at(5) })
        .thenThrows(AppError, is(409));
    });
    it('ends when the two may no longer call each other', () => {
      given([placed, accepted])
        .when({ type: 'EndDisallowedCall', now: at(5) })
        .then([{ type: 'CallEnded', data: { ...parties, endedBy: null, reason: 'not-allowed' } }]);
    });
  });

  describe('when it is over', () => {
    it('cannot be answered (409) and ends nothing', () => {
      const missed: CallEvent = { type: 'CallMissed', data: parties };
      given([placed, missed])
        .when({ type: 'AcceptCall', by: bo, allowed: true, now: at(31) })
        .thenThrows(AppError, is(409));
      given([placed, missed])
        .when({ type: 'EndDisallowedCall', now: at(40) })
        .thenNothingHappens();
      const busy: CallEvent = { type: 'CallPlaced', data: { ...parties, calleeBusy: true } };
      given([busy])
        .when({ type: 'AcceptCall', by: bo, allowed: true, now: at(1) })
        .thenThrows(AppError, is(409));
    });
  });
});
