import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * PGlite is single-process: two processes on one data folder would corrupt it. A pid file refuses the
 * second one with a message (a stale file from a killed process is taken over).
 */
export function acquireDataDirLock(dataDir: string): () => Promise<void> {
  const file = path.join(dataDir, 'pglite.pid');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `DATA_DIR ${dataDir} is in use by process ${pid}. The embedded database allows one process at a time: ` +
          'stop the app first, or use DATABASE_URL for a Postgres server.',
      );
    }
  }
  writeFileSync(file, String(process.pid));
  return async () => rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
