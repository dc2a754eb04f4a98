import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { YjsServer } from '../src/features/docs/index.ts';
import { loadDoc } from '../src/features/docs/doc-store.ts';
import { PostgresEventStore } from '../src/platform/event-store/postgres.ts';
import type { Deps } from '../src/platform/http/context.ts';
import { attachSocketRoutes } from '../src/platform/http/websocket.ts';
import { createGroup, removeMember, signUp, type TestUser } from './support/doc-world.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { appendMessage, RawDocClient, whenStored } from './support/yjs-client.ts';

let app: TestApp;
let alice: TestUser;
let carol: TestUser;
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  app = await startTestApp();
  [alice, carol] = await Promise.all([signUp(app, 'Alice'), signUp(app, 'Carol')]);
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await app?.close();
});

/** A second Yjs server on the app's platform with small limits, on its own HTTP port. */
async function startDocServer(
  options: { snapshotEvery: number; idleMs: number },
  deps: Deps = app.platform.deps,
) {
  const route = new YjsServer(deps, options);
  const server: Server = createServer((_req, res) => res.writeHead(404).end());
  attachSocketRoutes(server, app.platform.deps, [route]);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  cleanups.push(async () => {
    await route.close();
    await new Promise((resolve) => server.close(resolve));
  });
  return { route, url: `http://127.0.0.1:${port}` };
}

async function connect(base: string, user: TestUser, doc = 'wall', state?: Uint8Array) {
  const client = await RawDocClient.connect(base, doc, user.cookie, state);
  cleanups.push(() => client.close());
  return client;
}

async function postMany(base: string, user: TestUser, doc: string, count: number) {
  const author = await connect(base, user, doc);
  const watcher = await connect(base, user, doc);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    ids.push(id);
    author.sendUpdate(author.craft((d) => appendMessage(d, { id, authorId: user.id, text: `message ${i}` })));
    await watcher.until(() => watcher.messages().some((m) => m.id === id), `message ${i}`);
    Y.applyUpdate(author.doc, Y.encodeStateAsUpdate(watcher.doc));
  }
  author.close();
  watcher.close();
  await whenStored(base, doc, user.cookie);
  return ids;
}

const snapshotRow = (doc: string) =>
  app.platform.deps.db.selectFrom('ydoc_snapshots').selectAll().where('doc', '=', doc).executeTakeFirst();

describe('snapshots and loading', () => {
  it('writes snapshots as updates accumulate, and loads from the latest snapshot plus later updates', async () => {
    const { url } = await startDocServer({ snapshotEvery: 10, idleMs: 60_000 });
    const groupId = await createGroup(app, alice.id);
    const doc = `group-${groupId}`;
    const ids = await postMany(url, alice, doc, 12);
    // Each post appends 2 events (DocUpdated + GroupMessagePosted): a snapshot after revision ~10.
    await expect.poll(async () => Number((await snapshotRow(doc))?.revision ?? -1)).toBeGreaterThanOrEqual(9);
    const row = (await snapshotRow(doc))!;
    const fromSnapshot = new Y.Doc();
    Y.applyUpdate(fromSnapshot, row.state);
    const inSnapshot = fromSnapshot.getArray<Y.Map<unknown>>('messages').length;
    expect(inSnapshot).toBe(
      (await app.platform.deps.store.readStream(`ydoc-${doc}`))
        .filter((e) => e.revision <= Number(row.revision))
        .filter((e) => e.type === 'GroupMessagePosted').length,
    );

    // A later snapshot may still land while this test reads: load again until it starts from the newest.
    let loaded = await loadDoc(app.platform.deps.db, app.platform.deps.store, doc);
    for (let tries = 0; tries < 20; tries++) {
      const newest = Number((await snapshotRow(doc))!.revision);
      if (loaded.snapshotRevision === newest) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
      loaded = await loadDoc(app.platform.deps.db, app.platform.deps.store, doc);
    }
    expect(loaded.snapshotRevision).toBe(Number((await snapshotRow(doc))!.revision));
    expect(loaded.snapshotRevision).toBeGreaterThanOrEqual(Number(row.revision));
    const loadedIds = loaded.ydoc
      .getArray<Y.Map<unknown>>('messages')
      .toArray()
      .map((m) => m.get('id'));
    expect(loadedIds).toEqual(ids);
  });

  it('really starts from the snapshot: content only the snapshot holds is loaded', async () => {
    const groupId = await createGroup(app, alice.id);
    const doc = `group-${groupId}`;
    const { url } = await startDocServer({ snapshotEvery: 1_000, idleMs: 60_000 });
    await postMany(url, alice, doc, 2);
    const head = (await app.platform.deps.store.readStream(`ydoc-${doc}`)).at(-1)!.revision;
    const planted = new Y.Doc();
    appendMessage(planted, { id: 'only-in-snapshot', authorId: alice.id, text: 'planted' });
    await app.platform.deps.db
      .insertInto('ydoc_snapshots')
      .values({ doc, revision: head, state: Y.encodeStateAsUpdate(planted), taken_at: new Date() })
      .execute();
    const loaded = await loadDoc(app.platform.deps.db, app.platform.deps.store, doc);
    const texts = loaded.ydoc
      .getArray<Y.Map<unknown>>('messages')
      .toArray()
      .map((m) => m.get('text'));
    expect(texts).toEqual(['planted']);
  });

  it('unloads a document once its last socket has left', async () => {
    const { route, url } = await startDocServer({ snapshotEvery: 1_000, idleMs: 50 });
    const client = await connect(url, carol);
    expect(route.loadedDocs).toBe(1);
    client.close();
    await expect.poll(() => route.loadedDocs, { timeout: 2_000 }).toBe(0);
    const again = await connect(url, carol);
    expect(route.loadedDocs).toBe(1);
    again.close();
  });
});

describe('an append that fails after the update was relayed', () => {
  it('closes the document’s sockets with 1011, and the author’s client stores the update on reconnect', async () => {
    // Its own event store over the same database, closed mid-test: its appends then fail.
    const store = await PostgresEventStore.create({ db: app.platform.deps.db });
    const { url } = await startDocServer(
      { snapshotEvery: 1_000, idleMs: 60_000 },
      { ...app.platform.deps, store },
    );
    const groupId = await createGroup(app, alice.id, [carol.id]);
    const doc = `group-${groupId}`;
    const author = await connect(url, alice, doc);
    const watcher = await connect(url, carol, doc);
    const stored = randomUUID();
    author.sendUpdate(
      author.craft((d) => appendMessage(d, { id: stored, authorId: alice.id, text: 'stored' })),
    );
    await watcher.until(() => watcher.messages().some((m) => m.id === stored), 'the first post');
    Y.applyUpdate(author.doc, Y.encodeStateAsUpdate(watcher.doc));

    await store.close();
    const lost = randomUUID();
    appendMessage(author.doc, { id: lost, authorId: alice.id, text: 'not stored yet' });
    author.sendUpdate(Y.encodeStateAsUpdate(author.doc, Y.encodeStateVector(watcher.doc)));
    expect((await author.closed).code).toBe(1011);
    expect((await watcher.closed).code).toBe(1011);
    expect(watcher.messages().some((m) => m.id === lost)).toBe(true); // relayed before the append failed
    const streamed = await app.platform.deps.store.readStream(`ydoc-${doc}`);
    expect(streamed.some((e) => (e.data as { messageId?: string }).messageId === lost)).toBe(false);

    const back = await connect(app.url, alice, doc, Y.encodeStateAsUpdate(author.doc));
    const reader = await connect(app.url, carol, doc);
    await reader.until(() => reader.messages().some((m) => m.id === lost), 'the re-sent post');
    expect(back.denials).toEqual([]);
    expect(reader.messages().map((m) => m.id)).toEqual([stored, lost]);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('two app processes on one Postgres server', () => {
  let other: TestApp;
  let otherDir: string;

  beforeAll(async () => {
    otherDir = mkdtempSync(path.join(tmpdir(), 'skillswap-peer-'));
    other = await startTestApp({}, { dataDir: otherDir, databaseUrl: app.platform.config.databaseUrl! });
  });
  afterAll(async () => {
    await other?.stop();
    rmSync(otherDir, { recursive: true, force: true });
  });

  it('relays a post through one process to clients of the other, both ways', async () => {
    const onA = await connect(app.url, alice);
    const onB = await connect(other.url, carol);
    const id = randomUUID();
    onA.sendUpdate(onA.craft((d) => appendMessage(d, { id, authorId: alice.id, text: 'from A' })));
    await onB.until(() => onB.messages().some((m) => m.id === id), 'A → B');
    const back = randomUUID();
    onB.sendUpdate(onB.craft((d) => appendMessage(d, { id: back, authorId: carol.id, text: 'from B' })));
    const watcher = await connect(app.url, alice);
    await watcher.until(() => watcher.messages().some((m) => m.id === back), 'B → A');
  });

  it('closes a removed member on the other process within a second', async () => {
    const groupId = await createGroup(app, alice.id, [carol.id]);
    const onB = await connect(other.url, carol, `group-${groupId}`);
    const removedAt = Date.now();
    await removeMember(app, groupId, carol.id, alice.id);
    expect((await onB.closed).code).toBe(4403);
    expect(Date.now() - removedAt).toBeLessThan(1_000);
  });
});
