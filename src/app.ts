import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { adminRoutes } from './features/admin/index.ts';
import { auditRoutes } from './features/audit/index.ts';
import { erasureListFile, erasureRoutes, privacyRoutes } from './features/privacy/index.ts';
import { auditFolds, auditReadModels } from './audit-folds.ts';
import { moderationRoutes } from './features/moderation/index.ts';
import { connectionLiveFrames, connectionsRoutes } from './features/connections/index.ts';
import { groupLiveFrames, groupRoutes } from './features/groups/index.ts';
import { YjsServer } from './features/docs/index.ts';
import { identityRoutes } from './features/identity/index.ts';
import { liveSocketRoute } from './features/live/index.ts';
import { directMessageLiveFrames, mayShowTyping, messagesRoutes } from './features/messages/index.ts';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './platform/db/database.ts';
import { matchingRoutes } from './features/matching/index.ts';
import { reviewRoutes } from './features/reviews/index.ts';
import { sessionLiveFrames, sessionRoutes } from './features/sessions/index.ts';
import { supportRoutes, ticketLiveFrames } from './features/support/index.ts';
import { payloadTooLarge } from './platform/errors.ts';
import { sessionAuth, suspensionGate } from './platform/http/auth.ts';
import type { App, AppEnv, Deps } from './platform/http/context.ts';
import { readYourWrites } from './platform/http/consistency.ts';
import { csrfProtection } from './platform/http/csrf.ts';
import { onError, problem, validationHook } from './platform/http/problem.ts';
import { httpMetrics, type Readiness } from './platform/http/observability.ts';
import { requestContext } from './platform/http/request-context.ts';
import type { SocketRoute } from './platform/http/websocket.ts';
import type { EventMetadata } from './platform/event-store/port.ts';
import { wellFormedInput } from './platform/http/well-formed-input.ts';
import { LocalBroadcast, PgNotifyBroadcast } from './platform/realtime/broadcast.ts';
import { SessionScheduler } from './features/sessions/index.ts';
import { NotificationMailer, notificationRoutes } from './features/notifications/index.ts';
import {
  CallScheduler,
  callLiveFrames,
  evictWithLiveKit,
  maySignal,
  videoRoutes,
} from './features/calls/index.ts';

const JSON_LIMIT = 256 * 1024;

/** The HTTP app: middleware in order, feature routes, the OpenAPI document, and the built web app. */
/**
 * What HTTP routes ask of this process's Yjs server (a moderator removing a wall or group message): the
 * server is made after the routes, so `createSocketRoutes` binds it here.
 */
export class DocModeration {
  private server: YjsServer | undefined;
  bind(server: YjsServer): void {
    this.server = server;
  }
  removeMessage(doc: string, messageId: string, metadata: EventMetadata): Promise<boolean> {
    if (!this.server) return Promise.reject(new Error('no Yjs server in this process'));
    return this.server.removeMessage(doc, messageId, metadata);
  }
}

export function createApp(
  deps: Deps,
  config: Readonly<Config>,
  readiness?: Readiness,
  docs: DocModeration = new DocModeration(),
): App {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.onError(onError);
  // Outermost, so it sets the headers last, on whatever answered (route, error, not found). Inside another
  // middleware that calls c.header() after next() (requestContext), its in-place header edits were lost:
  // @hono/node-server rebuilds such a response from its original headers.
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // livekit-client also fetches from the LiveKit server over http(s) (connection checks, regions).
        connectSrc: ["'self'", 'ws:', 'wss:', ...livekitHttpOrigin(config)],
        mediaSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
      crossOriginEmbedderPolicy: false,
      // A route's own stricter policy stays (the avatar's default-src 'none').
      overwrite: false,
    }),
  );
  app.use('*', httpMetrics(deps.metrics));
  app.use('*', requestContext(deps));
  const tooLarge = () => {
    throw payloadTooLarge(`Request bodies may be at most ${JSON_LIMIT / 1024} KB.`);
  };
  const streamedLimit = bodyLimit({ maxSize: JSON_LIMIT, onError: tooLarge });
  // A declared length is checked from its header, and a request without a body (no length, not chunked)
  // passes: neither needs the web Request that hono's bodyLimit builds to look at the body, which was a
  // measurable share of every body-less POST's cost (docs/benchmarks.md). Chunked bodies are counted.
  const jsonLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (c.req.header('transfer-encoding') !== undefined) return streamedLimit(c, next);
    const length = c.req.header('content-length');
    if (length !== undefined && Number.parseInt(length, 10) > JSON_LIMIT) tooLarge();
    return next();
  };
  // The avatar upload has its own, larger limit.
  app.use('/api/*', except('/api/me/avatar', jsonLimit));
  app.use('*', sessionAuth());
  app.use('/api/*', csrfProtection());
  app.use('/api/*', wellFormedInput());
  app.use('/api/*', readYourWrites());
  // A suspended person reads why, signs out or in, and files their appeal (the support ticket route
  // takes only category `appeal` from them); every other request answers 403 with the reason.
  app.use(
    '/api/*',
    suspensionGate([
      { method: 'GET', path: '/api/me' },
      { method: 'POST', path: '/api/auth/logout' },
      { method: 'POST', path: '/api/auth/login' },
      { method: 'POST', path: '/api/support/tickets' },
    ]),
  );

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    if (readiness?.draining) return problem(c, 503, 'This instance is shutting down.');
    try {
      await readiness?.check();
    } catch (err) {
      deps.logger.warn({ err }, 'readiness check failed');
      return problem(c, 503, 'This instance cannot reach its database.');
    }
    return c.json({ status: 'ready' });
  });
  // Prometheus text format. Restrict it at the proxy in production: it is operational data.
  app.get('/metrics', async (c) =>
    c.body(await deps.metrics.registry.metrics(), 200, { 'content-type': deps.metrics.registry.contentType }),
  );
  const r = config.rateLimits;
  const limit = (name: string, points: number, durationSeconds: number, what: string) =>
    deps.limits.create({ name, points, durationSeconds, what });
  const authLimits = {
    signIn: limit('sign-in', r.loginPerMinute, 60, 'sign-in attempts'),
    failedSignInsPerNetwork: limit(
      'sign-in-fail-ip',
      r.loginFailuresPerIpPerHour,
      3600,
      'failed sign-ins from your network',
    ),
    failedSignInsPerAccount: limit(
      'sign-in-fail-email',
      r.loginFailuresPerEmailPerHour,
      3600,
      'failed sign-ins for this account',
    ),
    signUp: limit('sign-up', r.registerPerHour, 3600, 'sign-ups from your network'),
  };
  const recoveryLimits = {
    resetsPerAddress: limit('reset-email', r.passwordResetsPerEmailPerHour, 3600, 'password reset emails'),
    resetsPerNetwork: limit(
      'reset-ip',
      r.passwordResetsPerIpPerHour,
      3600,
      'password resets from your network',
    ),
    verificationsPerPerson: limit('verify-email', r.verificationEmailsPerHour, 3600, 'verification emails'),
  };
  app.route(
    '/',
    identityRoutes({
      dataDir: config.dataDir,
      limits: authLimits,
      recoveryLimits,
      publicUrl: config.publicUrl,
    }),
  );
  app.route('/', adminRoutes());
  app.route('/', auditRoutes(auditFolds, auditReadModels));
  app.route('/', privacyRoutes());
  app.route('/', erasureRoutes({ erasureList: erasureListFile(config.dataDir) }));
  app.route('/', connectionsRoutes());
  app.route(
    '/',
    groupRoutes({
      create: deps.limits.create({
        name: 'group-create',
        what: 'new groups',
        points: r.groupsPerHour,
        durationSeconds: 3600,
        clock: deps.clock,
      }),
    }),
  );
  app.route('/', messagesRoutes({ send: limit('dm-send', r.messagesPerMinute, 60, 'messages') }));
  app.route('/', matchingRoutes());
  app.route('/', reviewRoutes());
  const sessionCreate = { points: r.sessionsPerHour, durationSeconds: 3600, clock: deps.clock };
  app.route(
    '/',
    sessionRoutes({
      hostsNeedVerifiedEmail: config.requireVerifiedEmailToHost,
      create: deps.limits.create({ name: 'session-create', what: 'new sessions', ...sessionCreate }),
    }),
  );
  app.route('/', notificationRoutes());
  app.route('/', supportRoutes({ opened: limit('tickets', r.ticketsPerHour, 3600, 'support tickets') }));
  app.route('/', moderationRoutes({ reports: limit('reports', r.reportsPerHour, 3600, 'reports') }, docs));
  app.route(
    '/',
    videoRoutes(
      { livekit: config.livekit, iceServers: config.iceServers },
      { ring: limit('call-ring', config.callsPerMinute, 60, 'calls') },
    ),
  );

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'SkillSwap API',
      version: '1.0.0',
      description: 'Sign-in is a session cookie. Errors are application/problem+json (RFC 9457).',
    },
  });

  serveWebApp(app, config.webDist);
  app.notFound((c) => problem(c, 404, `No route for ${c.req.method} ${c.req.path}.`));
  return app;
}

/** The http(s) origin of the LiveKit server browsers reach (ws → http, wss → https), if configured. */
function livekitHttpOrigin(config: Readonly<Config>): string[] {
  if (!config.livekit) return [];
  const url = new URL(config.livekit.publicUrl);
  url.protocol = url.protocol === 'wss:' || url.protocol === 'https:' ? 'https:' : 'http:';
  return [url.origin];
}

function except(path: string, middleware: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> {
  return (c, next) => (c.req.path === path ? next() : middleware(c, next));
}

/** Serves the built Preact app: hashed assets cached for a year, every other page gets index.html. */
function serveWebApp(app: App, webDist: string): void {
  const root = path.relative(process.cwd(), webDist) || '.';
  const indexFile = path.join(webDist, 'index.html');
  app.use(
    '/assets/*',
    serveStatic({
      root,
      onFound: (_path, c) => c.header('cache-control', 'public, max-age=31536000, immutable'),
    }),
  );
  app.get('*', async (c, next) => {
    const p = c.req.path;
    if (
      p.startsWith('/api/') ||
      p.startsWith('/media/') ||
      p.startsWith('/yjs/') ||
      ['/healthz', '/readyz', '/metrics'].includes(p)
    )
      return next();
    if (path.extname(p) && existsSync(path.join(webDist, p))) return serveStatic({ root })(c, next);
    if (!existsSync(indexFile)) {
      return c.text('The web app is not built yet: run `npm run build` (npm start does this for you).', 503);
    }
    c.header('cache-control', 'no-cache');
    return c.html(await readFile(indexFile, 'utf8'));
  });
}

/** The WebSocket endpoints beside the HTTP routes: each feature owns its paths. */
export function createSocketRoutes(
  deps: Deps,
  database: Pick<DatabaseHandle, 'pool'>,
  limits: Config['realtime'],
  docs?: DocModeration,
  config: Pick<Config, 'iceServers'> = { iceServers: [] },
): SocketRoute[] {
  // Typing indicators reach other app processes through NOTIFY on a server; PGlite is one process.
  const typing = database.pool
    ? new PgNotifyBroadcast(database.pool, 'live_typing', deps.logger)
    : new LocalBroadcast();
  const live = liveSocketRoute(
    deps,
    {
      mappers: [
        directMessageLiveFrames,
        connectionLiveFrames,
        groupLiveFrames,
        sessionLiveFrames,
        ticketLiveFrames,
        callLiveFrames(config.iceServers),
      ],
      typing: { broadcast: typing, mayType: (from, to) => mayShowTyping(deps, from, to) },
      signals: {
        broadcast: database.pool
          ? new PgNotifyBroadcast(database.pool, 'live_call_signal', deps.logger)
          : new LocalBroadcast(),
        maySignal: (from, to, room) => maySignal(deps, from, to, room, deps.clock()),
      },
    },
    { socketsPerUser: limits.socketsPerUser },
  );
  // Presence (Yjs awareness) reaches other app processes the same way, on a channel of its own.
  const presence = database.pool && new PgNotifyBroadcast(database.pool, 'yjs_awareness', deps.logger);
  const yjs = new YjsServer(deps, {
    limits,
    ...(presence && { presence: { broadcast: presence, ready: presence.ready() } }),
  });
  docs?.bind(yjs);
  return [live, yjs];
}

/** Work every app process does on its own, driven by the app's clock (tests call each job's `tick`). */
export interface BackgroundJobs {
  /** Session reminders due and sessions held (`src/features/sessions/reminders.ts`). */
  sessions: SessionScheduler;
  /** The email outbox's sender (`src/features/notifications/mail.ts`). */
  mail: NotificationMailer;
  /** Missed and no-longer-allowed built-in calls (`src/features/calls/scheduler.ts`). */
  calls: CallScheduler;
  start(): void;
  stop(): Promise<void>;
}

export function createBackgroundJobs(deps: Deps, config: Readonly<Config>): BackgroundJobs {
  const sessions = new SessionScheduler(deps, { intervalMs: config.schedulerIntervalMs });
  const mail = new NotificationMailer(deps, { publicUrl: config.publicUrl });
  const calls = new CallScheduler(deps, {
    intervalMs: Math.min(config.schedulerIntervalMs, 5_000),
    evict: config.livekit && evictWithLiveKit(config.livekit),
  });
  return {
    sessions,
    mail,
    calls,
    start() {
      sessions.start();
      mail.start();
      calls.start();
    },
    async stop() {
      await sessions.stop();
      await mail.stop();
      await calls.stop();
    },
  };
}
