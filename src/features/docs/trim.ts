import type * as Y from 'yjs';
import { MESSAGES } from './message-rules.ts';

/** How many of the latest messages the live document keeps; older ones live on in the read models. */
export const KEEP_MESSAGES = 1_000;
/** Trim only once this many more have piled up, so a trim is one update per this many posts. */
export const TRIM_SLACK = 100;

/** The origin of the server's own trimming transactions. */
export const TRIM_ORIGIN = Symbol('trim');

export interface Trimmed {
  /** The server-authored Yjs update that deletes the oldest messages (a delete set, no new content). */
  update: Uint8Array;
  /** Ids of the messages it removed from the live document (they stay in the read models). */
  ids: string[];
}

/**
 * Deletes the oldest messages beyond `keep` from the live document in one transaction, once it holds
 * more than `keep + slack`, and returns that transaction's update. Yjs then garbage-collects their
 * content, so the document and its snapshots stay bounded however long the history grows.
 */
export function trimMessages(ydoc: Y.Doc, keep = KEEP_MESSAGES, slack = TRIM_SLACK): Trimmed | undefined {
  const messages = ydoc.getArray<Y.Map<unknown>>(MESSAGES);
  if (messages.length <= keep + slack) return undefined;
  const count = messages.length - keep;
  const ids = messages
    .slice(0, count)
    .map((m) => m.get('id'))
    .filter((id): id is string => typeof id === 'string');
  let update: Uint8Array | undefined;
  const capture = (u: Uint8Array, origin: unknown) => {
    if (origin === TRIM_ORIGIN) update = u;
  };
  ydoc.on('update', capture);
  try {
    ydoc.transact(() => messages.delete(0, count), TRIM_ORIGIN);
  } finally {
    ydoc.off('update', capture);
  }
  return update && { update, ids };
}
