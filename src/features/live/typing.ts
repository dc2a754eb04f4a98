import { z } from 'zod';
import type { Logger } from '../../platform/logger.ts';
import type { Broadcast } from '../../platform/realtime/broadcast.ts';
import type { LiveHub } from './hub.ts';

/** What a client may send on `/api/live`. */
export const ClientFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('typing'), to: z.string().uuid() }),
]);

// Clients send one every 2 s; this only bounds abuse (each one reads the pair stream).
const TYPING_EVERY_MS = 300;
const Relayed = z.object({ from: z.string(), to: z.string(), at: z.string() });

/** May `from` show `to` that they are typing? The messages feature decides (given by the composition root). */
export type TypingPermission = (from: string, to: string) => Promise<boolean>;

/**
 * Typing indicators: never stored. A client's `{ type: "typing", to }` is checked (`mayType`), throttled
 * per target, and broadcast to every app process, each of which
 * hands `{ type: "typing", from }` to the target's sockets it holds.
 */
export class TypingRelay {
  private readonly lastSent = new Map<string, number>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly mayType: TypingPermission,
    private readonly broadcast: Broadcast,
    hub: LiveHub,
    private readonly logger: Logger,
  ) {
    this.unsubscribe = broadcast.subscribe((payload) => {
      const parsed = Relayed.safeParse(safeJson(payload));
      if (parsed.success)
        hub.sendToUser(parsed.data.to, { type: 'typing', from: parsed.data.from, at: parsed.data.at });
    });
  }

  async typing(from: string, to: string): Promise<void> {
    if (from === to) return;
    const key = `${from}>${to}`;
    const now = Date.now();
    if (now - (this.lastSent.get(key) ?? 0) < TYPING_EVERY_MS) return;
    this.lastSent.set(key, now);
    if (this.lastSent.size > 10_000) this.lastSent.clear();
    if (!(await this.mayType(from, to))) return;
    await this.broadcast
      .publish(JSON.stringify({ from, to, at: new Date(now).toISOString() }))
      .catch((err: unknown) => this.logger.warn({ err }, 'typing broadcast failed'));
  }

  close(): void {
    this.unsubscribe();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
