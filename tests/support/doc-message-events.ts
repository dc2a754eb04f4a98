import { randomUUID } from 'node:crypto';
import { docMessageEvents, docStream, type DocMessageEvent } from '../../src/features/docs/message-events.ts';
import type { EventStore } from '../../src/platform/event-store/port.ts';
import { systemMetadata } from './events.ts';

/**
 * Appends the semantic message events the Yjs server appends for accepted updates, straight to
 * `ydoc-<doc>`, so read-model tests need no Yjs. `doc` is `wall` or `group-<id>`.
 */
export function docMessages(store: EventStore, doc: string) {
  const groupId = doc.startsWith('group-') ? doc.slice('group-'.length) : null;
  const kind = groupId ? 'Group' : 'Wall';
  const append = async (event: DocMessageEvent) => {
    const { position } = await store.append(docStream(doc), [
      docMessageEvents.encode(event, systemMetadata()),
    ]);
    return position;
  };
  return {
    async post(authorId: string, text: string, id: string = randomUUID()) {
      const position = await append({
        type: `${kind}MessagePosted`,
        data: { doc, groupId, messageId: id, authorId, text, createdAt: new Date().toISOString() },
      });
      return { id, position };
    },
    edit: (messageId: string, text: string) =>
      append({
        type: `${kind}MessageEdited`,
        data: { doc, groupId, messageId, text, editedAt: new Date().toISOString() },
      }),
    remove: (messageId: string, deletedBy: string) =>
      append({
        type: `${kind}MessageDeleted`,
        data: { doc, groupId, messageId, deletedBy },
      }),
  };
}
