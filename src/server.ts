import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { migrations, projections as allProjections } from './database.ts';
import {
  createApp,
  createBackgroundJobs,
  createSocketRoutes,
  DocModeration,
  type BackgroundJobs,
} from './app.ts';
import type { Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { acquireDataDirLock } from './platform/db/data-dir-lock.ts';
import type { EventStore } from './platform/event-store/port.ts';
import { PostgresEventStore } from './platform/event-store/postgres.ts';
import type { Deps } from './platform/http/context.ts';
import { attachSocketRoutes, type SocketRoute } from './platform/http/websocket.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { sql } from 'kysely';
import { Metrics } from './platform/metrics.ts';
import type { Readiness } from './platform/http/observability.ts';
import { createMailer } from './platform/mail/mailer.ts';
import { PROJECTION_PROGRESS_CHANNEL, ProjectionRunner } from './platform/projections/runner.ts';
import { LocalBroadcast, PgNotifyBroadcast } from './platform/realtime/broadcast.ts';
import { SessionSockets } from './platform/realtime/session-sockets.ts';
import { liveSessionIds } from './platform/http/sessions.ts';
import { RateLimits } from './platform/http/rate-limit.ts';
import { principalLookup } from './features/identity/index.ts';
import { erasureListFile, reapplyErasures } from './features/privacy/index.ts';
import { DataKeys } from './platform/personal-data/keys.ts';
import { PersonalDataCodec } from './platform/personal-data/codec.ts';
import { PersonalDataStore } from './platform/personal-data/store.ts';
import { personalDataPolicy, sealLegacyEvents } from './personal-data.ts';

export interface Platform {
  config: Readonly<Config>;
  deps: Deps;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/**
 * Opens the database (PGlite under DATA_DIR, or DATABASE_URL), migrates, opens the event store
 * (Postgres, or EVENTSTORE_URL) and starts the projections. Shared by the server and the CLIs.
 */
/** What tests (and only tests) may change about the platform. */
export interface PlatformOptions {
  /** The app's clock; the real one by default. Tests give a controllable one for time-dependent rules. */
  clock?: () => Date;
  /** Start the background jobs' timers (default true); tests that call their `tick` turn them off. */
  timers?: boolean;
}

export async function openPlatform(
  config: Readonly<Config>,
  logger: Logger = createLogger(config.logLevel),
  options: PlatformOptions = {},
): Promise<Platform> {
  const releaseLock = config.databaseUrl ? async () => undefined : acquireDataDirLock(config.dataDir);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: path.join(config.dataDir, 'pglite'),
    onIdleError: (err) => logger.warn({ err }, 'database dropped an idle connection'),
  });
  await migrateToLatest(database.db, migrations);
  const onWrite = (events: number, seconds: number) => {
    metrics.appendDuration.observe(seconds);
    metrics.appendBatchSize.observe(events);
  };
  const log: EventStore = config.eventstoreUrl
    ? (await import('./platform/event-store/esdb.ts')).createEsdbEventStore(config.eventstoreUrl)
    : await PostgresEventStore.create({ db: database.db, pool: database.pool, logger, onWrite });
  // Personal data in events is sealed per person on the way in and opened on the way out (crypto-shredding);
  // the keys live in Postgres beside the read models, outside the event log (docs/operations.md).
  const keys = await DataKeys.open(database.db, {
    dataKey: config.dataKey,
    previousDataKey: config.previousDataKey,
  });
  const codec = new PersonalDataCodec(keys, personalDataPolicy);
  if (log.kind === 'postgres') await sealLegacyEvents(database.db, codec, logger);
  const store: EventStore = new PersonalDataStore(log, codec);
  const metrics = new Metrics();
  // On a server, the processes announce the checkpoints they move: a batch one applied, the others take
  // from the announcement instead of a transaction each (runner.ts).
  const progress = database.pool
    ? new PgNotifyBroadcast(database.pool, PROJECTION_PROGRESS_CHANNEL, logger)
    : undefined;
  const projections = new ProjectionRunner(database.db, store, allProjections, logger, {
    progress,
    onBatch: (projection, outcome) => metrics.projectionBatches.inc({ projection, outcome }),
  });
  const clock = options.clock ?? (() => new Date());
  // Sign-outs reach every app process through NOTIFY on a server; PGlite is one process.
  const signOuts = database.pool
    ? new PgNotifyBroadcast(database.pool, 'session_ended', logger)
    : new LocalBroadcast();
  const sockets = new SessionSockets(signOuts, {
    liveSessions: (ids) => liveSessionIds({ db: database.db, clock }, ids),
    logger,
  });
  metrics.gauge(
    'skillswap_projection_lag_events',
    'Events in the log that a read model has not applied yet.',
    ['projection'],
    async (set) => {
      const head = await store.headPosition();
      for (const p of projections.status()) set({ projection: p.name }, Math.max(0, head - p.position));
    },
  );
  metrics.gauge(
    'skillswap_projection_failed',
    'Read models stopped by an error (1) or running (0).',
    ['projection'],
    (set) => {
      for (const p of projections.status()) set({ projection: p.name }, p.status === 'failed' ? 1 : 0);
    },
  );
  metrics.gauge('skillswap_open_sockets', 'WebSockets (live and Yjs) open in this process.', [], (set) =>
    set({}, sockets.size),
  );
  const mail = createMailer({
    smtpUrl: config.mail.smtpUrl,
    from: config.mail.from,
    outboxDir: path.join(config.dataDir, 'outbox'),
    logger,
  });
  const deps: Deps = {
    config,
    db: database.db,
    store,
    projections,
    logger,
    clock,
    newId: randomUUID,
    principal: principalLookup({ db: database.db, projections, clock }),
    metrics,
    limits: new RateLimits(database.pool, (limit) => metrics.rateLimited.inc({ limit })),
    sockets,
    mail,
    keys,
  };
  return {
    config,
    deps,
    database,
    async close() {
      sockets.close();
      await signOuts.close();
      await projections.stop();
      await progress?.close();
      await mail.close();
      await store.close();
      await database.close();
      await releaseLock();
    },
  };
}

export interface RunningServer {
  url: string;
  port: number;
  platform: Platform;
  /** The WebSocket endpoints, e.g. to reach the Yjs server in tests. */
  sockets: readonly SocketRoute[];
  /** Timers of this process (session reminders, mail); tests drive them with `tick`. */
  jobs: BackgroundJobs;
  close(): Promise<void>;
}

/** How long a shutdown lets requests in flight finish before it cuts them. */
const DRAIN_MS = 10_000;

export async function startServer(
  config: Readonly<Config>,
  logger?: Logger,
  options: PlatformOptions = {},
): Promise<RunningServer> {
  const platform = await openPlatform(config, logger, options);
  await platform.deps.projections.start();
  platform.deps.sockets.start();
  // After a restore of an older backup: erasures on the list that the restored database forgot, again.
  const reErased = await reapplyErasures(platform.deps, erasureListFile(config.dataDir));
  if (reErased.length > 0)
    platform.deps.logger.warn({ users: reErased.length }, 're-applied erasures the database did not have');
  const readiness: Readiness = {
    draining: false,
    check: async () => void (await sql`select 1`.execute(platform.deps.db)),
  };
  const docs = new DocModeration();
  const app = createApp(platform.deps, config, readiness, docs);
  const sockets = createSocketRoutes(platform.deps, platform.database, config.realtime, docs, config);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  keepConnectionsOpen(server as Server);
  attachSocketRoutes(server as Server, platform.deps, sockets);
  // Requests Node refuses before they reach the app (headers over 16 KB, a malformed request line) get
  // a problem+json answer too, not a bare status line.
  (server as Server).on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
    const body = JSON.stringify({
      type: 'about:blank',
      title: tooLarge ? 'Request header fields too large' : 'Bad request',
      status: tooLarge ? 431 : 400,
      detail: tooLarge ? 'The request line and headers may be at most 16 KB.' : 'The request is malformed.',
    });
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  const jobs = createBackgroundJobs(platform.deps, config);
  if (options.timers !== false) jobs.start();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' ? 'localhost' : config.host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    platform,
    sockets,
    /**
     * Graceful shutdown: readiness fails first, the server stops accepting, idle connections close (the
     * others as soon as their answer is sent), the sockets close with "going away" (1001: clients
     * reconnect, to another instance behind a balancer), requests in flight finish (at most DRAIN_MS),
     * then appends in flight complete and the database closes.
     */
    jobs,
    async close() {
      readiness.draining = true;
      await jobs.stop();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      (server as Server).closeIdleConnections();
      // A connection whose request was in flight becomes idle once answered: close it then, rather than
      // after the keep-alive timeout.
      const sweep = setInterval(() => (server as Server).closeIdleConnections(), 50);
      await Promise.all(sockets.map((s) => s.close()));
      const force = setTimeout(() => (server as Server).closeAllConnections(), DRAIN_MS);
      await stopped;
      clearTimeout(force);
      clearInterval(sweep);
      await platform.close();
    },
  };
}

/**
 * How long an idle keep-alive connection stays open (Node 20 closes it after 5 s). A person's next click
 * on a page they are reading, and a proxy's pooled connection (idle timeouts of 60 s are common; the app's
 * must be longer), then reuse the connection instead of opening a new one. That matters under a crowd: Node
 * takes in one new connection per turn of its event loop, so 500 people on new connections at once reach
 * the app one turn at a time (docs/benchmarks.md, "Sessions"). Headers of a request must still arrive
 * within a few seconds more than that, by the usual convention for servers behind a proxy.
 */
export const KEEP_ALIVE_MS = 65_000;

function keepConnectionsOpen(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 5_000;
}
