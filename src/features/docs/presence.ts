import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../../platform/logger.ts';
import type { Broadcast } from '../../platform/realtime/broadcast.ts';
import { awarenessEntries, encodeAwarenessEntries } from './protocol.ts';

/** NOTIFY refuses payloads of 8,000 bytes or more (PgNotifyBroadcast). */
const MAX_PAYLOAD_BYTES = 7_900;

const Relayed = z.object({ p: z.string(), d: z.string(), u: z.string() });

/**
 * Presence (awareness) across app processes: every awareness change made by a socket of this process is
 * published on a broadcast channel of its own, one client's entry per message (`{ p: process, d: doc,
 * u: base64 update }`), so one client's state (at most YJS_AWARENESS_STATE_BYTES) always fits a NOTIFY.
 * Each process applies the others' messages to the documents it has loaded. Never stored: a process that
 * loads a document later sees other processes' states at their next renewal (every 15 s).
 */
export class PresenceRelay {
  private readonly processId = randomUUID();
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(
    private readonly broadcast: Broadcast,
    private readonly logger: Logger,
    onRemote: (doc: string, update: Uint8Array) => void,
  ) {
    this.unsubscribe = broadcast.subscribe((payload) => {
      const parsed = Relayed.safeParse(safeJson(payload));
      if (!parsed.success || parsed.data.p === this.processId) return;
      try {
        onRemote(parsed.data.d, new Uint8Array(Buffer.from(parsed.data.u, 'base64')));
      } catch (err) {
        this.logger.warn({ err, doc: parsed.data.d }, 'could not apply a remote awareness update');
      }
    });
  }

  /** Publishes an awareness update of document `doc`, one client per message. */
  publish(doc: string, update: Uint8Array): void {
    if (this.closed) return; // the removals of a closing server's sockets stay here
    for (const entry of awarenessEntries(update)) {
      const u = Buffer.from(encodeAwarenessEntries([entry])).toString('base64');
      const payload = JSON.stringify({ p: this.processId, d: doc, u });
      if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
        this.logger.warn(
          { doc, bytes: entry.bytes },
          'awareness state too large to share with other processes',
        );
        continue;
      }
      this.broadcast
        .publish(payload)
        .catch((err: unknown) => this.logger.warn({ err, doc }, 'awareness broadcast failed'));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    await this.broadcast.close();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
