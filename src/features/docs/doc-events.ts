import { z } from 'zod';
import {
  defineEvent,
  EventRegistry,
  type EventOf,
  type Recorded,
} from '../../platform/event-store/events.ts';

/**
 * One accepted Yjs update (V1 encoding, base64), appended to `ydoc-<doc>` in the same append as the
 * semantic events it carries (message-events.ts). The document is the fold of these updates.
 */
export const DocUpdated = defineEvent({
  type: 'DocUpdated',
  version: 1,
  schema: z.object({ doc: z.string(), update: z.string() }),
});

const definitions = [DocUpdated] as const;
export type DocEvent = EventOf<(typeof definitions)[number]>;
export type RecordedDocEvent = Recorded<DocEvent>;
export const docEvents = new EventRegistry<DocEvent>(definitions);
