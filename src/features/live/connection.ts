import type { WebSocket } from 'ws';
import type { LiveFrame } from '../../platform/realtime/live-frames.ts';

/** Frames waiting in a socket's send buffer beyond this mean the client cannot keep up: it is dropped. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * One signed-in browser tab. Frames from the store carry their event's position; `lastPosition` is the
 * newest event this socket has been given, so a frame is never sent twice and catch-up can hand over to
 * live delivery without a gap.
 */
export class LiveConnection {
  lastPosition = 0;
  alive = true;
  /** Live events that arrived while the socket was still catching up from the store. */
  private pending: { position: number; frames: LiveFrame[] }[] | null = [];

  constructor(
    readonly socket: WebSocket,
    readonly userId: string,
    private readonly onSlow: (connection: LiveConnection) => void,
  ) {}

  get catchingUp(): boolean {
    return this.pending !== null;
  }

  /** A live event for this user: held back while catching up, sent once otherwise. */
  deliver(position: number, frames: LiveFrame[]): void {
    if (this.pending) this.pending.push({ position, frames });
    else this.sendEvent(position, frames);
  }

  /** Sends an event's frames unless this socket already has them. */
  sendEvent(position: number, frames: LiveFrame[]): void {
    if (position <= this.lastPosition) return;
    this.lastPosition = position;
    for (const frame of frames) this.send({ ...frame, position });
  }

  /** Ends catch-up: sends what arrived live meanwhile (skipping what catch-up already sent). */
  goLive(): void {
    const pending = this.pending ?? [];
    this.pending = null;
    for (const { position, frames } of pending) this.sendEvent(position, frames);
  }

  send(frame: LiveFrame): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.onSlow(this);
      return;
    }
    this.socket.send(JSON.stringify(frame));
  }
}
