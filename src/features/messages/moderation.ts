import { handleCommand } from '../../platform/commands.ts';
import { notFound } from '../../platform/errors.ts';
import type { EventMetadata } from '../../platform/event-store/port.ts';
import type { Deps } from '../../platform/http/context.ts';
import { conversationAggregate } from './conversation.ts';
import { dmStream, type DirectMessageEvent } from './events.ts';

/**
 * A moderator removes a reported direct message (docs/api.md, "Administration"): the same
 * `DirectMessageDeleted` its sender would cause, with the moderator in the metadata, so both people see it
 * gone (live frame, read model). Unlike the sender's delete it does not ask whether the two may still talk:
 * a report often ends in a block.
 */
export function removeDirectMessage(
  deps: Deps,
  message: { id: string; fromUserId: string; toUserId: string },
  metadata: EventMetadata,
) {
  return handleCommand(
    deps.store,
    dmStream(message.fromUserId, message.toUserId),
    conversationAggregate,
    (state): DirectMessageEvent[] => {
      const stored = state.messages.get(message.id);
      if (!stored) throw notFound('No message with this id in this conversation.');
      if (stored.deleted) return [];
      const { fromUserId, toUserId } = stored;
      return [{ type: 'DirectMessageDeleted', data: { messageId: message.id, fromUserId, toUserId } }];
    },
    metadata,
  );
}
