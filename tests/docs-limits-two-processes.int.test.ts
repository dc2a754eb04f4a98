import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TestClock } from './support/clock.ts';
import { signUp, type TestUser } from './support/doc-world.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { appendMessage, RawDocClient } from './support/yjs-client.ts';

// A person's posting limit holds across app processes: posts accepted by one process use up the
// allowance on the other (two app processes on one database of the Postgres server; PGlite is one
// process). Both processes share one test clock, so time moves only by hand.
const SECRET = 'posting-limits-two-processes-secret-0123456789';
const LIMITS = { SESSION_SECRET: SECRET, YJS_POSTS_PER_10_SECONDS: '3', YJS_POSTS_PER_MINUTE: '100' };
const serverUrl = process.env.DATABASE_URL;
const clock = new TestClock();
let one: TestApp;
let two: TestApp;
let twoDir: string;
const clients: RawDocClient[] = [];

describe.skipIf(!serverUrl)('posting limits across two app processes', () => {
  beforeAll(async () => {
    one = await startTestApp(LIMITS, undefined, { clock: clock.now });
    twoDir = mkdtempSync(path.join(tmpdir(), 'skillswap-limits-'));
    two = await startTestApp(
      LIMITS,
      { dataDir: twoDir, databaseUrl: one.platform.config.databaseUrl! },
      { clock: clock.now },
    );
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await two?.stop();
    rmSync(twoDir, { recursive: true, force: true });
    await one?.close();
  });

  async function connect(app: TestApp, user: TestUser) {
    const client = await RawDocClient.connect(app.url, 'wall', user.cookie);
    clients.push(client);
    return client;
  }

  /** Sends one message; resolves 'relayed' once `watcher` holds it, or with the sender's refusal. */
  function post(author: RawDocClient, watcher: RawDocClient, user: TestUser): Promise<string> {
    const id = randomUUID();
    const update = author.craft((d) => appendMessage(d, { id, authorId: user.id, text: `hello ${id}` }));
    author.sendUpdate(update);
    const relayed = watcher
      .until(() => watcher.messages().some((m) => m.id === id), 'relay')
      .then(() => {
        Y.applyUpdate(author.doc, update);
        return 'relayed';
      });
    return Promise.race([relayed, author.nextDenial()]);
  }

  it("refuses a post on process two once the person's posts on process one used up the allowance", async () => {
    const ana = await signUp(one, 'Ana');
    const bo = await signUp(one, 'Bo');
    const anaOnOne = await connect(one, ana);
    const watcherOnOne = await connect(one, bo);
    const watcherOnTwo = await connect(two, bo);
    for (let i = 0; i < 3; i++) expect(await post(anaOnOne, watcherOnOne, ana)).toBe('relayed');
    // Process two has applied all three once its viewer holds them.
    await watcherOnTwo.until(() => watcherOnTwo.messages().length >= 3, 'the posts on process two');

    const anaOnTwo = await connect(two, ana);
    await anaOnTwo.until(() => anaOnTwo.messages().length >= 3, 'the synced wall');
    expect(await post(anaOnTwo, watcherOnTwo, ana)).toMatch(/posting too fast: at most 3 messages per 10/);

    clock.advance({ seconds: 11 });
    expect(await post(anaOnTwo, watcherOnTwo, ana)).toBe('relayed');
  });
});
