import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { migrations, projections as allProjections } from './database.ts';
import { createApp, createBackgroundJobs, createSocketRoutes, type BackgroundJobs } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { acquireDataDirLock } from './platform/db/data-dir-lock.ts';
import type { EventStore } from './platform/event-store/port.ts';
import { PostgresEventStore } from './platform/event-store/postgres.ts';
import type { Deps } from './platform/http/context.ts';
import { attachSocketRoutes, type SocketRoute } from './platform/http/websocket.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { createMailer } from './platform/mail/mailer.ts';
import { ProjectionRunner } from './platform/projections/runner.ts';
import { LocalBroadcast, PgNotifyBroadcast } from './platform/realtime/broadcast.ts';
import { SessionSockets } from './platform/realtime/session-sockets.ts';
import { liveSessionIds } from './platform/http/sessions.ts';
import { principalLookup } from './features/identity/index.ts';

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
  const store: EventStore = config.eventstoreUrl
    ? (await import('./platform/event-store/esdb.ts')).createEsdbEventStore(config.eventstoreUrl)
    : await PostgresEventStore.create({ db: database.db, pool: database.pool, logger });
  const projections = new ProjectionRunner(database.db, store, allProjections, logger);
  const clock = options.clock ?? (() => new Date());
  // Sign-outs reach every app process through NOTIFY on a server; PGlite is one process.
  const signOuts = database.pool
    ? new PgNotifyBroadcast(database.pool, 'session_ended', logger)
    : new LocalBroadcast();
  const sockets = new SessionSockets(signOuts, {
    liveSessions: (ids) => liveSessionIds({ db: database.db, clock }, ids),
    logger,
  });
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
    principal: principalLookup({ db: database.db, projections }),
    sockets,
    mail,
  };
  return {
    config,
    deps,
    database,
    async close() {
      sockets.close();
      await signOuts.close();
      await projections.stop();
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

export async function startServer(
  config: Readonly<Config>,
  logger?: Logger,
  options: PlatformOptions = {},
): Promise<RunningServer> {
  const platform = await openPlatform(config, logger, options);
  await platform.deps.projections.start();
  platform.deps.sockets.start();
  const app = createApp(platform.deps, config);
  const sockets = createSocketRoutes(platform.deps, platform.database);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  attachSocketRoutes(server as Server, platform.deps, sockets);
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
    jobs,
    async close() {
      await jobs.stop();
      await Promise.all(sockets.map((s) => s.close()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await platform.close();
    },
  };
}
