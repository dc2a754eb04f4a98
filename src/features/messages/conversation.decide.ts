import { forbidden, notFound, conflict } from '../../platform/errors.ts';
import { canTalk, type PairState } from '../connections/index.ts';
import { clientKey, type ConversationState, type StoredMessage } from './conversation.ts';
import type { DirectMessageEvent } from './events.ts';

/**
 * Every command carries the pair's state (connection and blocks), loaded from `connection-<pairKey>`
 * just before: the rule "only accepted connections that do not block each other" is decided here too.
 */
export type ConversationCommand =
  | {
      type: 'SendMessage';
      pair: PairState;
      messageId: string;
      from: string;
      to: string;
      body: string;
      /** The sender's own id for the message: sent again with it, the message is not sent twice. */
      clientId?: string | undefined;
    }
  | { type: 'EditMessage'; pair: PairState; messageId: string; by: string; body: string }
  | { type: 'DeleteMessage'; pair: PairState; messageId: string; by: string }
  | { type: 'MarkRead'; pair: PairState; reader: string; upTo: string };

export const notAllowedDetail = (pair: PairState) =>
  pair.blockedBy.length > 0
    ? 'You cannot message this person: one of you has blocked the other.'
    : 'You can only message people you are connected with. Send a connection request first.';

function requireTalk(pair: PairState): void {
  if (!canTalk(pair)) throw forbidden(notAllowedDetail(pair));
}

function ownMessage(state: ConversationState, messageId: string, by: string): StoredMessage {
  const message = state.messages.get(messageId);
  if (!message) throw notFound('No message with this id in this conversation.');
  if (message.fromUserId !== by) throw forbidden('You can only change messages you sent.');
  return message;
}

/** Pure: the events a command causes in a conversation, or a domain error. */
export function decideConversation(
  command: ConversationCommand,
  state: ConversationState,
): DirectMessageEvent[] {
  requireTalk(command.pair);
  switch (command.type) {
    case 'SendMessage': {
      if (state.messages.has(command.messageId)) return [];
      const { messageId, from, to, body, clientId } = command;
      if (clientId !== undefined) {
        const sent = state.byClientId.get(clientKey(from, clientId));
        // Sent already (a retry after a lost answer): nothing to do, the caller answers with that message.
        if (sent !== undefined) {
          if (sent.body !== body)
            throw conflict(
              'You already sent a different message with this clientId. Use a new clientId for a new message.',
            );
          return [];
        }
      }
      return [
        {
          type: 'DirectMessageSent',
          data: {
            messageId,
            fromUserId: from,
            toUserId: to,
            seq: state.lastSeq + 1,
            body,
            ...(clientId !== undefined && { clientId }),
          },
        },
      ];
    }
    case 'EditMessage': {
      const message = ownMessage(state, command.messageId, command.by);
      if (message.deleted) throw conflict('This message was deleted; it can no longer be edited.');
      if (message.body === command.body) return [];
      const { fromUserId, toUserId } = message;
      return [
        {
          type: 'DirectMessageEdited',
          data: { messageId: command.messageId, fromUserId, toUserId, body: command.body },
        },
      ];
    }
    case 'DeleteMessage': {
      const message = ownMessage(state, command.messageId, command.by);
      if (message.deleted) return [];
      const { fromUserId, toUserId } = message;
      return [{ type: 'DirectMessageDeleted', data: { messageId: command.messageId, fromUserId, toUserId } }];
    }
    case 'MarkRead': {
      const message = state.messages.get(command.upTo);
      if (!message) throw notFound('No message with this id in this conversation.');
      if ((state.readUpTo[command.reader] ?? 0) >= message.seq) return [];
      const other = message.fromUserId === command.reader ? message.toUserId : message.fromUserId;
      return [
        {
          type: 'DirectMessagesRead',
          data: {
            readerId: command.reader,
            otherUserId: other,
            upToMessageId: command.upTo,
            upToSeq: message.seq,
          },
        },
      ];
    }
    default: {
      const _never: never = command;
      return [];
    }
  }
}
