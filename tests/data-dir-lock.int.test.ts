import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock } from '../src/platform/db/data-dir-lock.ts';
import { copyPgliteTemplate } from './support/database.ts';
import { HttpClient } from './support/http-client.ts';
import {
  processState,
  spawnEmbeddedApp,
  spawnLockHolder,
  spawnUnreapedLockHolder,
  type Spawned,
} from './support/lock-processes.ts';

// The embedded database allows one process per DATA_DIR. The lock must refuse a live holder and must
// not mistake a dead one (a zombie after kill -9, or its pid now used by another process) for it.
const dirs: string[] = [];
const processes: Spawned[] = [];
afterAll(async () => {
  for (const p of processes)
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await Promise.all(processes.map((p) => p.exited));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'skillswap-lock-'));
  dirs.push(dir);
  return dir;
};
const lockFile = (dir: string) => path.join(dir, 'pglite.pid');
const bootId = () => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();

async function until(condition: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function killedZombie(pid: number) {
  process.kill(pid, 'SIGKILL');
  await until(() => processState(pid) === 'Z', `process ${pid} to become a zombie`);
}

describe('a lock held by a running process', () => {
  it('refuses a second process with a message naming the holder, and is free once it exits', async () => {
    const dir = tempDir();
    const holder = await spawnLockHolder(dir);
    processes.push(holder.process);
    expect(() => acquireDataDirLock(dir)).toThrow(`DATA_DIR ${dir} is in use by process ${holder.pid}.`);
    holder.process.child.kill('SIGKILL');
    await holder.process.exited;
    const release = acquireDataDirLock(dir);
    await release();
    expect(() => readFileSync(lockFile(dir))).toThrow();
  });
});

describe('a stale lock', () => {
  it('is taken over from a holder killed with -9 that is still a zombie (its parent never reaped it)', async () => {
    const dir = tempDir();
    const { pid, parent } = await spawnUnreapedLockHolder(dir);
    processes.push(parent);
    await killedZombie(pid);
    const release = acquireDataDirLock(dir); // was: "DATA_DIR … is in use by process <pid>"
    expect(JSON.parse(readFileSync(lockFile(dir), 'utf8'))).toMatchObject({ pid: process.pid });
    await release();
  });

  it('is taken over when its pid now belongs to another process (a different start time or boot)', async () => {
    const dir = tempDir();
    // The test runner's parent is alive, but it is not the process that wrote these files.
    for (const recorded of [
      { pid: process.ppid, startTime: '1', bootId: bootId() },
      { pid: process.ppid, startTime: '1', bootId: 'another-boot' },
    ]) {
      writeFileSync(lockFile(dir), JSON.stringify(recorded));
      const release = acquireDataDirLock(dir);
      await release();
    }
  });

  it('is taken over from a pid that is gone; an old pid-only file of a live process is still respected', async () => {
    const dir = tempDir();
    const holder = await spawnLockHolder(dir);
    processes.push(holder.process);
    holder.process.child.kill('SIGKILL');
    await holder.process.exited;
    writeFileSync(lockFile(dir), String(holder.pid));
    await acquireDataDirLock(dir)();
    writeFileSync(lockFile(dir), String(process.ppid));
    expect(() => acquireDataDirLock(dir)).toThrow(`is in use by process ${process.ppid}`);
  });

  it('does not remove a lock that another process took meanwhile', async () => {
    const dir = tempDir();
    const release = acquireDataDirLock(dir);
    const other = JSON.stringify({ pid: process.ppid, startTime: '1', bootId: bootId() });
    writeFileSync(lockFile(dir), other);
    await release();
    expect(readFileSync(lockFile(dir), 'utf8')).toBe(other);
  });
});

describe('the real app', () => {
  it('starts again at once on its DATA_DIR after kill -9, though the killed process is still a zombie', async () => {
    const dir = tempDir();
    copyPgliteTemplate(path.join(dir, 'pglite')); // migrated (tests/support/global-setup.ts): a quicker first start
    const first = await spawnEmbeddedApp(dir, { unreaped: true });
    processes.push(first.process);
    const ada = new HttpClient(first.url);
    const email = `ada.${Date.now()}@example.com`;
    const registered = await ada.post('/api/auth/register', {
      json: { email, password: 'correct horse battery', displayName: 'Ada' },
    });
    expect(registered.status).toBe(201);
    await killedZombie(first.pid);

    const second = await spawnEmbeddedApp(dir);
    processes.push(second.process);
    expect((await new HttpClient(second.url).get('/healthz')).status).toBe(200);
    const login = await new HttpClient(second.url).post('/api/auth/login', {
      json: { email, password: 'correct horse battery' },
    });
    expect(login.status).toBe(200);
  }, 300_000);
});
