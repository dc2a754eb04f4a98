import { z } from 'zod';
import {
  defineEvent,
  EventRegistry,
  type EventOf,
  type Recorded,
} from '../../platform/event-store/events.ts';
import { pairKey } from '../connections/events.ts';

/** A conversation between two people is one stream, `dm-<pairKey>`: its order is the stream's order. */
export const dmStream = (a: string, b: string) => `dm-${pairKey(a, b)}`;

const message = { messageId: z.string(), fromUserId: z.string(), toUserId: z.string() };

/** `seq` numbers the messages of a conversation 1, 2, 3…: read receipts and paging compare it. */
export const DirectMessageSent = defineEvent({
  type: 'DirectMessageSent',
  version: 1,
  schema: z.object({
    ...message,
    seq: z.number().int().positive(),
    body: z.string(),
    /** The sender's own id for the message (a UUID), so that sending it again does not send it twice. */
    clientId: z.string().optional(),
  }),
});
export const DirectMessageEdited = defineEvent({
  type: 'DirectMessageEdited',
  version: 1,
  schema: z.object({ ...message, body: z.string() }),
});
export const DirectMessageDeleted = defineEvent({
  type: 'DirectMessageDeleted',
  version: 1,
  schema: z.object(message),
});
/** `readerId` has read every message of the conversation up to and including `upToSeq`. */
export const DirectMessagesRead = defineEvent({
  type: 'DirectMessagesRead',
  version: 1,
  schema: z.object({
    readerId: z.string(),
    otherUserId: z.string(),
    upToMessageId: z.string(),
    upToSeq: z.number().int().positive(),
  }),
});

const definitions = [
  DirectMessageSent,
  DirectMessageEdited,
  DirectMessageDeleted,
  DirectMessagesRead,
] as const;
export type DirectMessageEvent = EventOf<(typeof definitions)[number]>;
export type RecordedDirectMessageEvent = Recorded<DirectMessageEvent>;
export const directMessageEvents = new EventRegistry<DirectMessageEvent>(definitions);
export const directMessageEventTypes = definitions.map((d) => d.type);
