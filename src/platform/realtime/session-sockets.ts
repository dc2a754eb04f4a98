import { z } from 'zod';
import type { Logger } from '../logger.ts';
import type { Broadcast } from './broadcast.ts';

/** What the registry needs of a socket: `ws`'s WebSocket fits. */
export interface TrackedSocket {
  close(code: number, reason: string): void;
  once(event: 'close', listener: () => void): unknown;
}

/** Close code for "your sign-in ended" (signed out, password changed, expired, signed out elsewhere). */
export const CLOSE_SIGNED_OUT = 4401;

export interface SocketClose {
  code: number;
  reason: string;
}

const Revocation = z.object({
  sessionIds: z.array(z.string()).optional(),
  userId: z.string().optional(),
  code: z.number().int(),
  reason: z.string(),
});

interface Entry {
  sessionId: string;
  userId: string;
  socket: TrackedSocket;
}

/**
 * Sockets belong to a sign-in. Every app process tracks the `/api/live` and `/yjs/*` sockets it holds by
 * sign-in session; `revoke` closes the sockets of some sign-ins (sign-out, password change) or of every
 * sign-in of a person (suspension) in this process at once and in every other process through the
 * broadcast. A periodic sweep also closes sockets whose session is gone or expired, which covers expiry
 * and any revocation a process missed while its LISTEN connection was down.
 */
export class SessionSockets {
  private readonly bySession = new Map<string, Set<Entry>>();
  /** Sign-ins ended recently, so an update racing the close is refused (kept for a sweep period). */
  private readonly ended = new Map<string, number>();
  private readonly unsubscribe: () => void;
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly broadcast: Broadcast,
    private readonly options: {
      /** Of the given session ids, those still valid now. */
      liveSessions: (sessionIds: readonly string[]) => Promise<Set<string>>;
      logger: Logger;
      sweepEveryMs?: number;
    },
  ) {
    this.unsubscribe = broadcast.subscribe((payload) => {
      const parsed = Revocation.safeParse(safeJson(payload));
      if (parsed.success) this.closeLocal(parsed.data, parsed.data);
    });
  }

  /** Starts the periodic sweep (the server does; CLIs don't). */
  start(): void {
    const every = this.options.sweepEveryMs ?? 30_000;
    this.sweepTimer = setInterval(() => {
      this.sweep().catch((err: unknown) => this.options.logger.warn({ err }, 'session socket sweep failed'));
    }, every);
    this.sweepTimer.unref();
  }

  /** Tracks a socket of a sign-in until it closes. */
  track(sessionId: string, userId: string, socket: TrackedSocket): void {
    const entry = { sessionId, userId, socket };
    let set = this.bySession.get(sessionId);
    if (!set) this.bySession.set(sessionId, (set = new Set()));
    set.add(entry);
    socket.once('close', () => {
      set.delete(entry);
      if (set.size === 0 && this.bySession.get(sessionId) === set) this.bySession.delete(sessionId);
    });
  }

  /** False once this process knows the sign-in ended: a socket must not act for it any more. */
  isActive(sessionId: string): boolean {
    return !this.ended.has(sessionId);
  }

  /** How many sockets this process holds for a person (limits, metrics). */
  countFor(userId: string): number {
    let n = 0;
    for (const set of this.bySession.values()) for (const e of set) if (e.userId === userId) n++;
    return n;
  }

  get size(): number {
    let n = 0;
    for (const set of this.bySession.values()) n += set.size;
    return n;
  }

  /** Closes the sockets of these sign-ins, or of every sign-in of `userId`, in every app process. */
  async revoke(
    target: { sessionIds?: readonly string[]; userId?: string },
    close: SocketClose,
  ): Promise<void> {
    const message = { ...target, sessionIds: target.sessionIds && [...target.sessionIds], ...close };
    this.closeLocal(message, close);
    await this.broadcast
      .publish(JSON.stringify(message))
      .catch((err: unknown) => this.options.logger.warn({ err }, 'could not broadcast a sign-out'));
  }

  /** Closes sockets whose sign-in no longer exists or has expired. */
  async sweep(): Promise<void> {
    const now = Date.now();
    for (const [id, at] of this.ended) if (now - at > 10 * 60_000) this.ended.delete(id);
    const ids = [...this.bySession.keys()];
    if (ids.length === 0) return;
    const live = await this.options.liveSessions(ids);
    const gone = ids.filter((id) => !live.has(id));
    if (gone.length > 0)
      this.closeLocal(
        { sessionIds: gone },
        { code: CLOSE_SIGNED_OUT, reason: 'Your sign-in has ended. Sign in again.' },
      );
  }

  close(): void {
    clearInterval(this.sweepTimer);
    this.unsubscribe();
  }

  private closeLocal(
    target: { sessionIds?: readonly string[] | undefined; userId?: string | undefined },
    close: SocketClose,
  ) {
    const now = Date.now();
    for (const id of target.sessionIds ?? []) {
      this.ended.set(id, now);
      for (const entry of [...(this.bySession.get(id) ?? [])]) entry.socket.close(close.code, close.reason);
    }
    // A person's sockets (suspension): their sign-ins live on, in a restricted state.
    if (target.userId) {
      for (const set of this.bySession.values()) {
        for (const entry of [...set]) {
          if (entry.userId === target.userId) entry.socket.close(close.code, close.reason);
        }
      }
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
