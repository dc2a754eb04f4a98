import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import type { Db } from '../../platform/db/database.ts';
import type { Timestamp } from '../../platform/db/schema.ts';
import type { AppendResult, EventMetadata, EventStore, NewEvent } from '../../platform/event-store/port.ts';
import { DocUpdated, docEvents } from './doc-events.ts';
import type { DocName } from './doc-name.ts';
import { docMessageEvents, docStream, type DocMessageEvent } from './message-events.ts';
import { MESSAGES, type MessageChange } from './message-rules.ts';

export interface DocSnapshotTables {
  ydoc_snapshots: { doc: string; revision: number; state: Uint8Array; taken_at: Timestamp };
}

export interface LoadedDoc {
  ydoc: Y.Doc;
  /** Revision of the last event folded in; -1 for an empty stream. */
  revision: number;
  /** Revision the stored snapshot covers; -1 without one. */
  snapshotRevision: number;
}

/** The latest snapshot, then every DocUpdated after it, folded into a fresh document. */
export async function loadDoc(db: Db, store: EventStore, name: string): Promise<LoadedDoc> {
  const snapshot = await db
    .selectFrom('ydoc_snapshots')
    .select(['revision', 'state'])
    .where('doc', '=', name)
    .executeTakeFirst();
  const ydoc = new Y.Doc();
  ydoc.getArray(MESSAGES);
  const snapshotRevision = snapshot ? Number(snapshot.revision) : -1;
  if (snapshot) Y.applyUpdate(ydoc, snapshot.state);
  const events = await store.readStream(docStream(name), { from: snapshotRevision + 1 });
  ydoc.transact(() => {
    for (const event of events) {
      if (event.type === DocUpdated.type) Y.applyUpdate(ydoc, updateOf(docEvents.decode(event).data.update));
    }
  });
  return { ydoc, revision: events.at(-1)?.revision ?? snapshotRevision, snapshotRevision };
}

export const updateOf = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

/**
 * Appends the raw update and its meaning in one atomic append. Event ids are chosen here so the caller
 * can recognise its own events when the store subscription hands them back.
 */
export async function appendUpdate(
  store: EventStore,
  doc: DocName,
  update: Uint8Array,
  changes: readonly MessageChange[],
  metadata: EventMetadata,
  ownIds: Set<string>,
): Promise<AppendResult> {
  const events: NewEvent[] = [
    docEvents.encode(
      { type: 'DocUpdated', data: { doc: doc.name, update: Buffer.from(update).toString('base64') } },
      metadata,
    ),
    ...changes.map((change) => docMessageEvents.encode(semanticEvent(doc, change), metadata)),
  ].map((event) => ({ ...event, id: randomUUID() }));
  for (const event of events) ownIds.add(event.id!);
  try {
    return await store.append(docStream(doc.name), events);
  } catch (error) {
    for (const event of events) ownIds.delete(event.id!);
    throw error;
  }
}

function semanticEvent(doc: DocName, change: MessageChange): DocMessageEvent {
  const where = { doc: doc.name, groupId: doc.kind === 'group' ? doc.groupId : null };
  const wall = doc.kind === 'wall';
  switch (change.kind) {
    case 'posted': {
      const { kind: _k, ...data } = change;
      return { type: wall ? 'WallMessagePosted' : 'GroupMessagePosted', data: { ...where, ...data } };
    }
    case 'edited': {
      const { kind: _k, ...data } = change;
      return { type: wall ? 'WallMessageEdited' : 'GroupMessageEdited', data: { ...where, ...data } };
    }
    case 'deleted': {
      const { kind: _k, ...data } = change;
      return { type: wall ? 'WallMessageDeleted' : 'GroupMessageDeleted', data: { ...where, ...data } };
    }
    default: {
      const _never: never = change;
      throw new Error('unknown change');
    }
  }
}

/**
 * Folds the stored document (previous snapshot + later updates) and stores it as the new snapshot. Built
 * from the store, not from memory, so a snapshot holds exactly the events up to its revision. A newer
 * snapshot from another process is never replaced by an older one.
 */
export async function takeSnapshot(db: Db, store: EventStore, name: string, now: Date): Promise<number> {
  const { ydoc, revision, snapshotRevision } = await loadDoc(db, store, name);
  try {
    if (revision <= snapshotRevision) return snapshotRevision;
    const state = Y.encodeStateAsUpdate(ydoc);
    await db
      .insertInto('ydoc_snapshots')
      .values({ doc: name, revision, state, taken_at: now })
      .onConflict((oc) =>
        oc
          .column('doc')
          .doUpdateSet((eb) => ({
            revision: eb.ref('excluded.revision'),
            state: eb.ref('excluded.state'),
            taken_at: eb.ref('excluded.taken_at'),
          }))
          .where('ydoc_snapshots.revision', '<', revision),
      )
      .execute();
    return revision;
  } finally {
    ydoc.destroy();
  }
}
