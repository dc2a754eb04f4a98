import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** The master key every spawned app process shares (and a check opening the same data must use). */
export const TEST_DATA_KEY = 'test-data-key-0123456789abcdef-0123456789';

export interface AppProcess {
  url: string;
  pid: number;
  /** SIGTERM, then SIGKILL after 5 s; resolves when the process has exited. */
  stop(): Promise<void>;
  /** SIGKILL at once (a crash); keeps the data folder; resolves when the process has exited. */
  kill(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '../..');

/** The flags `npm start` gives node (package.json), so a spawned app runs as it does in production. */
export const APP_NODE_FLAGS = ['--max-semi-space-size=64'] as const;

/**
 * The real app (`node --import tsx src/main.ts`) as a child process on a random port, on the given
 * Postgres database. Resolves once it logs that it listens.
 */
export async function spawnApp(
  databaseUrl: string | undefined,
  env: Record<string, string> = {},
  /** A data folder to reuse (the embedded PGlite lives there); kept when given, removed otherwise. */
  keptDataDir?: string,
  /** Extra flags for node itself (the sessions bench passes `--cpu-prof`). */
  nodeFlags: readonly string[] = [],
): Promise<AppProcess> {
  const dataDir = keptDataDir ?? mkdtempSync(path.join(tmpdir(), 'skillswap-proc-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [...APP_NODE_FLAGS, ...nodeFlags, '--import', 'tsx', 'src/main.ts'],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        ...(databaseUrl && { DATABASE_URL: databaseUrl }),
        LOG_LEVEL: 'info',
        SESSION_SECRET: 'two-process-test-secret-0123456789abcdef',
        DATA_KEY: TEST_DATA_KEY,
        RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
        RATE_LIMIT_REGISTER_PER_HOUR: '100000',
        RATE_LIMIT_MESSAGES_PER_MINUTE: '1000000',
        RATE_LIMIT_SESSIONS_PER_HOUR: '1000000',
        RATE_LIMIT_GROUPS_PER_HOUR: '1000000',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`app did not start in 60 s: ${stderr.join('')}`)),
      60_000,
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with ${code}: ${stderr.join('')}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /"url":"(http:\/\/[^"]+)"/.exec(line);
      if (match?.[1] && line.includes('is listening')) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });

  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
      }
      if (!keptDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
