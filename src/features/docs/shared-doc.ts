import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { DocConnection } from './doc-connection.ts';
import type { DocName } from './doc-name.ts';
import type { LoadedDoc } from './doc-store.ts';
import { MESSAGES } from './message-rules.ts';
import { awarenessFrame } from './protocol.ts';

/** A document loaded in this process: the Yjs state, its sockets and its awareness (never persisted). */
export class SharedDoc {
  readonly ydoc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly conns = new Set<DocConnection>();
  readonly messageIds = new Set<string>();
  /** Called with each awareness change after it was relayed here, and the change's origin. */
  onAwareness: ((update: Uint8Array, origin: unknown) => void) | undefined;
  /** The stream revision the load covered: later events come from the subscription. */
  readonly loadedRevision: number;
  /** The highest stream revision known to be stored, for snapshot timing. */
  revision: number;
  snapshotRevision: number;
  snapshotting = false;
  /** Appends run one after another, so the stream keeps the order in which updates were accepted. */
  persisting: Promise<void> = Promise.resolve();
  idleTimer: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private failed = false;
  private storedWaiters: Array<() => void> = [];

  constructor(
    readonly name: DocName,
    loaded: LoadedDoc,
  ) {
    this.ydoc = loaded.ydoc;
    this.loadedRevision = loaded.revision;
    this.revision = loaded.revision;
    this.snapshotRevision = loaded.snapshotRevision;
    this.ydoc.getArray<Y.Map<unknown>>(MESSAGES).forEach((message) => {
      const id = message.get('id');
      if (typeof id === 'string') this.messageIds.add(id);
    });
    this.awareness = new awarenessProtocol.Awareness(this.ydoc);
    this.awareness.setLocalState(null);
    this.awareness.on(
      'update',
      (
        { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
        origin: unknown,
      ) => {
        const changed = [...added, ...updated, ...removed];
        const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
        this.broadcast(awarenessFrame(update), origin);
        this.onAwareness?.(update, origin);
      },
    );
  }

  /** Sends one frame to every socket on the document except `except` (the sender, which has it). */
  broadcast(frame: Uint8Array, except?: unknown): void {
    const bytes = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
    for (const conn of this.conns) if (conn !== except) conn.send(bytes);
  }

  /**
   * Queues work after the appends already queued; a failure goes to `onError`, and the appends queued
   * behind it are skipped, since they may depend on the update that was not stored.
   */
  persist(work: () => Promise<void>, onError: (error: unknown) => void): void {
    this.inFlight++;
    this.persisting = this.persisting
      .then(() => (this.failed ? undefined : work()))
      .catch((error: unknown) => {
        this.failed = true;
        onError(error);
      })
      .then(() => {
        if (--this.inFlight > 0) return;
        for (const wake of this.storedWaiters.splice(0)) wake();
      });
  }

  /**
   * Resolves once no append is in flight, so everything in memory is stored (or the document was dropped):
   * the moment a sync answer may be taken without handing out unstored content.
   */
  whenStored(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.storedWaiters.push(resolve));
  }

  /** The socket's awareness entries are removed (and the removal relayed) when it leaves. */
  leave(conn: DocConnection): void {
    this.conns.delete(conn);
    if (conn.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], null);
    }
  }

  destroy(): void {
    clearTimeout(this.idleTimer);
    this.awareness.destroy();
    this.ydoc.destroy();
  }
}
