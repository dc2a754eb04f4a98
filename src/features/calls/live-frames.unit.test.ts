import { describe, expect, it } from 'vitest';
import { GIVEN_AT, recorded } from '../../../tests/support/decider.ts';
import type { PairEvent } from '../connections/events.ts';
import type { CallEvent } from './events.ts';
import { callLiveFrames } from './live-frames.ts';

const ana = '11111111-1111-4111-8111-111111111111';
const bo = '22222222-2222-4222-8222-222222222222';
const room = `dm-${ana}_${bo}`;
const parties = { callId: 'c0c0c0c0-0000-4000-8000-000000000001', room, callerId: ana, calleeId: bo };
const ice = [{ urls: 'stun:stun.example.org' }];
const framesOf = (event: CallEvent | PairEvent) =>
  callLiveFrames(ice)(recorded<CallEvent | PairEvent>([event])[0]!);

describe('callLiveFrames', () => {
  it('rings the callee with the ICE servers; a busy callee hears nothing, the caller hears "busy"', () => {
    expect(framesOf({ type: 'CallPlaced', data: { ...parties, calleeBusy: false } })).toEqual([
      {
        userId: bo,
        frame: { type: 'call.ring', callId: parties.callId, room, from: ana, iceServers: ice, at: GIVEN_AT },
      },
    ]);
    expect(framesOf({ type: 'CallPlaced', data: { ...parties, calleeBusy: true } })).toEqual([
      { userId: ana, frame: { type: 'call.busy', callId: parties.callId, room, with: bo, at: GIVEN_AT } },
    ]);
  });

  it('tells both sides of every later step, each with the other person', () => {
    const frames = framesOf({ type: 'CallEnded', data: { ...parties, endedBy: ana, reason: 'hung-up' } });
    expect(frames.map((f) => [f.userId, f.frame.type, f.frame.with, f.frame.reason])).toEqual([
      [ana, 'call.ended', bo, 'hung-up'],
      [bo, 'call.ended', ana, 'hung-up'],
    ]);
    expect(framesOf({ type: 'CallMissed', data: parties }).map((f) => f.frame.type)).toEqual([
      'call.missed',
      'call.missed',
    ]);
  });

  it('ends any call in the pair room for both at a block, without saying who blocked', () => {
    const frames = framesOf({ type: 'UserBlocked', data: { blockerId: bo, blockedId: ana } });
    expect(frames.map((f) => f.userId).sort()).toEqual([ana, bo]);
    for (const { frame } of frames)
      expect(frame).toEqual({ type: 'call.ended', callId: null, room, reason: 'not-allowed', at: GIVEN_AT });
    expect(framesOf({ type: 'UserUnblocked', data: { blockerId: bo, blockedId: ana } })).toEqual([]);
  });
});
