import { describe, expect, it } from 'vitest';
import { deciderSpecification, fold, GIVEN_AT } from '../../../tests/support/decider.ts';
import { AppError } from '../../platform/errors.ts';
import type { PairEvent } from './events.ts';
import { decidePair, type PairCommand } from './pair.decide.ts';
import { canTalk, evolvePair, initialPairState, type PairState } from './pair.ts';

const decider = { initial: initialPairState, evolve: evolvePair, decide: decidePair };
const { given } = deciderSpecification<PairState, PairCommand, PairEvent>(decider);

const ana = '11111111-1111-4111-8111-111111111111';
const bo = '22222222-2222-4222-8222-222222222222';
const c1 = 'c1c1c1c1-0000-4000-8000-000000000001';
const c2 = 'c2c2c2c2-0000-4000-8000-000000000002';
const pair = { connectionId: c1, fromUserId: ana, toUserId: bo };

const requested: PairEvent = { type: 'ConnectionRequested', data: { ...pair, message: 'Hi Bo' } };
const accepted: PairEvent = { type: 'ConnectionAccepted', data: pair };
const declined: PairEvent = { type: 'ConnectionDeclined', data: pair };
const withdrawn: PairEvent = { type: 'ConnectionWithdrawn', data: pair };
const ended: PairEvent = { type: 'ConnectionEnded', data: { ...pair, endedBy: bo, reason: 'disconnected' } };
const anaBlocksBo: PairEvent = { type: 'UserBlocked', data: { blockerId: ana, blockedId: bo } };
const boBlocksAna: PairEvent = { type: 'UserBlocked', data: { blockerId: bo, blockedId: ana } };

const request = (
  from = ana,
  to = bo,
  connectionId = c2,
): Extract<PairCommand, { type: 'RequestConnection' }> => ({
  type: 'RequestConnection',
  connectionId,
  fromUserId: from,
  toUserId: to,
  message: null,
});
const accept = (by = bo, connectionId = c1): PairCommand => ({
  type: 'AcceptConnection',
  connectionId,
  byUserId: by,
});
const decline = (by = bo, connectionId = c1): PairCommand => ({
  type: 'DeclineConnection',
  connectionId,
  byUserId: by,
});
const remove = (by: string, connectionId = c1): PairCommand => ({
  type: 'RemoveConnection',
  connectionId,
  byUserId: by,
});
const blockBy = (blockerId: string): PairCommand => ({
  type: 'BlockUser',
  blockerId,
  blockedId: blockerId === ana ? bo : ana,
});
const unblockBy = (blockerId: string): PairCommand => ({
  type: 'UnblockUser',
  blockerId,
  blockedId: blockerId === ana ? bo : ana,
});
const status = (code: number) => (error: AppError) => expect(error.status).toBe(code);

describe('decidePair', () => {
  describe('when the two have nothing between them', () => {
    it('records a request with its note', () => {
      given([])
        .when({ ...request(ana, bo, c1), message: 'Hi Bo' })
        .then([requested]);
    });

    it('refuses a request to yourself with 422 naming userId', () => {
      given([])
        .when(request(ana, ana))
        .thenThrows(AppError, (e) => {
          expect(e.status).toBe(422);
          expect(e.extra.errors).toMatchObject([{ path: 'userId' }]);
        });
    });

    it('refuses to accept, decline or remove a connection that does not exist with 404', () => {
      for (const command of [accept(), decline(), remove(ana)])
        given([]).when(command).thenThrows(AppError, status(404));
    });

    it('blocks, and blocking twice is a 409', () => {
      given([]).when(blockBy(ana)).then([anaBlocksBo]);
      given([anaBlocksBo]).when(blockBy(ana)).thenThrows(AppError, status(409));
    });

    it('refuses to unblock someone not blocked with 404', () => {
      given([]).when(unblockBy(ana)).thenThrows(AppError, status(404));
      given([boBlocksAna]).when(unblockBy(ana)).thenThrows(AppError, status(404));
    });

    it('refuses to block yourself with 422', () => {
      given([]).when({ type: 'BlockUser', blockerId: ana, blockedId: ana }).thenThrows(AppError, status(422));
    });
  });

  describe('when a request is pending', () => {
    it('lets the receiver accept or decline it', () => {
      given([requested]).when(accept()).then([accepted]);
      given([requested]).when(decline()).then([declined]);
    });

    it('refuses the sender accepting or declining their own request with 403', () => {
      given([requested]).when(accept(ana)).thenThrows(AppError, status(403));
      given([requested]).when(decline(ana)).thenThrows(AppError, status(403));
    });

    it('refuses a second request in the same direction with 409', () => {
      given([requested]).when(request(ana, bo)).thenThrows(AppError, status(409));
    });

    it('answers a request in the other direction with 409 pointing at the pending one', () => {
      given([requested])
        .when(request(bo, ana))
        .thenThrows(AppError, (e) => {
          expect(e.status).toBe(409);
          expect(e.extra).toEqual({ connectionId: c1 });
          expect(e.detail).toMatch(/accept/i);
        });
    });

    it('lets the sender withdraw it, but not the receiver', () => {
      given([requested]).when(remove(ana)).then([withdrawn]);
      given([requested]).when(remove(bo)).thenThrows(AppError, status(403));
    });

    it('treats an older connection id of the pair as over (409)', () => {
      given([requested, declined, { ...requested, data: { ...requested.data, connectionId: c2 } }])
        .when(accept(bo, c1))
        .thenThrows(AppError, status(409));
    });

    it('withdraws it when the sender blocks, declines it when the receiver blocks, in the same decision', () => {
      given([requested]).when(blockBy(ana)).then([anaBlocksBo, withdrawn]);
      given([requested]).when(blockBy(bo)).then([boBlocksAna, declined]);
    });
  });

  describe('when the request was answered or withdrawn', () => {
    it('refuses to accept or decline again with 409', () => {
      for (const history of [
        [requested, accepted],
        [requested, declined],
        [requested, withdrawn],
      ]) {
        given(history).when(accept()).thenThrows(AppError, status(409));
        given(history).when(decline()).thenThrows(AppError, status(409));
      }
    });

    it('allows a fresh request after a decline or a withdrawal, in either direction', () => {
      given([requested, declined])
        .when(request(ana, bo))
        .then([
          {
            type: 'ConnectionRequested',
            data: { connectionId: c2, fromUserId: ana, toUserId: bo, message: null },
          },
        ]);
      given([requested, withdrawn])
        .when(request(bo, ana))
        .then([
          {
            type: 'ConnectionRequested',
            data: { connectionId: c2, fromUserId: bo, toUserId: ana, message: null },
          },
        ]);
    });

    it('refuses to remove a declined or withdrawn request with 409', () => {
      given([requested, declined]).when(remove(ana)).thenThrows(AppError, status(409));
      given([requested, withdrawn]).when(remove(ana)).thenThrows(AppError, status(409));
    });
  });

  describe('when connected', () => {
    it('refuses another request either way with 409', () => {
      given([requested, accepted]).when(request(ana, bo)).thenThrows(AppError, status(409));
      given([requested, accepted]).when(request(bo, ana)).thenThrows(AppError, status(409));
    });

    it('lets either side disconnect, once', () => {
      given([requested, accepted]).when(remove(bo)).then([ended]);
      given([requested, accepted])
        .when(remove(ana))
        .then([{ type: 'ConnectionEnded', data: { ...pair, endedBy: ana, reason: 'disconnected' } }]);
      given([requested, accepted, ended]).when(remove(ana)).thenThrows(AppError, status(409));
    });

    it('ends the connection in the same decision as a block', () => {
      given([requested, accepted])
        .when(blockBy(bo))
        .then([boBlocksAna, { type: 'ConnectionEnded', data: { ...pair, endedBy: bo, reason: 'blocked' } }]);
    });

    it('can talk until one blocks the other', () => {
      expect(canTalk(fold(decider, [requested, accepted]))).toBe(true);
      expect(canTalk(fold(decider, [requested, accepted, boBlocksAna]))).toBe(false);
      expect(canTalk(fold(decider, [requested]))).toBe(false);
    });
  });

  describe('when one has blocked the other', () => {
    it('refuses requests in both directions with 403', () => {
      given([anaBlocksBo]).when(request(ana, bo)).thenThrows(AppError, status(403));
      given([anaBlocksBo]).when(request(bo, ana)).thenThrows(AppError, status(403));
    });

    it('lets the other block too, and each unblock only lifts their own block', () => {
      given([anaBlocksBo]).when(blockBy(bo)).then([boBlocksAna]);
      given([anaBlocksBo, boBlocksAna])
        .when(unblockBy(bo))
        .then([{ type: 'UserUnblocked', data: { blockerId: bo, blockedId: ana } }]);
      const state = fold(decider, [
        anaBlocksBo,
        boBlocksAna,
        { type: 'UserUnblocked', data: { blockerId: bo, blockedId: ana } },
      ]);
      expect(state.blockedBy).toEqual([ana]);
    });

    it('allows requests again once unblocked, and does not restore the old connection', () => {
      const history: PairEvent[] = [
        requested,
        accepted,
        anaBlocksBo,
        { type: 'ConnectionEnded', data: { ...pair, endedBy: ana, reason: 'blocked' } },
        { type: 'UserUnblocked', data: { blockerId: ana, blockedId: bo } },
      ];
      expect(fold(decider, history).connection).toMatchObject({
        id: c1,
        status: 'ended',
        createdAt: GIVEN_AT,
      });
      given(history)
        .when(request(bo, ana))
        .then([
          {
            type: 'ConnectionRequested',
            data: { connectionId: c2, fromUserId: bo, toUserId: ana, message: null },
          },
        ]);
    });
  });
});
