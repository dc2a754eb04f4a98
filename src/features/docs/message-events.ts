import { z } from 'zod';
import {
  defineEvent,
  EventRegistry,
  type EventOf,
  type Recorded,
} from '../../platform/event-store/events.ts';

/**
 * The meaning of accepted Yjs updates, appended to `ydoc-<doc>` beside the raw update so that read models
 * (wall and group messages with search) never have to decode Yjs. `groupId` is null on the wall.
 */
const where = { doc: z.string(), groupId: z.string().nullable() };
/**
 * Edits and deletions name the author of the message they change: ids are unique only within the live
 * document, which keeps the latest messages (trim.ts), so the read model matches on the author too and a
 * reused id can never reach someone else's archived message. Absent on events stored before trimming.
 */
const author = { authorId: z.string().optional() };

const posted = z.object({
  ...where,
  messageId: z.string(),
  authorId: z.string(),
  text: z.string(),
  createdAt: z.string(),
});
const edited = z.object({
  ...where,
  messageId: z.string(),
  ...author,
  text: z.string(),
  editedAt: z.string(),
});
const deleted = z.object({ ...where, messageId: z.string(), ...author, deletedBy: z.string() });

export const WallMessagePosted = defineEvent({ type: 'WallMessagePosted', version: 1, schema: posted });
export const WallMessageEdited = defineEvent({ type: 'WallMessageEdited', version: 1, schema: edited });
export const WallMessageDeleted = defineEvent({ type: 'WallMessageDeleted', version: 1, schema: deleted });
export const GroupMessagePosted = defineEvent({ type: 'GroupMessagePosted', version: 1, schema: posted });
export const GroupMessageEdited = defineEvent({ type: 'GroupMessageEdited', version: 1, schema: edited });
export const GroupMessageDeleted = defineEvent({ type: 'GroupMessageDeleted', version: 1, schema: deleted });

const definitions = [
  WallMessagePosted,
  WallMessageEdited,
  WallMessageDeleted,
  GroupMessagePosted,
  GroupMessageEdited,
  GroupMessageDeleted,
] as const;
export type DocMessageEvent = EventOf<(typeof definitions)[number]>;
export type RecordedDocMessageEvent = Recorded<DocMessageEvent>;
export const docMessageEvents = new EventRegistry<DocMessageEvent>(definitions);
export const docMessageEventTypes = definitions.map((d) => d.type);
export const docStream = (doc: string) => `ydoc-${doc}`;
