import type { LiveFrameMapper } from '../../platform/realtime/live-frames.ts';
import { directMessageEvents } from './events.ts';

/**
 * Who hears about a direct-message event: the recipient gets `message.received`, the sender's other
 * tabs `message.sent`; read receipts go to the other side as `message.read` and to the reader's other
 * tabs as `conversation.read`; edits and deletions go to both.
 */
export const directMessageLiveFrames: LiveFrameMapper = (recorded) => {
  if (!directMessageEvents.has(recorded.type)) return [];
  const event = directMessageEvents.decode(recorded);
  const at = event.metadata.occurredAt;
  switch (event.type) {
    case 'DirectMessageSent': {
      const { messageId: id, fromUserId: from, toUserId: to, body, clientId } = event.data;
      const message = { id, from, to, body, sentAt: at, readAt: null, editedAt: null, deleted: false };
      return [
        { userId: to, frame: { type: 'message.received', message } },
        // The sender's tabs also get the sender's own id for it, to match the copy they were sending.
        {
          userId: from,
          frame: { type: 'message.sent', message, ...(clientId !== undefined && { clientId }) },
        },
      ];
    }
    case 'DirectMessageEdited': {
      const { messageId: id, fromUserId: from, toUserId: to, body } = event.data;
      const frame = { type: 'message.edited', message: { id, from, to, body, editedAt: at } };
      return [
        { userId: to, frame },
        { userId: from, frame },
      ];
    }
    case 'DirectMessageDeleted': {
      const { messageId: id, fromUserId: from, toUserId: to } = event.data;
      const frame = { type: 'message.deleted', message: { id, from, to, body: '', deleted: true } };
      return [
        { userId: to, frame },
        { userId: from, frame },
      ];
    }
    case 'DirectMessagesRead': {
      const { readerId, otherUserId, upToMessageId } = event.data;
      return [
        {
          userId: otherUserId,
          frame: { type: 'message.read', by: readerId, upTo: upToMessageId, readAt: at },
        },
        {
          userId: readerId,
          frame: { type: 'conversation.read', with: otherUserId, upTo: upToMessageId, readAt: at },
        },
      ];
    }
    default: {
      const _never: never = event;
      return [];
    }
  }
};
