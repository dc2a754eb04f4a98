import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { startServer, type RunningServer } from '../../src/server.ts';

export interface TestApp extends RunningServer {
  dataDir: string;
  /** Stops the server but keeps its data, to start again on it (restart tests). */
  stop(): Promise<void>;
  restart(): Promise<TestApp>;
}

/**
 * The real server on a random port with a fresh DATA_DIR; with DATABASE_URL set, on a fresh database of
 * that server. Rate limits are lifted unless the test passes its own environment.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  reuse?: { dataDir: string; databaseUrl?: string },
): Promise<TestApp> {
  const dataDir = reuse?.dataDir ?? mkdtempSync(path.join(tmpdir(), 'skillswap-test-'));
  const databaseUrl = reuse ? reuse.databaseUrl : await freshServerDatabase();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RATE_LIMIT_LOGIN_PER_MINUTE: '10000',
    RATE_LIMIT_REGISTER_PER_HOUR: '10000',
    ...(databaseUrl && { DATABASE_URL: databaseUrl }),
    ...env,
  });
  const server = await startServer(config);
  const app: TestApp = {
    ...server,
    dataDir,
    stop: () => server.close(),
    restart: async () => startTestApp(env, { dataDir, ...(databaseUrl && { databaseUrl }) }),
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (databaseUrl) await dropServerDatabase(databaseUrl);
    },
  };
  return app;
}

async function freshServerDatabase(): Promise<string | undefined> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return undefined;
  const name = `skillswap_app_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropServerDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
