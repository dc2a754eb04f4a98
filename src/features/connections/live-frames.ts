import type { RecordedEvent } from '../../platform/event-store/port.ts';
import type { LiveFrameMapper } from '../../platform/realtime/live-frames.ts';
import { pairEvents } from './events.ts';

/**
 * Who hears about what between two people. Only the other side is told (the actor's own tabs refresh
 * from their response), and an ended connection does not say why, so a block stays private.
 */
export const connectionLiveFrames: LiveFrameMapper = (raw: RecordedEvent) => {
  if (!pairEvents.has(raw.type)) return [];
  const event = pairEvents.decode(raw);
  const at = event.metadata.occurredAt;
  switch (event.type) {
    case 'ConnectionRequested': {
      const { connectionId, fromUserId, toUserId, message } = event.data;
      return [
        {
          userId: toUserId,
          frame: { type: 'connection.requested', connectionId, userId: fromUserId, message, at },
        },
      ];
    }
    case 'ConnectionAccepted': {
      const { connectionId, fromUserId, toUserId } = event.data;
      return [
        { userId: fromUserId, frame: { type: 'connection.accepted', connectionId, userId: toUserId, at } },
      ];
    }
    case 'ConnectionDeclined': {
      const { connectionId, fromUserId, toUserId } = event.data;
      return [
        { userId: fromUserId, frame: { type: 'connection.declined', connectionId, userId: toUserId, at } },
      ];
    }
    case 'ConnectionWithdrawn': {
      const { connectionId, fromUserId, toUserId } = event.data;
      return [
        { userId: toUserId, frame: { type: 'connection.withdrawn', connectionId, userId: fromUserId, at } },
      ];
    }
    case 'ConnectionEnded': {
      const { connectionId, fromUserId, toUserId, endedBy } = event.data;
      const other = endedBy === fromUserId ? toUserId : fromUserId;
      return [{ userId: other, frame: { type: 'connection.ended', connectionId, userId: endedBy, at } }];
    }
    case 'UserBlocked':
    case 'UserUnblocked':
      return [];
    default: {
      const _never: never = event;
      return _never;
    }
  }
};
