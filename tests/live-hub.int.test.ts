import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { LiveHub } from '../src/features/live/hub.ts';
import type { LiveFrameMapper } from '../src/platform/realtime/live-frames.ts';
import type { DatabaseHandle } from '../src/platform/db/database.ts';
import { PostgresEventStore } from '../src/platform/event-store/postgres.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createTestDatabase } from './support/database.ts';
import { appendTestEvents } from './support/events.ts';

interface Frame {
  type: string;
  position?: number;
  n?: number;
}

// Every test event is for user "u"; `size` pads the frame.
const testFrames =
  (size = 0): LiveFrameMapper =>
  (event) =>
    event.type === 'TestHappened'
      ? [{ userId: 'u', frame: { type: 'test', n: (event.data as { n: number }).n, pad: 'x'.repeat(size) } }]
      : [];

describe('live hub', () => {
  let database: DatabaseHandle;
  let store: PostgresEventStore;
  const closers: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    store = await PostgresEventStore.create({ db: database.db, pool: database.pool });
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    await store?.close();
    await database?.close();
  });

  /** A hub behind a real WebSocket server on port 0. */
  async function serve(mapper: LiveFrameMapper, options: { maxCatchUpEvents?: number } = {}) {
    const hub = new LiveHub(store, [mapper], createLogger('silent'), options);
    await hub.start();
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    wss.on('connection', (ws, request) => {
      const after = new URL(request.url ?? '/', 'http://x').searchParams.get('after');
      void hub.connect(ws, 'u', after === null ? undefined : Number(after));
    });
    await new Promise((resolve) => wss.once('listening', resolve));
    closers.push(
      () => hub.stop(),
      () => new Promise<void>((r) => wss.close(() => r())),
    );
    return { hub, url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}` };
  }

  function connect(url: string) {
    const frames: Frame[] = [];
    const socket = new WebSocket(url);
    socket.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString('utf8')) as Frame));
    closers.push(() => socket.terminate());
    const until = async (done: () => boolean, ms = 10_000) => {
      const end = Date.now() + ms;
      while (!done()) {
        if (Date.now() > end)
          throw new Error(`timed out; frames: ${JSON.stringify(frames.map((f) => f.type))}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    return { socket, frames, until };
  }

  /**
   * Waits until the hub has had `position` from its subscription (on a server, an append reaches it a moment
   * later, by NOTIFY): a client that connects then is told so in its `ready` frame.
   */
  async function hubAt(url: string, position: number) {
    for (;;) {
      const probe = connect(url);
      await probe.until(() => probe.frames.some((f) => f.type === 'ready'));
      probe.socket.terminate();
      if (probe.frames.find((f) => f.type === 'ready')!.position! >= position) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('sends resync instead of replaying more missed events than the bound, then goes live', async () => {
    const { url } = await serve(testFrames(), { maxCatchUpEvents: 20 });
    const before = await store.headPosition();
    await appendTestEvents(store, 50, { perAppend: 10 });
    const head = await store.headPosition();
    await hubAt(url, head);
    const client = connect(`${url}?after=${before}`);
    await client.until(() => client.frames.some((f) => f.type === 'ready'));
    expect(client.frames.find((f) => f.type === 'resync')).toEqual({ type: 'resync', position: head });
    expect(client.frames.filter((f) => f.type === 'test').length).toBeLessThanOrEqual(20);

    await appendTestEvents(store, 1, { perAppend: 1 });
    await client.until(() => client.frames.some((f) => f.type === 'test' && f.position === head + 1));
  });

  it('replays a small gap in full, in order', async () => {
    const { url } = await serve(testFrames(), { maxCatchUpEvents: 100 });
    const before = await store.headPosition();
    await appendTestEvents(store, 30, { perAppend: 3 });
    await hubAt(url, await store.headPosition());
    const client = connect(`${url}?after=${before}`);
    await client.until(() => client.frames.some((f) => f.type === 'ready'));
    const positions = client.frames.filter((f) => f.type === 'test').map((f) => f.position);
    expect(positions).toEqual(Array.from({ length: 30 }, (_, i) => before + i + 1));
    expect(client.frames.some((f) => f.type === 'resync')).toBe(false);
  });

  it('drops a socket that does not read instead of buffering for it forever', async () => {
    const { hub, url } = await serve(testFrames(64 * 1024));
    const client = connect(url);
    await client.until(() => client.frames.some((f) => f.type === 'ready'));
    const connected = hub.connectionCount();
    // Stop reading: the kernel buffers fill, then the server's send buffer grows past its limit.
    (client.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    await appendTestEvents(store, 400, { perAppend: 20 });
    await client.until(() => hub.connectionCount() === connected - 1);
    client.socket.terminate();
  });
});
