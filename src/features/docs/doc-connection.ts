import type { WebSocket } from 'ws';
import type { Role } from '../../platform/event-store/port.ts';
import { MODERATOR_ROLES } from './access.ts';
import type { DocName } from './doc-name.ts';
import { SlidingWindows } from './sliding-windows.ts';

/** What one socket may do (docs/yjs-server.md, "Limits"). */
export interface ConnectionLimits {
  awarenessUpdatesPerSecond: number;
  /** Bytes waiting in the send buffer beyond which the socket is dropped (`onSlow`). */
  maxBufferedBytes: number;
  onSlow: (conn: DocConnection) => void;
}

/** One client socket on one document, with what the server knows about its user. */
export class DocConnection {
  /** Awareness client ids this socket has described; no other socket on the document may use them. */
  readonly awarenessIds = new Set<number>();
  /** Awareness changes and queries this socket sent, against `awarenessUpdatesPerSecond`. */
  readonly awarenessRate: SlidingWindows;
  /** Frames received before the document was ready; null once they are handled directly. */
  inbox: Uint8Array[] | null = [];
  groupAdmin = false;
  alive = true;
  /** The sign-in this socket acts for; its updates are refused once that sign-in has ended. */
  sessionId = '';
  /**
   * The largest catch-up frame (sync answer, awareness states) this socket was given: a slow link may
   * still hold it, so the send-buffer cap counts beyond it. A full document is sent whatever its size.
   */
  private catchUpBytes = 0;

  constructor(
    readonly ws: WebSocket,
    readonly userId: string,
    public role: Role,
    readonly doc: DocName,
    readonly client: { ip?: string; userAgent?: string },
    private readonly limits: ConnectionLimits,
  ) {
    this.awarenessRate = new SlidingWindows([{ limit: limits.awarenessUpdatesPerSecond, ms: 1_000 }]);
  }

  /** Global moderators anywhere; group admins in their group. */
  get canModerate(): boolean {
    return MODERATOR_ROLES.has(this.role) || this.groupAdmin;
  }

  get open(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  /**
   * No callback per send: `ws` closes the socket itself when a write fails. A socket whose unsent bytes
   * pile up beyond the cap does not keep up: it gets nothing more and is handed to `onSlow`.
   */
  send(frame: Uint8Array): void {
    if (!this.open) return;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes + this.catchUpBytes) {
      return this.limits.onSlow(this);
    }
    this.ws.send(frame);
  }

  /** A frame that brings the socket up to date (sync answer, awareness states), whatever its size. */
  sendCatchUp(frame: Uint8Array): void {
    this.catchUpBytes = Math.max(this.catchUpBytes, frame.byteLength);
    this.send(frame);
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) {
      this.ws.close(code, reason);
    }
  }
}
