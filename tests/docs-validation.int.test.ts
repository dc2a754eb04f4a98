import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docStream } from '../src/features/docs/message-events.ts';
import type { RecordedEvent } from '../src/platform/event-store/port.ts';
import { createGroup, giveRole, signUp, type TestUser } from './support/doc-world.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { appendMessage, messageIn, RawDocClient, whenStored } from './support/yjs-client.ts';

// Every refusal rule, proven with crafted updates from a raw y-protocols client (no y-websocket).
let app: TestApp;
let alice: TestUser;
let bob: TestUser;
let moderator: TestUser;
let groupAdmin: TestUser;
let groupId: string;
const open: RawDocClient[] = [];

beforeAll(async () => {
  app = await startTestApp();
  [alice, bob, moderator, groupAdmin] = await Promise.all([
    signUp(app, 'Alice'),
    signUp(app, 'Bob'),
    signUp(app, 'Mod'),
    signUp(app, 'Admin'),
  ]);
  await giveRole(app, moderator.id, 'moderator');
  groupId = await createGroup(app, groupAdmin.id, [alice.id, bob.id]);
});
afterAll(async () => {
  for (const c of open) c.close();
  await app?.close();
});

async function connect(user: TestUser, doc = 'wall') {
  const client = await RawDocClient.connect(app.url, doc, user.cookie);
  open.push(client);
  return client;
}

/** The document's stream, once what was relayed so far is stored. */
async function stream(doc: string) {
  await whenStored(app.url, doc, alice.cookie);
  return app.platform.deps.store.readStream(docStream(doc));
}

/** Posts a message as the friendly client would, and waits until an observer has it. */
async function post(user: TestUser, doc = 'wall', text = 'Hello there') {
  const client = await connect(user, doc);
  const id = randomUUID();
  client.sendUpdate(client.craft((d) => appendMessage(d, { id, authorId: user.id, text })));
  const observer = await connect(user, doc);
  await observer.until(() => observer.messages().some((m) => m.id === id), 'the post');
  return id;
}

/**
 * Sends `update` as `user` and checks the refusal: the reason is told, nothing is stored, and a marker
 * posted afterwards reaches an observer without the refused change before it (relays keep store order).
 */
async function expectRefused(user: TestUser, doc: string, build: (d: Y.Doc) => void, reason: RegExp) {
  const sender = await connect(user, doc);
  const observer = await connect(alice, doc);
  const before = await stream(doc);
  const update = sender.craft(build);
  sender.sendUpdate(update);
  expect(await sender.nextDenial()).toMatch(reason);
  const marker = await post(alice, doc, 'marker');
  await observer.until(() => observer.messages().some((m) => m.id === marker), 'the marker');
  const after = await stream(doc);
  expect(after.length).toBe(before.length + 2); // the marker's DocUpdated + …MessagePosted only
  const base64 = Buffer.from(update).toString('base64');
  expect(after.some((e) => (e.data as { update?: string }).update === base64)).toBe(false);
  const fresh = await connect(bob, doc);
  expect(Y.encodeStateAsUpdate(fresh.doc)).toEqual(Y.encodeStateAsUpdate(observer.doc));
  return { sender, observer, fresh };
}

const last = (events: RecordedEvent[], type: string) => events.filter((e) => e.type === type).at(-1);

describe('accepted updates', () => {
  it('appends a message authored by the sender, stores the raw update and WallMessagePosted with the actor', async () => {
    const sender = await connect(alice);
    const observer = await connect(bob);
    const id = randomUUID();
    const createdAt = new Date().toISOString();
    const update = sender.craft((d) =>
      appendMessage(d, { id, authorId: alice.id, text: 'Hi all', createdAt }),
    );
    sender.sendUpdate(update);
    await observer.until(() => observer.messages().some((m) => m.id === id), 'relay');
    expect(observer.messages().find((m) => m.id === id)).toEqual({
      id,
      authorId: alice.id,
      text: 'Hi all',
      createdAt,
    });
    const events = await stream('wall');
    const raw = events.find(
      (e) => (e.data as { update?: string }).update === Buffer.from(update).toString('base64'),
    );
    expect(raw?.type).toBe('DocUpdated');
    const posted = events.find(
      (e) => e.type === 'WallMessagePosted' && (e.data as { messageId: string }).messageId === id,
    );
    expect(posted?.data).toEqual({
      doc: 'wall',
      groupId: null,
      messageId: id,
      authorId: alice.id,
      text: 'Hi all',
      createdAt,
    });
    expect(posted?.metadata).toMatchObject({
      actorId: alice.id,
      actorRole: 'user',
      causationId: null,
      ip: '127.0.0.1',
      userAgent: 'skillswap-tests/1.0',
    });
    expect(posted?.metadata.correlationId).toBe(raw?.metadata.correlationId);
    expect(sender.denials).toEqual([]);
  });

  it('lets the author edit the text (with editedAt) and delete, as WallMessageEdited and WallMessageDeleted', async () => {
    const id = await post(alice);
    const author = await connect(alice);
    const watcher = await connect(bob);
    const editedAt = new Date().toISOString();
    author.sendUpdate(
      author.craft((d) => {
        d.transact(() => {
          messageIn(d, id).set('text', 'Hello, edited');
          messageIn(d, id).set('editedAt', editedAt);
        });
      }),
    );
    await watcher.until(() => messageIn(watcher.doc, id).get('text') === 'Hello, edited', 'the edit');
    // A second edit: the crafted update carries the whole delete set, old values included.
    const again = await connect(alice);
    again.sendUpdate(
      again.craft((d) =>
        d.transact(() => {
          messageIn(d, id).set('text', 'Third version');
          messageIn(d, id).set('editedAt', new Date().toISOString());
        }),
      ),
    );
    await watcher.until(() => messageIn(watcher.doc, id).get('text') === 'Third version', 'the second edit');
    author.sendUpdate(author.craft((d) => messageIn(d, id).set('deleted', true)));
    await watcher.until(() => messageIn(watcher.doc, id).get('deleted') === true, 'the deletion');
    expect([...author.denials, ...again.denials]).toEqual([]);
    const events = await stream('wall');
    expect(last(events, 'WallMessageEdited')?.data).toMatchObject({
      messageId: id,
      authorId: alice.id,
      text: 'Third version',
    });
    expect(last(events, 'WallMessageDeleted')?.data).toEqual({
      doc: 'wall',
      groupId: null,
      messageId: id,
      authorId: alice.id,
      deletedBy: alice.id,
    });
    expect(last(events, 'WallMessageDeleted')?.metadata.actorId).toBe(alice.id);
  });

  it('lets a moderator delete anyone’s message on the wall', async () => {
    const id = await post(alice);
    const mod = await connect(moderator);
    const watcher = await connect(bob);
    mod.sendUpdate(mod.craft((d) => messageIn(d, id).set('deleted', true)));
    await watcher.until(() => messageIn(watcher.doc, id).get('deleted') === true, 'the deletion');
    expect(mod.denials).toEqual([]);
    const deleted = last(await stream('wall'), 'WallMessageDeleted');
    expect(deleted?.data).toMatchObject({ messageId: id, deletedBy: moderator.id });
    expect(deleted?.metadata.actorRole).toBe('moderator');
  });

  it('erases a deleted message’s words from the shared document, for watchers and fresh clients alike', async () => {
    const secret = `secret words ${randomUUID()}`;
    const id = await post(alice, 'wall', secret);
    const author = await connect(alice);
    const watcher = await connect(bob);
    author.sendUpdate(author.craft((d) => messageIn(d, id).set('deleted', true)));
    await watcher.until(() => messageIn(watcher.doc, id).get('text') === '', 'the erased text');
    expect(messageIn(watcher.doc, id).get('deleted')).toBe(true);
    await whenStored(app.url, 'wall', bob.cookie);
    const fresh = await connect(bob);
    expect(messageIn(fresh.doc, id).get('text')).toBe('');
    expect(Buffer.from(Y.encodeStateAsUpdate(fresh.doc)).includes(Buffer.from(secret))).toBe(false);
    const erase = (await stream('wall')).at(-1);
    expect(erase?.type).toBe('DocUpdated');
    expect(erase?.metadata).toMatchObject({ actorId: null, actorRole: 'system' });
  });

  it('lets a group admin delete a member’s message in the group, as GroupMessageDeleted', async () => {
    const doc = `group-${groupId}`;
    const id = await post(alice, doc);
    const admin = await connect(groupAdmin, doc);
    admin.sendUpdate(admin.craft((d) => messageIn(d, id).set('deleted', true)));
    const watcher = await connect(bob, doc);
    await watcher.until(() => messageIn(watcher.doc, id).get('deleted') === true, 'the deletion');
    const events = await stream(doc);
    expect(last(events, 'GroupMessagePosted')?.data).toMatchObject({ doc, groupId, authorId: alice.id });
    expect(last(events, 'GroupMessageDeleted')?.data).toEqual({
      doc,
      groupId,
      messageId: id,
      authorId: alice.id,
      deletedBy: groupAdmin.id,
    });
    expect(admin.denials).toEqual([]);
  });

  it('accepts a text of exactly 4,000 characters', async () => {
    const id = await post(alice, 'wall', 'x'.repeat(4_000));
    expect(last(await stream('wall'), 'WallMessagePosted')?.data).toMatchObject({ messageId: id });
  });
});

describe('refused updates', () => {
  it('a message with another author’s id', async () => {
    await expectRefused(
      alice,
      'wall',
      (d) => appendMessage(d, { id: randomUUID(), authorId: bob.id, text: 'I am Bob' }),
      /only post messages as yourself/,
    );
  });

  it('editing another person’s text', async () => {
    const id = await post(bob);
    await expectRefused(
      alice,
      'wall',
      (d) =>
        d.transact(() => {
          messageIn(d, id).set('text', 'Bob said something else');
          messageIn(d, id).set('editedAt', new Date().toISOString());
        }),
      /only edit your own messages/,
    );
  });

  it('deleting another person’s message as a normal member (wall and group)', async () => {
    const id = await post(bob);
    await expectRefused(
      alice,
      'wall',
      (d) => messageIn(d, id).set('deleted', true),
      /Only the author, group admins and moderators/,
    );
    const doc = `group-${groupId}`;
    const inGroup = await post(bob, doc);
    await expectRefused(alice, doc, (d) => messageIn(d, inGroup).set('deleted', true), /Only the author/);
  });

  it('rewriting other fields, even of one’s own message, and editing text without editedAt', async () => {
    const id = await post(alice);
    await expectRefused(
      alice,
      'wall',
      (d) => messageIn(d, id).set('text', 'sneaky'),
      /text and editedAt together/,
    );
    await expectRefused(
      alice,
      'wall',
      (d) => messageIn(d, id).set('authorId', bob.id),
      /Only text, editedAt and deleted/,
    );
    await expectRefused(
      alice,
      'wall',
      (d) => messageIn(d, id).set('deleted', false),
      /can only be set to true/,
    );
  });

  it('deleting array items outright', async () => {
    await post(alice);
    await expectRefused(alice, 'wall', (d) => d.getArray('messages').delete(0, 1), /may not be deleted/);
  });

  it('writing other top-level types', async () => {
    await expectRefused(
      alice,
      'wall',
      (d) => d.getMap('settings').set('pinned', 'x'),
      /"settings" is not allowed/,
    );
    await expectRefused(alice, 'wall', (d) => d.getText('notes').insert(0, 'hi'), /"notes" is not allowed/);
    await expectRefused(
      alice,
      'wall',
      (d) => d.getArray('messages').push(['plain string']),
      /only Y.Map messages/,
    );
  });

  it('texts of 0 and of 4,001 characters, and missing fields', async () => {
    for (const text of ['', 'y'.repeat(4_001)]) {
      await expectRefused(
        alice,
        'wall',
        (d) => appendMessage(d, { id: randomUUID(), authorId: alice.id, text }),
        /text must be 1 to 4,000 characters/,
      );
    }
    await expectRefused(
      alice,
      'wall',
      (d) =>
        d.getArray('messages').push([new Y.Map(Object.entries({ id: randomUUID(), authorId: alice.id }))]),
      /needs text, createdAt/,
    );
  });

  it('oversized updates (over 64 KiB)', async () => {
    await expectRefused(
      alice,
      'wall',
      (d) =>
        d.transact(() => {
          for (let i = 0; i < 20; i++)
            appendMessage(d, { id: randomUUID(), authorId: alice.id, text: 'z'.repeat(4_000) });
        }),
      /at most 64 KiB/,
    );
  });

  it('updates with missing dependencies, and bytes that are not an update', async () => {
    const sender = await connect(alice);
    const ahead = new Y.Doc();
    Y.applyUpdate(ahead, Y.encodeStateAsUpdate(sender.doc));
    appendMessage(ahead, { id: randomUUID(), authorId: alice.id, text: 'never sent' });
    const afterFirst = Y.encodeStateVector(ahead);
    appendMessage(ahead, { id: randomUUID(), authorId: alice.id, text: 'depends on the first' });
    sender.sendUpdate(Y.encodeStateAsUpdate(ahead, afterFirst));
    expect(await sender.nextDenial()).toMatch(/missing dependencies/);
    sender.sendUpdate(new Uint8Array([200, 1, 2, 3]));
    expect(await sender.nextDenial()).toMatch(/could not be decoded/);
  });

  it('a message id that already exists', async () => {
    const id = await post(alice);
    await expectRefused(
      alice,
      'wall',
      (d) => appendMessage(d, { id, authorId: alice.id, text: 'dup' }),
      /already exists/,
    );
  });
});
