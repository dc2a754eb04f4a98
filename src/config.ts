import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.string().url().optional())
  .optional();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalUrl,
  EVENTSTORE_URL: optionalUrl,
  LIVEKIT_URL: optionalUrl,
  LIVEKIT_PUBLIC_URL: optionalUrl,
  LIVEKIT_API_KEY: z.string().optional(),
  LIVEKIT_API_SECRET: z.string().optional(),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  // The master key that wraps every person's data key (docs/operations.md, "Personal data keys").
  DATA_KEY: z.string().min(32, 'DATA_KEY must be at least 32 characters').optional(),
  // While rotating: the key DATA_KEY replaces; data keys wrapped by it are rewrapped at start.
  DATA_KEY_PREVIOUS: z.string().min(32, 'DATA_KEY_PREVIOUS must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  RATE_LIMIT_LOGIN_PER_MINUTE: z.coerce.number().int().positive().default(10),
  RATE_LIMIT_LOGIN_FAILURES_PER_IP_PER_HOUR: z.coerce.number().int().positive().default(50),
  RATE_LIMIT_LOGIN_FAILURES_PER_EMAIL_PER_HOUR: z.coerce.number().int().positive().default(20),
  RATE_LIMIT_REGISTER_PER_HOUR: z.coerce.number().int().positive().default(20),
  RATE_LIMIT_MESSAGES_PER_MINUTE: z.coerce.number().int().positive().default(60),
  // Account emails and support (docs/api.md, "Account recovery and email", "Support tickets").
  RATE_LIMIT_PASSWORD_RESETS_PER_EMAIL_PER_HOUR: z.coerce.number().int().positive().default(3),
  RATE_LIMIT_PASSWORD_RESETS_PER_IP_PER_HOUR: z.coerce.number().int().positive().default(20),
  RATE_LIMIT_VERIFICATION_EMAILS_PER_HOUR: z.coerce.number().int().positive().default(5),
  RATE_LIMIT_TICKETS_PER_HOUR: z.coerce.number().int().positive().default(5),
  REQUIRE_VERIFIED_EMAIL_TO_HOST: z.enum(['auto', 'true', 'false']).default('auto'),
  RATE_LIMIT_REPORTS_PER_HOUR: z.coerce.number().int().positive().default(20),
  RATE_LIMIT_SESSIONS_PER_HOUR: z.coerce.number().int().positive().default(20),
  RATE_LIMIT_GROUPS_PER_HOUR: z.coerce.number().int().positive().default(20),
  // Realtime limits (docs/yjs-server.md, "Limits"): counted in memory by each app process.
  YJS_POSTS_PER_10_SECONDS: z.coerce.number().int().positive().default(10),
  YJS_POSTS_PER_MINUTE: z.coerce.number().int().positive().default(30),
  YJS_MESSAGES_PER_UPDATE: z.coerce.number().int().positive().default(10),
  // One client's presence state must fit a NOTIFY (< 8,000 bytes) once base64-encoded for other processes.
  YJS_AWARENESS_STATE_BYTES: z.coerce.number().int().positive().max(5_000).default(2_048),
  YJS_AWARENESS_UPDATES_PER_SECOND: z.coerce.number().int().positive().default(10),
  YJS_MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .default(4 * 1024 * 1024),
  SOCKETS_PER_USER: z.coerce.number().int().positive().default(20),
  WEB_DIST: z.string().default('dist/web'),
  SMTP_URL: z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(
      z
        .string()
        .url()
        .refine((v) => /^smtps?:$/.test(new URL(v).protocol), 'SMTP_URL must start with smtp:// or smtps://')
        .optional(),
    )
    .optional(),
  MAIL_FROM: z.string().trim().min(3).default('SkillSwap <no-reply@skillswap.local>'),
  PUBLIC_URL: optionalUrl,
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(30_000),
  // Video (docs/video.md): STUN/TURN servers for built-in calls, as RTCPeerConnection takes them.
  ICE_SERVERS: z.string().trim().default('[]'),
  RATE_LIMIT_CALLS_PER_MINUTE: z.coerce.number().int().positive().default(10),
});

const IceServers = z.array(
  z
    .object({
      urls: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
      username: z.string().optional(),
      credential: z.string().optional(),
    })
    .strict(),
);

function parseIceServers(raw: string): Config['iceServers'] {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ConfigError('ICE_SERVERS must be JSON, e.g. [{"urls":"stun:stun.example.org:3478"}].');
  }
  const parsed = IceServers.safeParse(json);
  if (!parsed.success)
    throw new ConfigError(
      'ICE_SERVERS must be a JSON list of {"urls", "username"?, "credential"?}, as RTCPeerConnection takes them.',
    );
  return parsed.data;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  eventstoreUrl: string | undefined;
  livekit: { url: string; publicUrl: string; apiKey: string; apiSecret: string } | undefined;
  sessionSecret: string;
  /** Master key wrapping the per-person data keys (crypto-shredding), and the one it replaces while rotating. */
  dataKey: string;
  previousDataKey: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  trustProxy: boolean;
  rateLimits: {
    loginPerMinute: number;
    loginFailuresPerIpPerHour: number;
    loginFailuresPerEmailPerHour: number;
    registerPerHour: number;
    messagesPerMinute: number;
    passwordResetsPerEmailPerHour: number;
    passwordResetsPerIpPerHour: number;
    verificationEmailsPerHour: number;
    ticketsPerHour: number;
    /** Reports one person may file per hour (docs/api.md, "Reports and support"). */
    reportsPerHour: number;
    /** Sessions one person may create per hour (by the app's clock). */
    sessionsPerHour: number;
    /** Groups one person may create per hour (by the app's clock). */
    groupsPerHour: number;
  };
  /**
   * Whether only people with a verified email may host sessions. `auto` (the default): when mail really
   * goes out (SMTP_URL set); with mail only written to the outbox directory nobody could follow the link.
   */
  requireVerifiedEmailToHost: boolean;
  /** Limits of the WebSockets (/yjs and /api/live), per app process. */
  realtime: {
    postsPer10Seconds: number;
    postsPerMinute: number;
    messagesPerUpdate: number;
    awarenessStateBytes: number;
    awarenessUpdatesPerSecond: number;
    maxBufferedBytes: number;
    socketsPerUser: number;
  };
  webDist: string;
  /** SMTP when `smtpUrl` is set; otherwise `.eml` files under `DATA_DIR/outbox/`. */
  mail: { smtpUrl: string | undefined; from: string };
  /** Where people reach the web app: the base of links in emails. */
  publicUrl: string;
  /** How often each app process looks for due session reminders and ended sessions. */
  schedulerIntervalMs: number;
  /** ICE servers handed to built-in 1:1 calls (`ICE_SERVERS`); none works on one network only. */
  iceServers: { urls: string | string[]; username?: string | undefined; credential?: string | undefined }[];
  /** How many calls one person may place per minute (`RATE_LIMIT_CALLS_PER_MINUTE`). */
  callsPerMinute: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The only reader of the environment: parses once, fails fast with a message a person can act on. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nSee .env.example.`);
  }
  const e = parsed.data;
  if (e.DATABASE_URL && !e.SESSION_SECRET) {
    throw new ConfigError(
      'SESSION_SECRET is required when DATABASE_URL is set: every app process on that database must sign ' +
        'sessions and CSRF tokens with the same secret. Generate one with `openssl rand -hex 32` and give ' +
        'each process the same value. (Only the embedded mode, without DATABASE_URL, generates one into DATA_DIR.)',
    );
  }
  if (e.DATABASE_URL && !e.DATA_KEY) {
    throw new ConfigError(
      'DATA_KEY is required when DATABASE_URL is set: every app process on that database must unwrap the ' +
        'same personal data keys. Generate one with `openssl rand -hex 32`, give each process the same value and ' +
        'keep it apart from database backups (docs/operations.md). (Only the embedded mode generates one into DATA_DIR.)',
    );
  }
  const dataDir = path.resolve(e.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });

  let livekit: Config['livekit'];
  if (e.LIVEKIT_URL) {
    if (!e.LIVEKIT_API_KEY || !e.LIVEKIT_API_SECRET) {
      throw new ConfigError(
        'LIVEKIT_URL is set, so LIVEKIT_API_KEY and LIVEKIT_API_SECRET are required too.',
      );
    }
    livekit = {
      url: e.LIVEKIT_URL,
      publicUrl: e.LIVEKIT_PUBLIC_URL ?? e.LIVEKIT_URL,
      apiKey: e.LIVEKIT_API_KEY,
      apiSecret: e.LIVEKIT_API_SECRET,
    };
  }

  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    eventstoreUrl: e.EVENTSTORE_URL,
    livekit,
    sessionSecret: e.SESSION_SECRET ?? persistedSecret(dataDir),
    dataKey: e.DATA_KEY ?? persistedSecret(dataDir, 'data-key'),
    previousDataKey: e.DATA_KEY_PREVIOUS,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY === 'true',
    rateLimits: {
      loginPerMinute: e.RATE_LIMIT_LOGIN_PER_MINUTE,
      loginFailuresPerIpPerHour: e.RATE_LIMIT_LOGIN_FAILURES_PER_IP_PER_HOUR,
      loginFailuresPerEmailPerHour: e.RATE_LIMIT_LOGIN_FAILURES_PER_EMAIL_PER_HOUR,
      registerPerHour: e.RATE_LIMIT_REGISTER_PER_HOUR,
      messagesPerMinute: e.RATE_LIMIT_MESSAGES_PER_MINUTE,
      passwordResetsPerEmailPerHour: e.RATE_LIMIT_PASSWORD_RESETS_PER_EMAIL_PER_HOUR,
      passwordResetsPerIpPerHour: e.RATE_LIMIT_PASSWORD_RESETS_PER_IP_PER_HOUR,
      verificationEmailsPerHour: e.RATE_LIMIT_VERIFICATION_EMAILS_PER_HOUR,
      ticketsPerHour: e.RATE_LIMIT_TICKETS_PER_HOUR,
      reportsPerHour: e.RATE_LIMIT_REPORTS_PER_HOUR,
      sessionsPerHour: e.RATE_LIMIT_SESSIONS_PER_HOUR,
      groupsPerHour: e.RATE_LIMIT_GROUPS_PER_HOUR,
    },
    requireVerifiedEmailToHost:
      e.REQUIRE_VERIFIED_EMAIL_TO_HOST === 'auto'
        ? e.SMTP_URL !== undefined
        : e.REQUIRE_VERIFIED_EMAIL_TO_HOST === 'true',
    realtime: {
      postsPer10Seconds: e.YJS_POSTS_PER_10_SECONDS,
      postsPerMinute: e.YJS_POSTS_PER_MINUTE,
      messagesPerUpdate: e.YJS_MESSAGES_PER_UPDATE,
      awarenessStateBytes: e.YJS_AWARENESS_STATE_BYTES,
      awarenessUpdatesPerSecond: e.YJS_AWARENESS_UPDATES_PER_SECOND,
      maxBufferedBytes: e.YJS_MAX_BUFFERED_BYTES,
      socketsPerUser: e.SOCKETS_PER_USER,
    },
    webDist: path.resolve(e.WEB_DIST),
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    schedulerIntervalMs: e.SCHEDULER_INTERVAL_MS,
    iceServers: parseIceServers(e.ICE_SERVERS),
    callsPerMinute: e.RATE_LIMIT_CALLS_PER_MINUTE,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT || 3000}`).replace(/\/+$/, ''),
  });
}

/** Embedded mode keeps a generated secret in DATA_DIR so sessions and CSRF tokens survive restarts. */
function persistedSecret(dataDir: string, name = 'session-secret'): string {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
