/**
 * A document server in its own process, so the benchmark's clients do not share its CPU or heap:
 * `ours` is the whole SkillSwap app, `reference` is @y/websocket-server's setupWSConnection on the same
 * path. Talks to the parent over IPC: `ready`, then answers `rss` and `groups` requests.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { setupWSConnection } from '@y/websocket-server/utils';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WebSocketServer } from 'ws';
import { loadConfig } from '../../src/config.ts';
import type { YjsServer } from '../../src/features/docs/index.ts';
import { groupEvents, groupStream } from '../../src/features/groups/events.ts';
import { startServer } from '../../src/server.ts';

type Request =
  | { id: number; cmd: 'rss' }
  | { id: number; cmd: 'stats' }
  | { id: number; cmd: 'groups'; adminId: string; count: number };

const kind = process.argv[2];
const gc = (globalThis as { gc?: () => void }).gc;
let createGroups: (adminId: string, count: number) => Promise<string[]> = async () => [];
let yjsServer: YjsServer | undefined;
/** How late the event loop runs: the relay waits behind whatever else holds the CPU (projections, PGlite). */
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();

if (kind === 'ours') {
  const config = loadConfig({
    SOCKETS_PER_USER: '100000',
    YJS_POSTS_PER_10_SECONDS: '1000',
    YJS_POSTS_PER_MINUTE: '10000',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: process.env.BENCH_DATA_DIR!,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_REGISTER_PER_HOUR: '100000',
    RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
    ...(process.env.BENCH_DATABASE_URL && {
      DATABASE_URL: process.env.BENCH_DATABASE_URL,
      SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
      DATA_KEY: 'bench-data-key-0123456789abcdef-0123456789',
    }),
  });
  const server = await startServer(config);
  const { store } = server.platform.deps;
  yjsServer = server.sockets.find((s) => s.matches('/yjs/wall')) as YjsServer;
  createGroups = async (adminId, count) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const groupId = randomUUID();
      const metadata = {
        actorId: null,
        actorRole: 'system' as const,
        correlationId: randomUUID(),
        causationId: null,
        occurredAt: new Date().toISOString(),
      };
      await store.append(groupStream(groupId), [
        groupEvents.encode(
          {
            type: 'GroupCreated',
            data: { groupId, name: `bench ${i}`, description: '', createdBy: adminId },
          },
          metadata,
        ),
      ]);
      ids.push(groupId);
    }
    return ids;
  };
  process.send!({ ready: true, url: server.url });
} else {
  const wss = new WebSocketServer({ noServer: true });
  const http = createServer((_req, res) => res.writeHead(404).end());
  http.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      const docName = (req.url ?? '').replace(/^\/yjs\//, '').split('?')[0]!;
      setupWSConnection(ws, req, { docName });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as { port: number };
  process.send!({ ready: true, url: `http://127.0.0.1:${port}` });
}

process.on('message', (request: Request) => {
  void (async () => {
    if (request.cmd === 'rss') {
      gc?.();
      await new Promise((r) => setTimeout(r, 200));
      gc?.();
      process.send!({ id: request.id, rss: process.memoryUsage().rss });
    } else if (request.cmd === 'stats') {
      const stats = yjsServer?.stats.perUpdate();
      const loop = { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6 };
      loopDelay.reset();
      if (yjsServer) yjsServer.stats.reset();
      process.send!({ id: request.id, stats, loop });
    } else {
      process.send!({ id: request.id, groups: await createGroups(request.adminId, request.count) });
    }
  })();
});
process.on('disconnect', () => process.exit(0));
