import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { blockUser, connectUsers } from './support/connect-users.ts';
import type { ApiResponse } from './support/http-client.ts';
import { LiveClient, sleep, type Frame } from './support/live-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp, type SignedInUser } from './support/users.ts';

interface Message {
  id: string;
  from: string;
  to: string;
  body: string;
}

let app: TestApp;
const sockets: LiveClient[] = [];
beforeAll(async () => {
  app = await startTestApp();
});
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await app?.close();
});

async function live(user: SignedInUser, after?: number): Promise<LiveClient> {
  const socket = await LiveClient.open(app.url, user.client, after);
  sockets.push(socket);
  return socket;
}

async function connectedPair(): Promise<[SignedInUser, SignedInUser]> {
  const ana = await signUp(app.url, 'Ana');
  const bo = await signUp(app.url, 'Bo');
  await connectUsers(app.platform.deps.store, ana.id, bo.id);
  return [ana, bo];
}

async function send(from: SignedInUser, to: SignedInUser, body: string): Promise<ApiResponse<Message>> {
  const res = await from.client.post<Message>(`/api/conversations/${to.id}/messages`, { json: { body } });
  expect(res.status).toBe(201);
  return res;
}

const messageOf = (frame: Frame) => frame.message as Message;

describe('GET /api/live', () => {
  it('refuses the upgrade with 401 without a valid session and 403 for a suspended account', async () => {
    expect(await LiveClient.upgradeStatus(app.url)).toBe(401);
    expect(await LiveClient.upgradeStatus(app.url, 'ss_session=not-a-session')).toBe(401);
    const ana = await signUp(app.url, 'Ana');
    const cookie = [...ana.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    expect(await LiveClient.upgradeStatus(app.url, cookie)).toBe(101);
    await ana.client.post('/api/auth/logout');
    expect(await LiveClient.upgradeStatus(app.url, cookie)).toBe(401);

    const bo = await signUp(app.url, 'Bo');
    await app.platform.deps.projections.catchUp();
    await app.platform.deps.db
      .updateTable('users')
      .set({ status: 'suspended' })
      .where('id', '=', bo.id)
      .execute();
    const boCookie = [...bo.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    expect(await LiveClient.upgradeStatus(app.url, boCookie)).toBe(403);
  });

  it('delivers message.received to the recipient and message.sent to the sender, each with its position', async () => {
    const [ana, bo] = await connectedPair();
    const carol = await signUp(app.url, 'Carol');
    const [anaLive, boLive, carolLive] = [await live(ana), await live(bo), await live(carol)];

    const res = await send(ana, bo, '<b>hi</b> Bo');
    const position = Number(res.headers.get('x-position'));
    const received = await boLive.next((f) => f.type === 'message.received');
    expect(received.position).toBe(position);
    expect(received.message).toEqual({ ...res.body, readAt: null, editedAt: null, deleted: false });
    const echoed = await anaLive.next((f) => f.type === 'message.sent');
    expect(messageOf(echoed).id).toBe(res.body.id);

    // A later frame for Carol proves she was listening and got nothing of theirs in between.
    const [dan] = await Promise.all([signUp(app.url, 'Dan')]);
    await connectUsers(app.platform.deps.store, dan.id, carol.id);
    await send(dan, carol, 'for Carol');
    await carolLive.next((f) => f.type === 'message.received');
    expect(
      carolLive.frames.filter((f) => f.type.startsWith('message.')).map((f) => messageOf(f).body),
    ).toEqual(['for Carol']);
  });

  it('tells the sender when the recipient has read (message.read), and edits and deletions to both', async () => {
    const [ana, bo] = await connectedPair();
    const [anaLive, boLive] = [await live(ana), await live(bo)];
    const first = await send(ana, bo, 'one');
    await send(ana, bo, 'two');
    const read = await bo.client.post(`/api/conversations/${ana.id}/read`, { json: { upTo: first.body.id } });
    expect(read.status).toBe(204);
    const receipt = await anaLive.next((f) => f.type === 'message.read');
    expect(receipt).toMatchObject({
      by: bo.id,
      upTo: first.body.id,
      position: Number(read.headers.get('x-position')),
    });
    expect(receipt.readAt).toEqual(expect.any(String) as unknown);
    await boLive.next((f) => f.type === 'conversation.read');

    await ana.client.patch(`/api/conversations/${bo.id}/messages/${first.body.id}`, {
      json: { body: 'uno' },
    });
    expect(messageOf(await boLive.next((f) => f.type === 'message.edited'))).toMatchObject({ body: 'uno' });
    await ana.client.request('DELETE', `/api/conversations/${bo.id}/messages/${first.body.id}`);
    for (const socket of [anaLive, boLive]) {
      expect(messageOf(await socket.next((f) => f.type === 'message.deleted'))).toMatchObject({
        id: first.body.id,
        deleted: true,
        body: '',
      });
    }
  });

  it('catches a reconnecting client up on what it missed, then goes live, with no duplicate and no gap', async () => {
    const [ana, bo] = await connectedPair();
    const first = await live(bo);
    await send(ana, bo, 'seen live');
    await first.next((f) => f.type === 'message.received');
    const seenUpTo = first.lastPosition;
    await first.close();

    for (let i = 1; i <= 3; i++) await send(ana, bo, `missed ${i}`);
    // Reconnect while more messages are being sent: some land during catch-up, some after.
    const sending = (async () => {
      for (let i = 1; i <= 10; i++) await send(ana, bo, `during ${i}`);
    })();
    const again = await live(bo, seenUpTo);
    await sending;
    await again.next((f) => f.type === 'message.received' && messageOf(f).body === 'during 10');
    await sleep(200);
    const bodies = again.ofType('message.received').map((f) => messageOf(f).body);
    expect(bodies).toEqual([
      'missed 1',
      'missed 2',
      'missed 3',
      ...Array.from({ length: 10 }, (_, i) => `during ${i + 1}`),
    ]);
    const positions = again.frames
      .filter((f) => f.position !== undefined && f.type !== 'ready')
      .map((f) => f.position!);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(positions.every((p) => p > seenUpTo)).toBe(true);
  });

  it('relays typing to the other person only while the two may talk, and stores nothing', async () => {
    const [ana, bo] = await connectedPair();
    const carol = await signUp(app.url, 'Carol');
    const [anaLive, boLive, carolLive] = [await live(ana), await live(bo), await live(carol)];
    const head = await app.platform.deps.store.headPosition();

    carolLive.send({ type: 'typing', to: bo.id }); // not connected: dropped
    anaLive.send({ type: 'typing', to: bo.id });
    const typing = await boLive.next((f) => f.type === 'typing');
    expect(typing).toMatchObject({ type: 'typing', from: ana.id });
    expect(typing.position).toBeUndefined();
    await sleep(300);
    expect(boLive.ofType('typing').map((f) => f.from)).toEqual([ana.id]);
    expect(anaLive.ofType('typing')).toEqual([]);
    expect(await app.platform.deps.store.headPosition()).toBe(head);

    await blockUser(app.platform.deps.store, bo.id, ana.id);
    await sleep(400); // past the per-target throttle
    anaLive.send({ type: 'typing', to: bo.id });
    boLive.send({ type: 'typing', to: ana.id });
    await sleep(500);
    expect(boLive.ofType('typing')).toHaveLength(1);
    expect(anaLive.ofType('typing')).toEqual([]);

    anaLive.send({ type: 'nonsense' });
    expect((await anaLive.next((f) => f.type === 'error')).message).toMatch(/typing/);
  });
});
