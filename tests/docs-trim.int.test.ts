import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { YjsServer, type YjsServerOptions } from '../src/features/docs/index.ts';
import { loadDoc } from '../src/features/docs/doc-store.ts';
import { docStream } from '../src/features/docs/message-events.ts';
import { attachSocketRoutes } from '../src/platform/http/websocket.ts';
import { createGroup, signUp, type TestUser } from './support/doc-world.ts';
import { HttpClient } from './support/http-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { appendMessage, messageIn, RawDocClient, whenStored } from './support/yjs-client.ts';

// The live document keeps only the latest messages; older ones are archived in the read model.
let app: TestApp;
let alice: TestUser;
let bob: TestUser;
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  app = await startTestApp();
  [alice, bob] = await Promise.all([signUp(app, 'Alice'), signUp(app, 'Bob')]);
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await app?.close();
});

/** A Yjs server with a small cap, on its own port, sharing the app's database and store. */
async function startDocServer(options: YjsServerOptions) {
  const route = new YjsServer(app.platform.deps, { idleMs: 60_000, ...options });
  const server: Server = createServer((_req, res) => res.writeHead(404).end());
  attachSocketRoutes(server, app.platform.deps, [route]);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const close = async () => {
    await route.close();
    await new Promise((resolve) => server.close(resolve));
  };
  cleanups.push(close);
  return { route, url: `http://127.0.0.1:${port}`, close };
}

async function connect(base: string, user: TestUser, doc: string, state?: Uint8Array) {
  const client = await RawDocClient.connect(base, doc, user.cookie, state);
  cleanups.push(() => client.close());
  return client;
}

/** Posts `count` messages one by one through `author`, each seen by `watcher` before the next. */
async function post(author: RawDocClient, watcher: RawDocClient, user: TestUser, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    ids.push(id);
    author.sendUpdate(author.craft((d) => appendMessage(d, { id, authorId: user.id, text: `note ${id}` })));
    await watcher.until(() => watcher.messages().some((m) => m.id === id), `message ${i}`);
    Y.applyUpdate(author.doc, Y.encodeStateAsUpdate(watcher.doc));
  }
  return ids;
}

const liveIds = (client: RawDocClient) => client.messages().map((m) => String(m.id));
/** The document's stream, once what `base` relayed so far is stored. */
async function stream(base: string, doc: string) {
  await whenStored(base, doc, alice.cookie);
  return app.platform.deps.store.readStream(docStream(doc));
}

async function archivedIds(groupId: string): Promise<Array<{ id: string; text: string }>> {
  await app.platform.deps.projections.catchUp(10_000);
  const http = new HttpClient(app.url);
  const res = await http.get<{ messages: Array<{ id: string; text: string }> }>(
    `/api/groups/${groupId}/messages?limit=100`,
    { headers: { cookie: alice.cookie } },
  );
  expect(res.status).toBe(200);
  return res.body.messages;
}

describe('a document with more messages than the cap', () => {
  it('keeps only the latest ones live and in the store, while the read model keeps every message', async () => {
    const { url } = await startDocServer({ keepMessages: 5, trimSlack: 2 });
    const groupId = await createGroup(app, alice.id, [bob.id]);
    const doc = `group-${groupId}`;
    const author = await connect(url, alice, doc);
    const watcher = await connect(url, bob, doc);
    const ids = await post(author, watcher, alice, 12);

    const live = liveIds(watcher);
    expect(live.length).toBeGreaterThanOrEqual(5);
    expect(live.length).toBeLessThanOrEqual(7);
    expect(live).toEqual(ids.slice(-live.length));
    const fresh = await connect(url, bob, doc);
    expect(liveIds(fresh)).toEqual(live);
    const events = await stream(url, doc);
    const loaded = await loadDoc(app.platform.deps.db, app.platform.deps.store, doc);
    expect(loaded.ydoc.getArray<Y.Map<unknown>>('messages').map((m) => m.get('id'))).toEqual(live);

    expect(events.filter((e) => e.type.endsWith('Deleted'))).toEqual([]);
    const trims = events.filter((e) => e.type === 'DocUpdated' && e.metadata.actorRole === 'system');
    expect(trims.length).toBeGreaterThanOrEqual(1);
    expect(trims.every((e) => e.metadata.actorId === null)).toBe(true);
    const posts = new Set(events.map((e) => e.metadata.correlationId));
    expect(trims.every((e) => posts.has(e.metadata.causationId!))).toBe(true); // caused by the post over the cap

    expect((await archivedIds(groupId)).map((m) => m.id)).toEqual(ids);
  });

  it('a client that kept trimmed messages while offline cannot bring them back', async () => {
    const { url } = await startDocServer({ keepMessages: 3, trimSlack: 1 });
    const groupId = await createGroup(app, alice.id, [bob.id]);
    const doc = `group-${groupId}`;
    const author = await connect(url, alice, doc);
    const stale = await connect(url, bob, doc);
    const old = await post(author, stale, alice, 3);
    const kept = Y.encodeStateAsUpdate(stale.doc);
    stale.close();
    const watcher = await connect(url, alice, doc);
    const recent = await post(author, watcher, alice, 4);
    expect(liveIds(watcher)).toEqual(recent.slice(-3));

    const back = await connect(url, bob, doc, kept);
    expect(liveIds(back)).toEqual(recent.slice(-3));
    const before = (await stream(url, doc)).length;
    back.sendUpdate(kept); // the whole kept state, trimmed messages included
    const marker = await post(author, watcher, alice, 1);
    expect(back.denials).toEqual([]);
    expect((await stream(url, doc)).length).toBe(before + 2); // only the marker's DocUpdated + …Posted
    const fresh = await connect(url, bob, doc);
    expect(liveIds(fresh)).toEqual([...recent.slice(-3), ...marker]);
    expect(liveIds(fresh).some((id) => old.includes(id))).toBe(false);
  });

  it('still refuses a client deleting array items', async () => {
    const { url } = await startDocServer({ keepMessages: 3, trimSlack: 1 });
    const groupId = await createGroup(app, alice.id, [bob.id]);
    const doc = `group-${groupId}`;
    const author = await connect(url, alice, doc);
    const watcher = await connect(url, bob, doc);
    await post(author, watcher, alice, 5);
    const before = (await stream(url, doc)).length;
    author.sendUpdate(author.craft((d) => d.getArray('messages').delete(0, 1)));
    expect(await author.nextDenial()).toMatch(/may not be deleted/);
    expect((await stream(url, doc)).length).toBe(before);
  });

  it('trims a document stored before trimming when it is opened, and snapshots it at once', async () => {
    const groupId = await createGroup(app, alice.id, [bob.id]);
    const doc = `group-${groupId}`;
    const untrimmed = await startDocServer({ keepMessages: 1_000, snapshotEvery: 10_000 });
    const author = await connect(untrimmed.url, alice, doc);
    const watcher = await connect(untrimmed.url, bob, doc);
    const ids = await post(author, watcher, alice, 12);
    author.close();
    watcher.close();
    await untrimmed.close();

    const { url } = await startDocServer({ keepMessages: 4, trimSlack: 1, snapshotEvery: 10_000 });
    const reader = await connect(url, bob, doc);
    expect(liveIds(reader)).toEqual(ids.slice(-4));
    const snapshot = () =>
      app.platform.deps.db
        .selectFrom('ydoc_snapshots')
        .select('revision')
        .where('doc', '=', doc)
        .executeTakeFirst();
    await expect.poll(async () => (await snapshot()) !== undefined).toBe(true);
    const loaded = await loadDoc(app.platform.deps.db, app.platform.deps.store, doc);
    expect(loaded.ydoc.getArray<Y.Map<unknown>>('messages').length).toBe(4);
  });

  it('an id reused after its message was archived cannot edit or delete the archived message', async () => {
    const { url } = await startDocServer({ keepMessages: 2, trimSlack: 1 });
    const groupId = await createGroup(app, alice.id, [bob.id]);
    const doc = `group-${groupId}`;
    const author = await connect(url, alice, doc);
    const watcher = await connect(url, bob, doc);
    const [first] = await post(author, watcher, alice, 4);
    expect(liveIds(watcher)).not.toContain(first);

    author.close();
    const bobClient = await connect(url, bob, doc);
    bobClient.sendUpdate(
      bobClient.craft((d) => appendMessage(d, { id: first!, authorId: bob.id, text: 'same id, new author' })),
    );
    await watcher.until(() => liveIds(watcher).includes(first!), 'the reused id');
    Y.applyUpdate(bobClient.doc, Y.encodeStateAsUpdate(watcher.doc));
    bobClient.sendUpdate(
      bobClient.craft((d) =>
        d.transact(() => {
          messageIn(d, first!).set('text', 'defaced');
          messageIn(d, first!).set('editedAt', new Date().toISOString());
        }),
      ),
    );
    await watcher.until(() => messageIn(watcher.doc, first!).get('text') === 'defaced', 'the edit');
    Y.applyUpdate(bobClient.doc, Y.encodeStateAsUpdate(watcher.doc));
    bobClient.sendUpdate(bobClient.craft((d) => messageIn(d, first!).set('deleted', true)));
    await watcher.until(() => messageIn(watcher.doc, first!).get('deleted') === true, 'the deletion');
    expect(bobClient.denials).toEqual([]);

    const archived = (await archivedIds(groupId)).find((m) => m.id === first);
    expect(archived?.text).toBe(`note ${first}`);
  });
});
