import WebSocket from 'ws';
import type { HttpClient } from './http-client.ts';

export interface Frame {
  type: string;
  position?: number;
  [field: string]: unknown;
}

/** A real WebSocket on `/api/live` with a client's cookies, recording every frame it receives. */
export class LiveClient {
  readonly frames: Frame[] = [];
  private waiters: (() => void)[] = [];
  closed = false;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.frames.push(JSON.parse(data.toString('utf8')) as Frame);
      for (const wake of this.waiters.splice(0)) wake();
    });
    socket.on('close', () => {
      this.closed = true;
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Opens the socket and waits for the hub's `ready` frame (catch-up done). */
  static async open(baseUrl: string, http: HttpClient, after?: number): Promise<LiveClient> {
    const url = new URL('/api/live', baseUrl.replace(/^http/, 'ws'));
    if (after !== undefined) url.searchParams.set('after', String(after));
    const cookie = [...http.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const socket = new WebSocket(url, { headers: { cookie } });
    // Listening before `open`: the first frames can arrive in the same packet as the upgrade answer.
    const client = new LiveClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    await client.next((f) => f.type === 'ready');
    return client;
  }

  /** The status an upgrade is refused with (or 101 when it is accepted). */
  static async upgradeStatus(baseUrl: string, cookie = ''): Promise<number> {
    const socket = new WebSocket(new URL('/api/live', baseUrl.replace(/^http/, 'ws')), {
      headers: { cookie },
    });
    return new Promise((resolve) => {
      socket.once('open', () => {
        socket.close();
        resolve(101);
      });
      socket.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        socket.terminate();
      });
      socket.once('error', () => resolve(0));
    });
  }

  /** The first frame (from `from` on) that matches, waiting up to `timeoutMs`. */
  async next(match: (frame: Frame) => boolean, timeoutMs = 10_000, from = 0): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.slice(from).find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0 || this.closed) {
        throw new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames)}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Frames of a type, in arrival order. */
  ofType(type: string): Frame[] {
    return this.frames.filter((f) => f.type === type);
  }

  get lastPosition(): number {
    return Math.max(0, ...this.frames.map((f) => f.position ?? 0));
  }

  send(frame: unknown): void {
    this.socket.send(JSON.stringify(frame));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    const done = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    this.socket.close();
    await done;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
