import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { startServer, type PlatformOptions, type RunningServer } from '../../src/server.ts';
import { copyPgliteTemplate, createServerDatabase, dropServerDatabase } from './database.ts';

export interface TestApp extends RunningServer {
  dataDir: string;
  /** Stops the server but keeps its data, to start again on it (restart tests). */
  stop(): Promise<void>;
  restart(): Promise<TestApp>;
}

/**
 * The real server on a random port with a fresh DATA_DIR; with DATABASE_URL set, on a fresh database of
 * that server. Under vitest either starts as a copy of the run's migrated template. Rate limits (HTTP, posts
 * and presence on /yjs, sockets per person) are lifted unless the test passes its own environment.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  reuse?: { dataDir: string; databaseUrl?: string },
  options: PlatformOptions = {},
): Promise<TestApp> {
  const dataDir = reuse?.dataDir ?? mkdtempSync(path.join(tmpdir(), 'skillswap-test-'));
  const serverUrl = process.env.DATABASE_URL;
  const databaseUrl = reuse
    ? reuse.databaseUrl
    : serverUrl && (await createServerDatabase(serverUrl, 'skillswap_app', { migrated: true }));
  // A fresh embedded database starts as a copy of the run's migrated template (tests/support/global-setup.ts).
  if (!reuse && !serverUrl) copyPgliteTemplate(path.join(dataDir, 'pglite'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    YJS_POSTS_PER_10_SECONDS: '100000',
    YJS_POSTS_PER_MINUTE: '100000',
    YJS_AWARENESS_UPDATES_PER_SECOND: '100000',
    SOCKETS_PER_USER: '100000',
    RATE_LIMIT_LOGIN_PER_MINUTE: '10000',
    RATE_LIMIT_LOGIN_FAILURES_PER_IP_PER_HOUR: '10000',
    RATE_LIMIT_LOGIN_FAILURES_PER_EMAIL_PER_HOUR: '10000',
    RATE_LIMIT_REGISTER_PER_HOUR: '10000',
    RATE_LIMIT_MESSAGES_PER_MINUTE: '100000',
    RATE_LIMIT_PASSWORD_RESETS_PER_EMAIL_PER_HOUR: '10000',
    RATE_LIMIT_PASSWORD_RESETS_PER_IP_PER_HOUR: '10000',
    RATE_LIMIT_VERIFICATION_EMAILS_PER_HOUR: '10000',
    RATE_LIMIT_TICKETS_PER_HOUR: '10000',
    RATE_LIMIT_SESSIONS_PER_HOUR: '100000',
    RATE_LIMIT_GROUPS_PER_HOUR: '100000',
    // With a server, SESSION_SECRET is required configuration (only the embedded mode generates one).
    ...(databaseUrl && {
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: 'test-session-secret-0123456789abcdef',
      DATA_KEY: 'test-data-key-0123456789abcdef-0123456789',
    }),
    ...env,
  });
  const server = await startServer(config, undefined, options);
  const app: TestApp = {
    ...server,
    dataDir,
    stop: () => server.close(),
    restart: async () => startTestApp(env, { dataDir, ...(databaseUrl && { databaseUrl }) }, options),
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (databaseUrl && serverUrl) await dropServerDatabase(serverUrl, databaseUrl);
    },
  };
  return app;
}
