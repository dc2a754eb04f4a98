import { randomUUID } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { loadConfig } from '../src/config.ts';
import { docStream } from '../src/features/docs/message-events.ts';
import { TestClock } from './support/clock.ts';
import { createGroup, giveRole, signUp, type TestUser } from './support/doc-world.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { appendMessage, RawDocClient, whenStored } from './support/yjs-client.ts';

// The realtime limits of docs/yjs-server.md, "Limits", at their defaults, but the buffer cap lowered to 1 MB
// so a test overruns it quickly. Time moves only through the app's clock.
const LIMITS = {
  YJS_POSTS_PER_10_SECONDS: '10',
  YJS_POSTS_PER_MINUTE: '30',
  YJS_MESSAGES_PER_UPDATE: '10',
  YJS_AWARENESS_STATE_BYTES: '2048',
  YJS_AWARENESS_UPDATES_PER_SECOND: '10',
  YJS_MAX_BUFFERED_BYTES: String(1024 * 1024),
  SOCKETS_PER_USER: '5',
};
const clock = new TestClock();
let app: TestApp;
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  app = await startTestApp(LIMITS, undefined, { clock: clock.now });
});
afterAll(async () => {
  for (const cleanup of cleanups) cleanup();
  await app?.close();
});

async function connect(user: TestUser, doc = 'wall') {
  const client = await RawDocClient.connect(app.url, doc, user.cookie);
  cleanups.push(() => client.close());
  return client;
}

/** Resolves with what happened to an update: seen by `watcher` ('relayed'), or the sender's refusal. */
function outcome(sender: RawDocClient, watcher: RawDocClient, seen: () => boolean): Promise<string> {
  const relayed = watcher.until(seen, 'relay').then(
    () => 'relayed',
    () => 'neither',
  );
  const refused = sender.nextDenial().catch(() => 'neither');
  return Promise.race([relayed, refused]);
}

/** Posts one message in its own update; the author's mirror keeps it only when it was accepted. */
async function post(author: RawDocClient, watcher: RawDocClient, user: TestUser, count = 1) {
  const ids = Array.from({ length: count }, () => randomUUID());
  const update = author.craft((d) =>
    d.transact(() => ids.forEach((id) => appendMessage(d, { id, authorId: user.id, text: `hi ${id}` }))),
  );
  author.sendUpdate(update);
  const result = await outcome(author, watcher, () => ids.every((id) => has(watcher, id)));
  if (result === 'relayed') Y.applyUpdate(author.doc, update);
  return { ids, result };
}

const has = (client: RawDocClient, id: string) => client.messages().some((m) => m.id === id);

async function storedIds(doc: string, user: TestUser): Promise<string[]> {
  await whenStored(app.url, doc, user.cookie);
  const events = await app.platform.deps.store.readStream(docStream(doc));
  return events.flatMap((e) =>
    e.type.endsWith('MessagePosted') ? [(e.data as { messageId: string }).messageId] : [],
  );
}

describe('configuration', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({ DATA_DIR: app.dataDir }).realtime).toEqual({
      postsPer10Seconds: 10,
      postsPerMinute: 30,
      messagesPerUpdate: 10,
      awarenessStateBytes: 2048,
      awarenessUpdatesPerSecond: 10,
      maxBufferedBytes: 4 * 1024 * 1024,
      socketsPerUser: 20,
    });
    expect(() => loadConfig({ DATA_DIR: app.dataDir, YJS_AWARENESS_STATE_BYTES: '6000' })).toThrow(
      /YJS_AWARENESS_STATE_BYTES/,
    );
    expect(() => loadConfig({ DATA_DIR: app.dataDir, SOCKETS_PER_USER: '0' })).toThrow(/SOCKETS_PER_USER/);
  });
});

describe('posting rate, per person and document', () => {
  it('accepts 10 posts per 10 s and 30 per minute; refuses the rest with the wait, stores and relays none of them', async () => {
    const [ana, bo] = await Promise.all([signUp(app, 'Ana'), signUp(app, 'Bo')]);
    const author = await connect(ana);
    const watcher = await connect(bo);
    const accepted: string[] = [];
    for (let i = 0; i < 10; i++) {
      const { ids, result } = await post(author, watcher, ana);
      expect(result).toBe('relayed');
      accepted.push(...ids);
    }
    const eleventh = await post(author, watcher, ana);
    expect(eleventh.result).toBe(
      'You are posting too fast: at most 10 messages per 10 seconds in this chat. Try again in 10 seconds.',
    );

    // Counted per person and per document: Bo on the wall and Ana in a group still post.
    expect((await post(watcher, author, bo)).result).toBe('relayed');
    const groupId = await createGroup(app, ana.id, [bo.id]);
    const inGroup = await connect(ana, `group-${groupId}`);
    const groupWatcher = await connect(bo, `group-${groupId}`);
    expect((await post(inGroup, groupWatcher, ana)).result).toBe('relayed');

    clock.advance({ seconds: 4 });
    expect((await post(author, watcher, ana)).result).toMatch(/Try again in 6 seconds\.$/);
    for (let window = 0; window < 2; window++) {
      clock.advance({ seconds: 10 });
      for (let i = 0; i < 10; i++) {
        const { ids, result } = await post(author, watcher, ana);
        expect(result).toBe('relayed');
        accepted.push(...ids);
      }
    }
    clock.advance({ seconds: 10 });
    const over = await post(author, watcher, ana);
    expect(over.result).toBe(
      'You are posting too fast: at most 30 messages per minute in this chat. Try again in 26 seconds.',
    );

    const stored = await storedIds('wall', ana);
    expect(accepted).toHaveLength(30);
    for (const id of accepted) expect(stored).toContain(id);
    for (const id of [...eleventh.ids, ...over.ids]) {
      expect(stored).not.toContain(id);
      expect(has(watcher, id)).toBe(false);
    }
    clock.advance({ seconds: 30 });
    expect((await post(author, watcher, ana)).result).toBe('relayed');
  });

  it('limits moderators too, while their deletions are not posts', async () => {
    const [mod, bo] = await Promise.all([signUp(app, 'Mod'), signUp(app, 'Bo')]);
    await giveRole(app, mod.id, 'moderator');
    const author = await connect(mod);
    const watcher = await connect(bo);
    const { ids } = await post(watcher, author, bo);
    for (let i = 0; i < 10; i++) expect((await post(author, watcher, mod)).result).toBe('relayed');
    expect((await post(author, watcher, mod)).result).toMatch(/^You are posting too fast/);

    const target = ids[0]!;
    const deletion = author.craft((d) =>
      d
        .getArray<Y.Map<unknown>>('messages')
        .toArray()
        .find((m) => m.get('id') === target)!
        .set('deleted', true),
    );
    author.sendUpdate(deletion);
    await watcher.until(
      () => watcher.messages().some((m) => m.id === target && m.deleted === true),
      'the deletion',
    );
  });
});

describe('messages per update', () => {
  it('refuses an update that creates 11 messages, and accepts 10', async () => {
    const [ana, bo] = await Promise.all([signUp(app, 'Ana'), signUp(app, 'Bo')]);
    const author = await connect(ana);
    const watcher = await connect(bo);
    const many = await post(author, watcher, ana, 11);
    expect(many.result).toBe(
      'An update may create at most 10 messages; this one creates 11. Send fewer at a time.',
    );
    const ten = await post(author, watcher, ana, 10);
    expect(ten.result).toBe('relayed');
    const stored = await storedIds('wall', ana);
    for (const id of many.ids) expect(stored).not.toContain(id);
    for (const id of ten.ids) expect(stored).toContain(id);
  });
});

/** An awareness update for one client with its state's JSON text as given. */
function awarenessUpdate(entries: Array<{ client: number; clock: number; json: string }>): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const { client, clock: c, json } of entries) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, c);
    encoding.writeVarString(e, json);
  }
  return encoding.toUint8Array(e);
}

/** A state whose JSON is exactly `bytes` long. */
const stateOf = (bytes: number, tag = 'x') => {
  const json = JSON.stringify({ user: tag, pad: '' });
  return JSON.stringify({ user: tag, pad: 'p'.repeat(bytes - json.length) });
};

/** The clocks of the awareness entries a client received for `client`, in order. */
function clocksSeen(viewer: RawDocClient, client: number): number[] {
  return viewer.awarenessUpdates.flatMap((update) => {
    const decoder = decoding.createDecoder(update);
    const seen: number[] = [];
    for (let n = decoding.readVarUint(decoder); n > 0; n--) {
      const id = decoding.readVarUint(decoder);
      const at = decoding.readVarUint(decoder);
      decoding.readVarString(decoder);
      if (id === client) seen.push(at);
    }
    return seen;
  });
}

describe('awareness', () => {
  it('drops a state over 2 KB (the measured 900 KB one too) with a refusal; relays one of 2 KB', async () => {
    const [ana, bo] = await Promise.all([signUp(app, 'Ana'), signUp(app, 'Bo')]);
    const sender = await connect(ana);
    const viewer = await connect(bo);
    sender.sendAwareness(awarenessUpdate([{ client: 5001, clock: 1, json: stateOf(2049) }]));
    expect(await sender.nextDenial()).toBe(
      'Presence (awareness) states may be at most 2,048 bytes; this one has 2,049. It was not shared.',
    );
    sender.sendAwareness(awarenessUpdate([{ client: 5001, clock: 2, json: stateOf(900_000) }]));
    expect(await sender.nextDenial()).toMatch(/this one has 900,000\. It was not shared\.$/);
    sender.sendAwareness(awarenessUpdate([{ client: 5001, clock: 3, json: stateOf(2048) }]));
    await viewer.until(() => clocksSeen(viewer, 5001).length > 0, 'the 2 KB state');
    expect(clocksSeen(viewer, 5001)).toEqual([3]);
    expect(viewer.awarenessUpdates.reduce((n, u) => n + u.byteLength, 0)).toBeLessThan(3_000);
  });

  it('relays 10 changes per second per socket, drops the 11th with a refusal, lets removals through', async () => {
    const [ana, bo] = await Promise.all([signUp(app, 'Ana'), signUp(app, 'Bo')]);
    const sender = await connect(ana);
    const viewer = await connect(bo);
    for (let c = 1; c <= 11; c++) {
      sender.sendAwareness(awarenessUpdate([{ client: 6001, clock: c, json: stateOf(100) }]));
    }
    expect(await sender.nextDenial()).toBe(
      'Presence (awareness) updates are limited to 10 per second; this one was dropped. Your next update is shared.',
    );
    // Queries count too: each answer carries every state of the document.
    sender.sendFrame(new Uint8Array([3]));
    expect(await sender.nextDenial()).toMatch(/limited to 10 per second/);
    sender.sendAwareness(awarenessUpdate([{ client: 6001, clock: 12, json: 'null' }]));
    await viewer.until(() => clocksSeen(viewer, 6001).includes(12), 'the removal');
    clock.advance({ seconds: 1 });
    sender.sendAwareness(awarenessUpdate([{ client: 6001, clock: 13, json: stateOf(100) }]));
    await viewer.until(() => clocksSeen(viewer, 6001).includes(13), 'the next second');
    expect(clocksSeen(viewer, 6001)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13]);
  });
});

/** A raw socket to a path with a cookie; resolves with its close code and reason. */
async function openRaw(path: string, cookie: string) {
  const ws = new WebSocket(`${app.url.replace(/^http/, 'ws')}${path}`, { headers: { cookie } });
  cleanups.push(() => ws.close());
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, closed };
}

describe('sockets per person', () => {
  it('refuses a 6th socket across /yjs and /api/live with 4429; other people and freed places are unaffected', async () => {
    const [ana, bo] = await Promise.all([signUp(app, 'Ana'), signUp(app, 'Bo')]);
    const docs = [await connect(ana), await connect(ana), await connect(ana)];
    await openRaw('/api/live', ana.cookie);
    await openRaw('/api/live', ana.cookie);
    const expected = {
      code: 4429,
      reason:
        'Too many open connections: at most 5 per person. Close some SkillSwap tabs or windows, then reload.',
    };
    expect(await (await RawDocClient.open(app.url, 'wall', ana.cookie)).closed).toEqual(expected);
    expect(await (await openRaw('/api/live', ana.cookie)).closed).toEqual(expected);
    await connect(bo);

    docs[0]!.close();
    await docs[0]!.closed;
    const { sockets } = app.platform.deps;
    for (let i = 0; i < 100 && sockets.countFor(ana.id) > 4; i++) await new Promise((r) => setTimeout(r, 10));
    await connect(ana);
  });
});

describe('slow consumers', () => {
  it('closes a socket that does not read with 1013 and a reason, so the client reconnects; readers keep theirs', async () => {
    const [ana, bo, cy] = await Promise.all([signUp(app, 'Ana'), signUp(app, 'Bo'), signUp(app, 'Cy')]);
    const sender = await connect(ana);
    const reader = await connect(bo);
    const stalled = await connect(cy);
    stalled.ws.pause();
    // 8 client states of 2 KB per frame. About 5 MB fill the kernel's socket buffers here before anything
    // waits in the server, so 1,000 frames (16 MB) overrun the 1 MB cap with a margin.
    const frames = 1_000;
    for (let c = 1; c <= frames; c++) {
      const entries = Array.from({ length: 8 }, (_, k) => ({
        client: 7000 + k,
        clock: c,
        json: stateOf(2000),
      }));
      sender.sendAwareness(awarenessUpdate(entries));
      clock.advance({ seconds: 0.1 }); // 10 per second
      if (c % 10 === 0) await reader.until(() => reader.awarenessUpdates.length >= c, `frame ${c}`);
    }
    await reader.until(() => reader.awarenessUpdates.length >= frames, 'every frame', 10_000);
    stalled.ws.resume();
    const closed = await stalled.closed;
    expect(closed).toEqual({
      code: 1013,
      reason: 'Your connection fell behind (over 1 MB unsent). Reconnect to resync.',
    });
    expect(reader.ws.readyState).toBe(WebSocket.OPEN);
    expect(sender.ws.readyState).toBe(WebSocket.OPEN);
  });
});
