import type { WebSocket } from 'ws';
import type { EventStore, RecordedEvent, Subscription } from '../../platform/event-store/port.ts';
import type { Logger } from '../../platform/logger.ts';
import { LiveConnection } from './connection.ts';
import type { LiveFrame, LiveFrameMapper } from '../../platform/realtime/live-frames.ts';

export interface LiveHubOptions {
  /** How many events a reconnecting client may have missed before it is told to reload (`resync`). */
  maxCatchUpEvents?: number;
  heartbeatMs?: number;
}

const PAGE = 500;

/**
 * The `/api/live` fan-out of one app process: ONE subscription to the store from the head, every event
 * through every mapper, frames to the sockets of the users they concern. Each process does the same,
 * so whichever process a user is connected to delivers.
 */
export class LiveHub {
  private position = 0;
  private readonly byUser = new Map<string, Set<LiveConnection>>();
  private subscription: Subscription | undefined;
  private started: Promise<void> | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly maxCatchUpEvents: number;

  constructor(
    private readonly store: EventStore,
    private readonly mappers: readonly LiveFrameMapper[],
    private readonly logger: Logger,
    private readonly options: LiveHubOptions = {},
  ) {
    this.maxCatchUpEvents = options.maxCatchUpEvents ?? 10_000;
  }

  start(): Promise<void> {
    this.started ??= (async () => {
      this.position = await this.store.headPosition();
      const subscription = this.store.subscribeAll({ after: this.position });
      this.subscription = subscription;
      void this.pump(subscription);
      this.heartbeat = setInterval(() => this.beat(), this.options.heartbeatMs ?? 30_000);
      this.heartbeat.unref();
    })();
    return this.started;
  }

  private async pump(subscription: Subscription): Promise<void> {
    try {
      for await (const event of subscription) {
        this.position = event.position;
        for (const [userId, frames] of this.framesByUser(event)) {
          for (const connection of this.byUser.get(userId) ?? []) connection.deliver(event.position, frames);
        }
      }
    } catch (err) {
      this.logger.error({ err }, 'live hub subscription failed');
    }
  }

  private framesByUser(event: RecordedEvent, onlyUser?: string): Map<string, LiveFrame[]> {
    const result = new Map<string, LiveFrame[]>();
    for (const mapper of this.mappers) {
      let mapped: ReturnType<LiveFrameMapper>;
      try {
        mapped = mapper(event);
      } catch (err) {
        this.logger.error({ err, position: event.position, type: event.type }, 'live frame mapper failed');
        continue;
      }
      for (const { userId, frame } of mapped) {
        if (onlyUser !== undefined && userId !== onlyUser) continue;
        if (!onlyUser && !this.byUser.has(userId)) continue;
        const list = result.get(userId);
        if (list) list.push(frame);
        else result.set(userId, [frame]);
      }
    }
    return result;
  }

  /**
   * Registers a socket. With `after` (the last position the client saw) it first gets the frames it
   * missed, read from the store, then everything live; with too much missed it gets `resync` instead.
   * Ends with `{ type: 'ready', position }`.
   */
  async connect(socket: WebSocket, userId: string, after: number | undefined): Promise<LiveConnection> {
    await this.start();
    const connection = new LiveConnection(socket, userId, (c) => this.dropSlow(c));
    let set = this.byUser.get(userId);
    if (!set) this.byUser.set(userId, (set = new Set()));
    set.add(connection);
    socket.on('close', () => this.remove(connection));
    socket.on('pong', () => (connection.alive = true));

    // Everything after `upTo` reaches the socket live (held back until catch-up is done).
    const upTo = this.position;
    if (after !== undefined && after < upTo) {
      const complete = await this.catchUp(connection, after, upTo);
      if (!complete) {
        connection.lastPosition = upTo;
        connection.send({ type: 'resync', position: upTo });
      }
    }
    connection.lastPosition = Math.max(connection.lastPosition, after ?? 0, upTo);
    connection.goLive();
    connection.send({ type: 'ready', position: connection.lastPosition });
    return connection;
  }

  /** Sends the user's frames of events in (after, upTo] from the store; false when there were too many. */
  private async catchUp(connection: LiveConnection, after: number, upTo: number): Promise<boolean> {
    let position = after;
    let scanned = 0;
    while (position < upTo) {
      if (scanned >= this.maxCatchUpEvents) return false;
      const page = await this.store.readAll({
        after: position,
        limit: Math.min(PAGE, this.maxCatchUpEvents),
      });
      if (page.length === 0) break;
      for (const event of page) {
        if (event.position > upTo) return true;
        position = event.position;
        const frames = this.framesByUser(event, connection.userId).get(connection.userId);
        if (frames) connection.sendEvent(event.position, frames);
      }
      scanned += page.length;
    }
    return true;
  }

  /** Ephemeral frames (typing) to a user's sockets here, outside the position order. */
  sendToUser(userId: string, frame: LiveFrame): void {
    for (const connection of this.byUser.get(userId) ?? []) {
      if (!connection.catchingUp) connection.send(frame);
    }
  }

  connectionCount(): number {
    let n = 0;
    for (const set of this.byUser.values()) n += set.size;
    return n;
  }

  private remove(connection: LiveConnection): void {
    const set = this.byUser.get(connection.userId);
    set?.delete(connection);
    if (set?.size === 0) this.byUser.delete(connection.userId);
  }

  private dropSlow(connection: LiveConnection): void {
    this.logger.warn({ userId: connection.userId }, 'dropping a live socket that does not keep up');
    this.remove(connection);
    connection.socket.terminate();
  }

  private beat(): void {
    for (const set of this.byUser.values()) {
      for (const connection of set) {
        if (!connection.alive) {
          this.remove(connection);
          connection.socket.terminate();
          continue;
        }
        connection.alive = false;
        connection.socket.ping();
      }
    }
  }

  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.subscription?.close();
    for (const set of this.byUser.values()) for (const c of set) c.socket.close(1001, 'Server shutting down');
    this.byUser.clear();
  }
}
