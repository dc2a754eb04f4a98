import { describe, expect, it } from 'vitest';
import { GIVEN_AT, recorded } from '../../../tests/support/decider.ts';
import type { RecordedEvent } from '../../platform/event-store/port.ts';
import type { PairEvent } from './events.ts';
import { connectionLiveFrames } from './live-frames.ts';

const ana = '11111111-1111-4111-8111-111111111111';
const bo = '22222222-2222-4222-8222-222222222222';
const pair = { connectionId: 'c1c1c1c1-0000-4000-8000-000000000001', fromUserId: ana, toUserId: bo };
const framesOf = (event: PairEvent) => connectionLiveFrames(recorded([event])[0]!);

describe('connectionLiveFrames', () => {
  it('tells the receiver about a request and a withdrawal, the requester about an answer', () => {
    const base = { connectionId: pair.connectionId, at: GIVEN_AT };
    expect(framesOf({ type: 'ConnectionRequested', data: { ...pair, message: 'hi' } })).toEqual([
      { userId: bo, frame: { type: 'connection.requested', ...base, userId: ana, message: 'hi' } },
    ]);
    expect(framesOf({ type: 'ConnectionWithdrawn', data: pair })).toEqual([
      { userId: bo, frame: { type: 'connection.withdrawn', ...base, userId: ana } },
    ]);
    expect(framesOf({ type: 'ConnectionAccepted', data: pair })).toEqual([
      { userId: ana, frame: { type: 'connection.accepted', ...base, userId: bo } },
    ]);
    expect(framesOf({ type: 'ConnectionDeclined', data: pair })).toEqual([
      { userId: ana, frame: { type: 'connection.declined', ...base, userId: bo } },
    ]);
  });

  it('tells the other side of an ended connection, without the reason', () => {
    for (const reason of ['disconnected', 'blocked'] as const) {
      expect(framesOf({ type: 'ConnectionEnded', data: { ...pair, endedBy: ana, reason } })).toEqual([
        {
          userId: bo,
          frame: { type: 'connection.ended', connectionId: pair.connectionId, userId: ana, at: GIVEN_AT },
        },
      ]);
      expect(framesOf({ type: 'ConnectionEnded', data: { ...pair, endedBy: bo, reason } })[0]?.userId).toBe(
        ana,
      );
    }
  });

  it('says nothing about blocks or about other features’ events', () => {
    expect(framesOf({ type: 'UserBlocked', data: { blockerId: ana, blockedId: bo } })).toEqual([]);
    expect(framesOf({ type: 'UserUnblocked', data: { blockerId: ana, blockedId: bo } })).toEqual([]);
    const other = { ...recorded([{ type: 'UserRegistered', data: {} }])[0]! } as RecordedEvent;
    expect(connectionLiveFrames(other)).toEqual([]);
  });
});
