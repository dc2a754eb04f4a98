import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Db } from '../db/database.ts';
import type { EventMetadata, EventStore, Role } from '../event-store/port.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { ProjectionRunner } from '../projections/runner.ts';
import type { SessionSockets } from '../realtime/session-sockets.ts';
import type { RateLimits } from './rate-limit.ts';
import type { DataKeys } from '../personal-data/keys.ts';

/** The settings the platform's HTTP layer reads; the app's configuration is given to it as this. */
export interface PlatformConfig {
  /** Signs CSRF tokens; shared by every app process. */
  sessionSecret: string;
  /** Trust X-Forwarded-* headers (only behind a proxy that sets them). */
  trustProxy: boolean;
}

/** Who a signed-in user is now (role, account status), as the identity feature knows it. */
/** A sign-in and who it belongs to, as `PrincipalLookup` finds it. */
export interface SignInPrincipal {
  userId: string;
  expiresAt: Date;
  lastSeenAt: Date;
  role: Role;
  status: string;
  suspension?: Suspension | null;
}

/**
 * Finds a sign-in by its row id (the hash of the cookie's token) together with its person's current role
 * and status: one query on every signed-in request. Undefined when there is no such sign-in, or nobody
 * behind it any more. Identity provides it, since role and status are its read model's.
 */
export type PrincipalLookup = (sessionId: string) => Promise<SignInPrincipal | undefined>;

/** Why and until when a person is suspended (until null: until lifted). */
export interface Suspension {
  reason: string;
  until: string | null;
}

/** Everything a route may use, built once at the composition root and passed in (no module-level singletons). */
export interface Deps {
  config: Readonly<PlatformConfig>;
  db: Db;
  store: EventStore;
  projections: ProjectionRunner;
  logger: Logger;
  clock: () => Date;
  newId: () => string;
  /** Resolves a session's user to their current role and status; given by the identity feature. */
  principal: PrincipalLookup;
  metrics: Metrics;
  /** Makes rate limits on the shared store (Postgres on a server, memory embedded). */
  limits: RateLimits;
  /** Open sockets by sign-in, closed in every process when the sign-in ends. */
  sockets: SessionSockets;
  /** The one way to send mail: SMTP, or `.eml` files in the outbox directory. */
  mail: Mailer;
  /** Per-person data keys (crypto-shredding) and the keyed hash that email lookups use. */
  keys: DataKeys;
}

export interface SessionUser {
  sessionId: string;
  userId: string;
  role: Role;
  status: string;
  /** Set while the person is suspended. */
  suspension?: Suspension | null;
}

export interface AppEnv {
  Variables: {
    deps: Deps;
    requestId: string;
    ip: string | undefined;
    user: SessionUser | undefined;
  };
}

export type App = OpenAPIHono<AppEnv>;

/** Metadata for events caused by this request (docs/architecture.md, "Events"). */
export function eventMetadata(
  c: {
    get<K extends keyof AppEnv['Variables']>(key: K): AppEnv['Variables'][K];
    req: { header(name: string): string | undefined };
  },
  actor?: { userId: string; role: Role } | null,
): EventMetadata {
  const user = actor === undefined ? c.get('user') : actor;
  const ip = c.get('ip');
  const userAgent = c.req.header('user-agent');
  return {
    actorId: user ? user.userId : null,
    actorRole: user ? user.role : null,
    correlationId: c.get('requestId'),
    causationId: null,
    occurredAt: c.get('deps').clock().toISOString(),
    ...(ip && { ip }),
    ...(userAgent && { userAgent: userAgent.slice(0, 512) }),
  };
}
