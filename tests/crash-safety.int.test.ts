import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { openPlatform } from '../src/server.ts';
import { spawnApp, TEST_DATA_KEY, type AppProcess } from './support/app-process.ts';
import { copyPgliteTemplate, createServerDatabase, dropServerDatabase } from './support/database.ts';
import { HttpClient } from './support/http-client.ts';

// kill -9 under a write load: every write the app acknowledged is in the event log after a restart, and
// the read models equal a rebuild from the log. On the Postgres server several cycles; on PGlite one
// cycle with the restart right after the kill (the data folder's lock must not outlive its process).
const SECRET = 'crash-safety-test-secret-0123456789abcdef';
const serverUrl = process.env.DATABASE_URL;
const cycles = serverUrl ? 3 : 1;
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

interface Writer {
  id: string;
  client: HttpClient;
  acked: string[];
}

/** Each writer changes its bio over and over, one request at a time, and remembers what was acknowledged. */
function writeLoad(writers: Writer[], url: string) {
  let running = true;
  const loops = writers.map(async (w) => {
    const client = w.client.at(url);
    for (let n = 0; running; n++) {
      const bio = `${w.id.slice(0, 8)}-${url.slice(-5)}-${n}`;
      const res = await client.patch('/api/me', { json: { bio } }).catch(() => undefined);
      if (!res) return; // the process is gone
      expect(res.status).toBeLessThan(500);
      if (res.status === 200) w.acked.push(bio);
    }
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

describe('crash safety', () => {
  it(`keeps every acknowledged write through ${cycles} kill -9 cycle(s)`, { timeout: 240_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'skillswap-crash-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const databaseUrl = serverUrl && (await createServerDatabase(serverUrl, 'skillswap_crash'));
    if (serverUrl && databaseUrl) cleanups.push(() => dropServerDatabase(serverUrl, databaseUrl));
    // The embedded database starts as a copy of the run's migrated template (tests/support/global-setup.ts).
    if (!serverUrl) copyPgliteTemplate(path.join(dataDir, 'pglite'));
    const env = { SESSION_SECRET: SECRET };

    let app: AppProcess = await spawnApp(databaseUrl, env, dataDir);
    const writers: Writer[] = [];
    for (let i = 0; i < 6; i++) {
      const client = new HttpClient(app.url);
      const res = await client.post<{ user: { id: string } }>('/api/auth/register', {
        json: {
          email: `${randomUUID()}@example.com`,
          password: 'correct horse battery',
          displayName: `W${i}`,
        },
      });
      expect(res.status).toBe(201);
      writers.push({ id: res.body.user.id, client, acked: [] });
    }

    for (let cycle = 0; cycle < cycles; cycle++) {
      const before = writers.reduce((n, w) => n + w.acked.length, 0);
      const load = writeLoad(writers, app.url);
      // Kill mid-load, once a good number of writes were acknowledged in this cycle.
      while (writers.reduce((n, w) => n + w.acked.length, 0) < before + 60) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await app.kill();
      await load.stop();
      app = await spawnApp(databaseUrl, env, dataDir);
    }
    await app.stop();

    // Check with the app's own platform code, as the next start would see the data.
    const config = loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      SESSION_SECRET: SECRET,
      DATA_KEY: TEST_DATA_KEY,
      ...(databaseUrl && { DATABASE_URL: databaseUrl }),
    });
    const platform = await openPlatform(config);
    try {
      const { store, projections, db } = platform.deps;
      let acked = 0;
      for (const w of writers) {
        const bios = (await store.readStream(`user-${w.id}`))
          .filter((e) => e.type === 'ProfileUpdated')
          .map((e) => (e.data as { bio?: string }).bio);
        for (const bio of w.acked) expect(bios).toContain(bio);
        acked += w.acked.length;
      }
      expect(acked).toBeGreaterThanOrEqual(60 * cycles);

      await projections.start();
      expect(await projections.catchUp()).toBe(true);
      const rows = () => db.selectFrom('users').select(['id', 'bio', 'display_name']).orderBy('id').execute();
      const live = await rows();
      for (const w of writers) {
        const events = await store.readStream(`user-${w.id}`);
        const last = events.filter((e) => e.type === 'ProfileUpdated').at(-1)?.data as { bio: string };
        expect(live.find((r) => r.id === w.id)?.bio).toBe(last.bio);
      }
      await projections.rebuild('users');
      expect(await projections.catchUp()).toBe(true);
      expect(await rows()).toEqual(live);
    } finally {
      await platform.close();
    }
  });
});
