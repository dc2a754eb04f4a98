import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { YjsServer } from '../src/features/docs/index.ts';
import { createGroup, promoteAdmin, removeMember, signUp, type TestUser } from './support/doc-world.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { appendMessage, awarenessUpdateFor, messageIn, RawDocClient } from './support/yjs-client.ts';

let app: TestApp;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let groupId: string;
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  app = await startTestApp();
  [alice, bob, carol] = await Promise.all([signUp(app, 'Alice'), signUp(app, 'Bob'), signUp(app, 'Carol')]);
  groupId = await createGroup(app, alice.id, [bob.id]);
});
afterAll(async () => {
  for (const cleanup of cleanups) cleanup();
  await app?.close();
});

const yjsServer = (a: TestApp) => a.sockets.find((s) => s.matches('/yjs/wall')) as YjsServer;

async function connect(user: TestUser, doc = 'wall', base = app.url) {
  const client = await RawDocClient.connect(base, doc, user.cookie);
  cleanups.push(() => client.close());
  return client;
}

/** The stock y-websocket provider in Node: `ws` as the WebSocket, with the user's cookie. */
function stockProvider(user: TestUser, doc: string) {
  class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie: user.cookie } });
    }
  }
  const ydoc = new Y.Doc();
  const provider = new WebsocketProvider(`${app.url.replace('http', 'ws')}/yjs`, doc, ydoc, {
    WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  cleanups.push(() => provider.destroy());
  const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return { ydoc, provider, synced };
}

describe('authentication and authorization on connect', () => {
  it('closes with 4401 and a reason when not signed in', async () => {
    const client = await RawDocClient.open(app.url, 'wall');
    expect(await client.closed).toEqual({ code: 4401, reason: 'Sign in to open this document.' });
  });

  it('closes with 4403 for a group the user is not a member of, and 4404 for an unknown document', async () => {
    const outsider = await RawDocClient.open(app.url, `group-${groupId}`, carol.cookie);
    expect(await outsider.closed).toEqual({
      code: 4403,
      reason: 'Only members of this group can open its chat.',
    });
    const missing = await RawDocClient.open(app.url, `group-${randomUUID()}`, alice.cookie);
    expect((await missing.closed).code).toBe(4403);
    const unknown = await RawDocClient.open(app.url, 'secrets', alice.cookie);
    expect((await unknown.closed).code).toBe(4404);
  });

  it('lets any signed-in user open the wall and members open their group', async () => {
    await connect(carol);
    await connect(bob, `group-${groupId}`);
  });

  it('closes a removed member’s open group connection within a second, and not their wall connection', async () => {
    const dave = await signUp(app, 'Dave');
    const group = await createGroup(app, alice.id, [dave.id]);
    const chat = await connect(dave, `group-${group}`);
    const wall = await connect(dave);
    const removedAt = Date.now();
    await removeMember(app, group, dave.id, alice.id);
    const closed = await chat.closed;
    expect(Date.now() - removedAt).toBeLessThan(1_000);
    expect(closed).toEqual({ code: 4403, reason: 'You are no longer a member of this group.' });
    expect(wall.ws.readyState).toBe(WebSocket.OPEN);
    const again = await RawDocClient.open(app.url, `group-${group}`, dave.cookie);
    expect((await again.closed).code).toBe(4403);
  });

  it('closeUserConnections closes every document socket of a user (for suspension)', async () => {
    const erin = await signUp(app, 'Erin');
    const wall = await connect(erin);
    yjsServer(app).closeUserConnections(erin.id, 'Your account is suspended.');
    expect(await wall.closed).toEqual({ code: 4403, reason: 'Your account is suspended.' });
  });

  it('a promotion to group admin takes effect on an open connection', async () => {
    const doc = `group-${groupId}`;
    const author = await connect(alice, doc);
    const id = randomUUID();
    author.sendUpdate(
      author.craft((d) => appendMessage(d, { id, authorId: alice.id, text: 'from the admin' })),
    );
    const member = await connect(bob, doc);
    await member.until(() => member.messages().some((m) => m.id === id), 'the post');
    member.sendUpdate(member.craft((d) => messageIn(d, id).set('deleted', true)));
    expect(await member.nextDenial()).toMatch(/Only the author/);
    const watcher = await connect(alice, doc);
    await promoteAdmin(app, groupId, bob.id, alice.id);
    await new Promise((r) => setTimeout(r, 700));
    const fresh = member; // the refused change never entered its mirror (crafted on a copy)
    fresh.sendUpdate(fresh.craft((d) => messageIn(d, id).set('deleted', true)));
    await watcher.until(() => messageIn(watcher.doc, id).get('deleted') === true, 'the deletion');
  });
});

describe('the stock y-websocket client', () => {
  it('syncs the wall between two providers', async () => {
    const a = stockProvider(alice, 'wall');
    const b = stockProvider(carol, 'wall');
    await Promise.all([a.synced, b.synced]);
    const id = randomUUID();
    appendMessage(a.ydoc, { id, authorId: alice.id, text: 'via y-websocket' });
    await expect
      .poll(() =>
        b.ydoc
          .getArray<Y.Map<unknown>>('messages')
          .toArray()
          .some((m) => m.get('id') === id),
      )
      .toBe(true);
  });

  it('syncs a group and stops reconnecting when refused with 4403', async () => {
    const doc = `group-${groupId}`;
    const a = stockProvider(alice, doc);
    const b = stockProvider(bob, doc);
    await Promise.all([a.synced, b.synced]);
    const id = randomUUID();
    appendMessage(b.ydoc, { id, authorId: bob.id, text: 'group hello' });
    await expect.poll(() => messageIn(a.ydoc, id).get('text'), { timeout: 3_000 }).toBe('group hello');

    const outsider = stockProvider(carol, doc);
    const closed = new Promise<{ code: number; reason: string } | null>((resolve) =>
      outsider.provider.once('connection-close', (event) =>
        resolve(event as { code: number; reason: string } | null),
      ),
    );
    expect(await closed).toMatchObject({ code: 4403 });
    await new Promise((r) => setTimeout(r, 300));
    expect(outsider.provider.shouldConnect).toBe(false);
  });
});

describe('awareness', () => {
  it('relays a client’s own state and refuses states for another socket’s client id', async () => {
    const a = await connect(alice);
    const b = await connect(carol);
    a.sendAwareness(awarenessUpdateFor(4242, { user: 'Alice' }));
    await b.until(() => b.awarenessUpdates.length > 0, 'awareness relay');
    b.sendAwareness(awarenessUpdateFor(4242, { user: 'Not Alice' }, 5));
    expect(await b.nextDenial()).toMatch(/only describe your own client/);
    b.sendAwareness(awarenessUpdateFor(4243, { user: 'Carol' }));
    await a.until(() => a.awarenessUpdates.length > 0, 'awareness relay of b');
    expect(b.denials).toHaveLength(1);
  });
});

describe('restart', () => {
  it('keeps accepted content after the server restarts on the same data', async () => {
    const author = await connect(alice);
    const id = randomUUID();
    author.sendUpdate(author.craft((d) => appendMessage(d, { id, authorId: alice.id, text: 'survives' })));
    const watcher = await connect(carol);
    await watcher.until(() => watcher.messages().some((m) => m.id === id), 'the post');
    author.close();
    watcher.close();
    await app.stop();
    app = await app.restart();
    const after = await connect(alice);
    expect(messageIn(after.doc, id).get('text')).toBe('survives');
  });
});
