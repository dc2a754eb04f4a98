import type { WebSocket } from 'ws';
import type { Role } from '../../platform/event-store/port.ts';
import { MODERATOR_ROLES } from './access.ts';
import type { DocName } from './doc-name.ts';

/** One client socket on one document, with what the server knows about its user. */
export class DocConnection {
  /** Awareness client ids this socket has described; no other socket on the document may use them. */
  readonly awarenessIds = new Set<number>();
  /** Frames received before the document was ready; null once they are handled directly. */
  inbox: Uint8Array[] | null = [];
  groupAdmin = false;
  alive = true;
  /** The sign-in this socket acts for; its updates are refused once that sign-in has ended. */
  sessionId = '';

  constructor(
    readonly ws: WebSocket,
    readonly userId: string,
    public role: Role,
    readonly doc: DocName,
    readonly client: { ip?: string; userAgent?: string },
  ) {}

  /** Global moderators anywhere; group admins in their group. */
  get canModerate(): boolean {
    return MODERATOR_ROLES.has(this.role) || this.groupAdmin;
  }

  get open(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  /** No callback per send: `ws` closes the socket itself when a write fails. */
  send(frame: Uint8Array): void {
    if (this.open) this.ws.send(frame);
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) {
      this.ws.close(code, reason);
    }
  }
}
