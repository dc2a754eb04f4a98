import type { RecordedEvent } from '../../platform/event-store/port.ts';
import type { LiveFrameMapper } from '../../platform/realtime/live-frames.ts';
import { groupEvents } from './events.ts';

/** Tells a person that they were added to a group, or removed from one (or left it on another device). */
export const groupLiveFrames: LiveFrameMapper = (event: RecordedEvent) => {
  if (event.type !== 'GroupMemberAdded' && event.type !== 'GroupMemberRemoved') return [];
  const e = groupEvents.decode(event);
  switch (e.type) {
    case 'GroupMemberAdded': {
      const { groupId, userId, addedBy } = e.data;
      return [{ userId, frame: { type: 'group.member_added', groupId, addedBy } }];
    }
    case 'GroupMemberRemoved': {
      const { groupId, userId, removedBy, reason } = e.data;
      return [{ userId, frame: { type: 'group.member_removed', groupId, removedBy, reason } }];
    }
    default:
      return [];
  }
};
