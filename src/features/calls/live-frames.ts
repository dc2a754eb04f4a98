import type { RecordedEvent } from '../../platform/event-store/port.ts';
import type { LiveFrameMapper } from '../../platform/realtime/live-frames.ts';
import { pairEvents, pairKey } from '../connections/events.ts';
import { callEvents } from './events.ts';
import type { IceServer } from './service.ts';

/**
 * `call.*` frames. The ring goes to the callee, "busy" to the caller; every later step goes to both, so
 * the other tabs of each stop ringing. A block or an ended connection tells both at once that any call
 * in their 1:1 room is over (the calls scheduler then records it), without saying who blocked. The ring
 * carries the ICE servers, as the caller's answer to `POST /api/calls` does.
 */
export const callLiveFrames =
  (iceServers: readonly IceServer[]): LiveFrameMapper =>
  (raw: RecordedEvent) => {
    const at = raw.metadata.occurredAt;
    if (pairEvents.has(raw.type)) {
      const event = pairEvents.decode(raw);
      if (event.type !== 'UserBlocked' && event.type !== 'ConnectionEnded') return [];
      const [a, b] =
        event.type === 'UserBlocked'
          ? [event.data.blockerId, event.data.blockedId]
          : [event.data.fromUserId, event.data.toUserId];
      const frame = {
        type: 'call.ended',
        callId: null,
        room: `dm-${pairKey(a, b)}`,
        reason: 'not-allowed',
        at,
      };
      return [a, b].map((userId) => ({ userId, frame }));
    }
    if (!callEvents.has(raw.type)) return [];
    const event = callEvents.decode(raw);
    const { callId, room, callerId, calleeId } = event.data;
    const both = (frame: { type: string; [field: string]: unknown }) =>
      [callerId, calleeId].map((userId) => ({
        userId,
        frame: { ...frame, callId, room, with: userId === callerId ? calleeId : callerId, at },
      }));
    switch (event.type) {
      case 'CallPlaced':
        return event.data.calleeBusy
          ? [{ userId: callerId, frame: { type: 'call.busy', callId, room, with: calleeId, at } }]
          : [
              {
                userId: calleeId,
                frame: { type: 'call.ring', callId, room, from: callerId, iceServers, at },
              },
            ];
      case 'CallAccepted':
        return both({ type: 'call.accepted', by: calleeId });
      case 'CallDeclined':
        return both({ type: 'call.declined', by: calleeId });
      case 'CallMissed':
        return both({ type: 'call.missed' });
      case 'CallEnded':
        return both({ type: 'call.ended', by: event.data.endedBy, reason: event.data.reason });
      default: {
        const _never: never = event;
        return [];
      }
    }
  };
