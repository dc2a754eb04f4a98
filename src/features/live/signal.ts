import { z } from 'zod';
import type { Logger } from '../../platform/logger.ts';
import type { Broadcast } from '../../platform/realtime/broadcast.ts';
import type { LiveHub } from './hub.ts';

/** The largest `call.signal` frame relayed (an SDP offer with many candidates stays far below). */
export const MAX_SIGNAL_BYTES = 64 * 1024;

/** May `from` send call signals to `to` in `room`? The calls feature decides (given by the composition root). */
export type SignalPermission = (from: string, to: string, room: string) => Promise<boolean>;

export const SignalFrame = z
  .object({
    type: z.literal('call.signal'),
    to: z.string().uuid(),
    room: z.string().min(1).max(200),
    data: z.unknown(),
  })
  .strict();

const Relayed = z.object({ from: z.string(), to: z.string(), room: z.string(), data: z.unknown() });

/**
 * WebRTC signalling of built-in calls (SDP offers and answers, ICE candidates): never stored. Each frame
 * is checked (`maySignal`, read fresh from the streams) and broadcast to every app process, each of which
 * hands `{ type: "call.signal", from, room, data }` to the target's sockets it holds.
 */
export class SignalRelay {
  private readonly unsubscribe: () => void;

  constructor(
    private readonly maySignal: SignalPermission,
    private readonly broadcast: Broadcast,
    hub: LiveHub,
    private readonly logger: Logger,
  ) {
    this.unsubscribe = broadcast.subscribe((payload) => {
      const parsed = Relayed.safeParse(safeJson(payload));
      if (!parsed.success) return;
      const { from, to, room, data } = parsed.data;
      hub.sendToUser(to, { type: 'call.signal', from, room, data });
    });
  }

  /** Relays the frame, or answers why not (sent back to the sender as an `error` frame). */
  async relay(from: string, frame: z.infer<typeof SignalFrame>): Promise<string | undefined> {
    if (!(await this.maySignal(from, frame.to, frame.room)))
      return 'You cannot call this person in this room; the signal was not delivered.';
    const payload = JSON.stringify({ from, to: frame.to, room: frame.room, data: frame.data });
    try {
      await this.broadcast.publish(payload);
    } catch (err) {
      this.logger.warn({ err }, 'call signal broadcast failed');
      return 'The signal could not be delivered. Try again.';
    }
    return undefined;
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
