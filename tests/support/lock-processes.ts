import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.resolve(import.meta.dirname, '../..');
const holderScript = 'tests/support/lock-holder.ts';

export interface Spawned {
  child: ChildProcess;
  /** Resolves with the first stdout line matching `pattern` (its match), rejects if the process exits first. */
  line(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

/** A child process with readable stdout lines and stderr kept for error messages. */
export function spawnProcess(command: string, args: string[], env: Record<string, string> = {}): Spawned {
  const child = spawn(command, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  createInterface({ input: child.stdout }).on('line', (l) => {
    lines.push(l);
    for (const wake of waiters) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    line: (pattern, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          for (const l of lines) {
            const match = pattern.exec(l);
            if (match) return done(() => resolve(match));
          }
        };
        const done = (then: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          then();
        };
        const timer = setTimeout(
          () =>
            done(() => reject(new Error(`no line like ${pattern} in ${timeoutMs} ms: ${stderr.join('')}`))),
          timeoutMs,
        );
        waiters.add(check);
        void exited.then((code) =>
          done(() => reject(new Error(`exited with ${code} before ${pattern}: ${stderr.join('')}`))),
        );
        check();
      }),
  };
}

/** A process holding the DATA_DIR lock; resolves once it holds it. */
export async function spawnLockHolder(dataDir: string): Promise<{ pid: number; process: Spawned }> {
  const holder = spawnProcess(process.execPath, ['--import', 'tsx', holderScript, dataDir]);
  const match = await holder.line(/^locked (\d+)$/);
  return { pid: Number(match[1]), process: holder };
}

/**
 * A lock holder whose parent never reaps it: `sh` starts it in the background and then becomes `sleep`
 * (exec keeps the pid), which never calls wait(). Killed, the holder stays a zombie until `parent` ends.
 */
export async function spawnUnreapedLockHolder(dataDir: string): Promise<{ pid: number; parent: Spawned }> {
  const script = `"$0" --import tsx ${holderScript} "$1" & exec sleep 600`;
  const parent = spawnProcess('/bin/sh', ['-c', script, process.execPath, dataDir]);
  const match = await parent.line(/^locked (\d+)$/);
  return { pid: Number(match[1]), parent };
}

/** The state letter of /proc/<pid>/stat (R, S, Z…), or undefined when there is no such process. */
export function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return undefined;
  }
}

/**
 * The real app (`src/main.ts`) on the embedded database in `dataDir`; resolves once it listens. With
 * `unreaped`, its parent never reaps it (as `spawnUnreapedLockHolder`): killed, it stays a zombie.
 */
export async function spawnEmbeddedApp(
  dataDir: string,
  options: { unreaped?: boolean } = {},
): Promise<{ url: string; pid: number; process: Spawned }> {
  const env = { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' };
  const app = options.unreaped
    ? spawnProcess('/bin/sh', ['-c', '"$0" --import tsx src/main.ts & exec sleep 600', process.execPath], env)
    : spawnProcess(process.execPath, ['--import', 'tsx', 'src/main.ts'], env);
  // A first start creates and migrates the database: slow on a busy machine.
  const match = await app.line(/"pid":(\d+).*"url":"(http:\/\/[^"]+)".*is listening/, 120_000);
  return { pid: Number(match[1]), url: match[2]!, process: app };
}
