import type { Aggregate } from '../../platform/commands.ts';
import { directMessageEvents, type DirectMessageEvent, type RecordedDirectMessageEvent } from './events.ts';

export interface StoredMessage {
  seq: number;
  fromUserId: string;
  toUserId: string;
  body: string;
  sentAt: string;
  deleted: boolean;
}

/**
 * What a conversation's stream says: its messages in order, how far each side has read, and the message
 * each sender's own ids (`clientId`) name.
 */
export interface ConversationState {
  lastSeq: number;
  messages: ReadonlyMap<string, StoredMessage>;
  readUpTo: Readonly<Record<string, number>>;
  /** `<sender id> <clientId>` → the message it named, and its text as first sent. */
  byClientId: ReadonlyMap<string, { messageId: string; body: string }>;
}

export const initialConversation: ConversationState = {
  lastSeq: 0,
  messages: new Map(),
  readUpTo: {},
  byClientId: new Map(),
};

export const clientKey = (fromUserId: string, clientId: string) => `${fromUserId} ${clientId}`;

function withMessage(
  state: ConversationState,
  id: string,
  change: Partial<StoredMessage>,
): ConversationState {
  const current = state.messages.get(id);
  if (!current) return state;
  return { ...state, messages: new Map(state.messages).set(id, { ...current, ...change }) };
}

export function evolveConversation(
  state: ConversationState,
  event: RecordedDirectMessageEvent,
): ConversationState {
  switch (event.type) {
    case 'DirectMessageSent': {
      const { messageId, fromUserId, toUserId, seq, body, clientId } = event.data;
      const stored = { seq, fromUserId, toUserId, body, sentAt: event.metadata.occurredAt, deleted: false };
      return {
        ...state,
        lastSeq: seq,
        messages: new Map(state.messages).set(messageId, stored),
        byClientId:
          clientId === undefined
            ? state.byClientId
            : new Map(state.byClientId).set(clientKey(fromUserId, clientId), { messageId, body }),
      };
    }
    case 'DirectMessageEdited':
      return withMessage(state, event.data.messageId, { body: event.data.body });
    case 'DirectMessageDeleted':
      return withMessage(state, event.data.messageId, { body: '', deleted: true });
    case 'DirectMessagesRead': {
      const { readerId, upToSeq } = event.data;
      if ((state.readUpTo[readerId] ?? 0) >= upToSeq) return state;
      return { ...state, readUpTo: { ...state.readUpTo, [readerId]: upToSeq } };
    }
    default: {
      const _never: never = event;
      return state;
    }
  }
}

export const conversationAggregate: Aggregate<ConversationState, DirectMessageEvent> = {
  initial: initialConversation,
  evolve: evolveConversation,
  registry: directMessageEvents,
};
