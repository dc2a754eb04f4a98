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

/**
 * A Postgres server: NOTIFY on a channel. Every channel of a process listens on one connection taken from the
 * pool (`sharedListener`), so the broadcasts leave the rest of the pool to queries.
 */
export class PgNotifyBroadcast implements Broadcast {
  private readonly local = new LocalBroadcast();
  private readonly listener: SharedListener;
  private readonly deliver = (payload: string) => void this.local.publish(payload);
  private readonly connecting: Promise<void>;

  constructor(
    private readonly pool: pg.Pool,
    readonly channel: string,
    logger?: Logger,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Invalid channel name ${channel}`);
    this.listener = sharedListener(pool, logger);
    this.connecting = this.listener.add(channel, this.deliver);
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
    await this.connecting;
    await this.listener.remove(this.channel, this.deliver);
    await this.local.close();
  }
}

const listeners = new WeakMap<pg.Pool, SharedListener>();

/** The one LISTEN connection of a pool, for every channel this process listens on. */
function sharedListener(pool: pg.Pool, logger?: Logger): SharedListener {
  let listener = listeners.get(pool);
  if (!listener) listeners.set(pool, (listener = new SharedListener(pool, logger)));
  return listener;
}

/**
 * One connection taken from the pool holds every LISTEN of the process. It is never handed back for reuse:
 * released once and destroyed with it; after a failure (a restarted server) a new one LISTENs again to every
 * channel. It is let go when the last channel is removed.
 */
class SharedListener {
  private readonly channels = new Map<string, Set<(payload: string) => void>>();
  /** The open connection, the channels it LISTENs to, and how to let it go. */
  private current:
    { client: pg.PoolClient; listening: Set<string>; release: (err?: Error) => void } | undefined;
  private opening: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly logger?: Logger,
  ) {}

  /** Listens on `channel`; resolves once LISTEN is in place, or once a failure was logged (it retries). */
  async add(channel: string, handler: (payload: string) => void): Promise<void> {
    let handlers = this.channels.get(channel);
    if (!handlers) this.channels.set(channel, (handlers = new Set()));
    handlers.add(handler);
    await this.listenAll();
  }

  async remove(channel: string, handler: (payload: string) => void): Promise<void> {
    const handlers = this.channels.get(channel);
    if (!handlers?.delete(handler) || handlers.size > 0) return;
    this.channels.delete(channel);
    if (this.channels.size === 0) {
      if (listeners.get(this.pool) === this) listeners.delete(this.pool);
      clearTimeout(this.retryTimer);
      await this.opening;
      this.current?.release();
      return;
    }
    const current = this.current;
    if (current?.listening.delete(channel))
      await current.client.query(`UNLISTEN ${channel}`).catch(() => undefined);
  }

  /** Opens the connection if there is none, and LISTENs to every channel it does not listen to yet. */
  private async listenAll(): Promise<void> {
    if (!this.current) {
      this.opening ??= this.open().finally(() => (this.opening = undefined));
      await this.opening;
    }
    const current = this.current;
    if (!current) return;
    for (const channel of this.channels.keys()) {
      if (current.listening.has(channel)) continue;
      current.listening.add(channel);
      try {
        await current.client.query(`LISTEN ${channel}`);
      } catch (err) {
        this.fail(current, err);
        return;
      }
    }
  }

  private async open(): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      this.logger?.warn({ err }, 'could not LISTEN; retrying');
      this.retry();
      return;
    }
    let released = false;
    const current = {
      client,
      listening: new Set<string>(),
      release: (err?: Error) => {
        if (released) return;
        released = true;
        if (this.current === current) this.current = undefined;
        client.release(err ?? true);
      },
    };
    client.on('notification', (message) => {
      if (message.payload === undefined) return;
      for (const handler of this.channels.get(message.channel) ?? []) handler(message.payload);
    });
    // Stays after release, so a connection that fails later (a dropped database) is ignored.
    client.on('error', (err) => {
      if (!released) this.fail(current, err);
    });
    if (this.channels.size === 0) return current.release();
    this.current = current;
  }

  private fail(current: NonNullable<SharedListener['current']>, err: unknown): void {
    this.logger?.warn({ err, channels: [...this.channels.keys()] }, 'LISTEN connection failed; reconnecting');
    current.release(err instanceof Error ? err : new Error(String(err)));
    this.retry();
  }

  private retry(): void {
    if (this.channels.size === 0) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.listenAll(), RECONNECT_MS);
    this.retryTimer.unref();
  }
}
