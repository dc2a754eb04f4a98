import type pg from 'pg';
import type { Logger } from '../logger.ts';

/**
 * Fire-and-forget messages to every app process on the same database, for what is not worth storing
 * (typing indicators). Nothing is kept: a process that is not listening at that moment misses it.
 */
export interface Broadcast {
  publish(payload: string): Promise<void>;
  /** Returns a function that unsubscribes. */
  subscribe(handler: (payload: string) => void): () => void;
  close(): Promise<void>;
}

/** A single process (PGlite): delivery stays in memory. */
export class LocalBroadcast implements Broadcast {
  private readonly handlers = new Set<(payload: string) => void>();

  publish(payload: string): Promise<void> {
    for (const handler of this.handlers) handler(payload);
    return Promise.resolve();
  }

  subscribe(handler: (payload: string) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  close(): Promise<void> {
    this.handlers.clear();
    return Promise.resolve();
  }
}

const RECONNECT_MS = 1_000;
const MAX_PAYLOAD_BYTES = 7_900; // NOTIFY refuses payloads of 8,000 bytes or more

/** A Postgres server: NOTIFY on a channel, and one LISTEN connection per process taken from the pool. */
export class PgNotifyBroadcast implements Broadcast {
  private readonly local = new LocalBroadcast();
  private client: pg.PoolClient | undefined;
  private closed = false;
  private connecting: Promise<void> | undefined;
  private release: ((err?: Error) => void) | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly channel: string,
    private readonly logger?: Logger,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Invalid channel name ${channel}`);
    this.connecting = this.listen();
  }

  private async listen(): Promise<void> {
    try {
      const client = await this.pool.connect();
      let released = false;
      // A LISTEN connection is never handed back for reuse: released once, and destroyed with it. Its
      // error listener stays, so a connection that fails after release (a dropped database) is ignored.
      const release = (err?: Error) => {
        if (released) return;
        released = true;
        if (this.client === client) this.client = undefined;
        client.release(err ?? true);
      };
      this.release = release;
      client.on('notification', (message) => {
        if (message.channel === this.channel && message.payload !== undefined)
          void this.local.publish(message.payload);
      });
      client.on('error', (err) => {
        if (released) return;
        this.logger?.warn({ err, channel: this.channel }, 'LISTEN connection failed; reconnecting');
        release(err);
        this.retry();
      });
      await client.query(`LISTEN ${this.channel}`);
      if (this.closed) {
        release();
        return;
      }
      this.client = client;
    } catch (err) {
      this.logger?.warn({ err, channel: this.channel }, 'could not LISTEN; retrying');
      this.retry();
    }
  }

  private retry(): void {
    if (this.closed) return;
    setTimeout(() => {
      if (!this.closed) this.connecting = this.listen();
    }, RECONNECT_MS).unref();
  }

  /** Resolves once this process listens (tests wait for it before publishing from another process). */
  async ready(): Promise<void> {
    await this.connecting;
  }

  async publish(payload: string): Promise<void> {
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) throw new Error('broadcast payload too large');
    await this.pool.query('select pg_notify($1, $2)', [this.channel, payload]);
  }

  subscribe(handler: (payload: string) => void): () => void {
    return this.local.subscribe(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting;
    if (this.client) this.release?.();
    await this.local.close();
  }
}
