import type * as Y from 'yjs';
import { MESSAGES } from './message-rules.ts';

/** The origin of the server's own erasing transactions. */
export const ERASE_ORIGIN = Symbol('erase');

/**
 * Empties the text of messages that were just marked deleted, in one server transaction, and returns its
 * update. Setting the key replaces the old value, which Yjs then garbage-collects, so the words leave the
 * shared document (and its snapshots) instead of staying readable by every member's client.
 */
export function eraseDeletedText(ydoc: Y.Doc, messageIds: ReadonlySet<string>): Uint8Array | undefined {
  const targets = ydoc
    .getArray<Y.Map<unknown>>(MESSAGES)
    .toArray()
    .filter((m) => messageIds.has(String(m.get('id'))) && m.get('deleted') === true && m.get('text') !== '');
  if (targets.length === 0) return undefined;
  let update: Uint8Array | undefined;
  const capture = (u: Uint8Array, origin: unknown) => {
    if (origin === ERASE_ORIGIN) update = u;
  };
  ydoc.on('update', capture);
  try {
    ydoc.transact(() => {
      for (const message of targets) message.set('text', '');
    }, ERASE_ORIGIN);
  } finally {
    ydoc.off('update', capture);
  }
  return update;
}
