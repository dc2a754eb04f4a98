import { existsSync, linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Who holds the lock: a pid alone is not enough, since pids are reused and a killed process may linger. */
interface Holder {
  pid: number;
  /** Field 22 of /proc/<pid>/stat: clock ticks from boot to the process's start (Linux). */
  startTime?: string;
  bootId?: string;
}

const HAS_PROC = existsSync('/proc/self/stat');

/**
 * PGlite is single-process: two processes on one data folder would corrupt it. A lock file naming the
 * holder (pid, start time, boot) refuses a second process with a message. The lock is stale, and taken
 * over, when that process is gone, is a zombie (killed, not yet reaped by its parent), or its pid now
 * belongs to another process (a different start time or boot). Without /proc (not Linux), a pid that
 * answers signal 0 counts as the holder.
 */
export function acquireDataDirLock(dataDir: string): () => Promise<void> {
  const file = path.join(dataDir, 'pglite.pid');
  const me = identify(process.pid);
  const mine = JSON.stringify({ pid: process.pid, startTime: me?.startTime, bootId: me?.bootId });
  // Written aside, then linked into place: the lock appears whole, and of two processes only one links it.
  const draft = `${file}.${process.pid}.tmp`;
  writeFileSync(draft, mine);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        place(draft, file, mine);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw error;
      }
      const recorded = readIfExists(file);
      if (recorded === undefined) continue;
      const holder = parseHolder(recorded);
      if (holder && holder.pid !== process.pid && isRunning(holder)) {
        throw new Error(
          `DATA_DIR ${dataDir} is in use by process ${holder.pid}. The embedded database allows one process at a time: ` +
            'stop the app first, or use DATABASE_URL for a Postgres server.',
        );
      }
      // Stale (or ours): remove it unless another process replaced it meanwhile, then try again.
      if (readIfExists(file) === recorded) rmSync(file, { force: true });
    }
  } finally {
    rmSync(draft, { force: true });
  }
  return async () => {
    if (readIfExists(file) === mine) rmSync(file, { force: true });
  };
}

/** Creates `file` with the draft's content, failing with EEXIST when it exists. */
function place(draft: string, file: string, content: string): void {
  try {
    linkSync(draft, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Some volumes have no hard links: exclusive creation still tells the two processes apart.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
      writeFileSync(file, content, { flag: 'wx' });
    } else throw error;
  }
}

function isRunning(holder: Holder): boolean {
  if (!HAS_PROC) return answersSignal(holder.pid);
  const now = identify(holder.pid);
  if (!now || now.state === 'Z' || now.state === 'X') return false;
  if (holder.bootId && now.bootId && holder.bootId !== now.bootId) return false;
  // An old pid-only file cannot tell a recycled pid from the holder: it counts as running.
  return holder.startTime === undefined || holder.startTime === now.startTime;
}

/** The process as /proc sees it now, or undefined when it does not exist (or there is no /proc). */
function identify(pid: number): (Required<Holder> & { state: string }) | undefined {
  const stat = readIfExists(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so split after the last `)`.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const startTime = fields[19]; // field 22 overall
  if (!state || !startTime) return undefined;
  const bootId = readIfExists('/proc/sys/kernel/random/boot_id')?.trim() ?? '';
  return { pid, startTime, bootId, state };
}

function parseHolder(text: string): Holder | undefined {
  if (/^\s*\d+\s*$/.test(text)) return { pid: Number(text) }; // written by an older version
  try {
    const { pid, startTime, bootId } = JSON.parse(text) as Partial<Record<keyof Holder, unknown>>;
    if (typeof pid !== 'number' || pid <= 0) return undefined;
    return {
      pid,
      ...(typeof startTime === 'string' && { startTime }),
      ...(typeof bootId === 'string' && { bootId }),
    };
  } catch {
    return undefined; // not ours to read: nobody holds it
  }
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function answersSignal(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
