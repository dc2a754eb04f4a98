import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callStream } from '../src/features/calls/events.ts';
import { TestClock } from './support/clock.ts';
import { connectUsers } from './support/connect-users.ts';
import type { Problem } from './support/http-client.ts';
import { LiveClient, type Frame } from './support/live-client.ts';
import { scheduledSessions } from './support/scheduled-sessions.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp, type SignedInUser } from './support/users.ts';

interface P2PCall {
  mode: 'p2p';
  callId: string;
  room: string;
  iceServers: unknown[];
}
interface CallSummary {
  id: string;
  room: string;
  with: string | null;
  direction: string;
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number | null;
  missed: boolean;
  outcome: string | null;
}

const ICE = [{ urls: 'stun:stun.example.org:3478' }];

describe('built-in 1:1 calls (no LiveKit)', () => {
  const clock = new TestClock('2030-01-06T09:00:00.000Z');
  let app: TestApp;
  let ana: SignedInUser, bo: SignedInUser, cy: SignedInUser, dee: SignedInUser, eve: SignedInUser;
  const live = new Map<string, LiveClient>();
  const socket = (u: SignedInUser) => live.get(u.id)!;

  beforeAll(async () => {
    app = await startTestApp(
      { RATE_LIMIT_CALLS_PER_MINUTE: '1000', ICE_SERVERS: JSON.stringify(ICE) },
      undefined,
      { clock: clock.now, timers: false },
    );
    [ana, bo, cy, dee, eve] = (await Promise.all(
      ['Ana', 'Bo', 'Cy', 'Dee', 'Eve'].map((n) => signUp(app.url, n)),
    )) as [SignedInUser, SignedInUser, SignedInUser, SignedInUser, SignedInUser];
    const store = app.platform.deps.store;
    await connectUsers(store, ana.id, bo.id);
    await connectUsers(store, cy.id, bo.id);
    await connectUsers(store, ana.id, dee.id);
    for (const u of [ana, bo, cy, dee, eve]) live.set(u.id, await LiveClient.open(app.url, u.client));
  });
  afterAll(async () => {
    for (const c of live.values()) await c.close();
    await app?.close();
  });

  const call = (from: SignedInUser, json: unknown) =>
    from.client.post<P2PCall & Problem>('/api/calls', { json });
  const act = (who: SignedInUser, callId: string, verb: 'accept' | 'decline' | 'end') =>
    who.client.post(`/api/calls/${callId}/${verb}`);
  const frame = (who: SignedInUser, type: string, callId: string | null, from = 0) =>
    socket(who).next((f) => f.type === type && (callId === null || f.callId === callId), 10_000, from);
  const settle = () => app.platform.deps.projections.catchUp();
  const tick = async () => {
    await settle();
    return app.jobs.calls.tick(clock.now());
  };
  const history = async (who: SignedInUser, query = '') =>
    (await who.client.get<{ calls: CallSummary[]; nextCursor: string | null }>(`/api/calls${query}`)).body;

  it('refuses yourself (422), someone unknown (404), a stranger (403) and bad bodies (422)', async () => {
    const self = await call(ana, { with: ana.id });
    expect(self.status).toBe(422);
    expect(self.body.errors?.[0]?.path).toBe('with');
    expect((await call(ana, { with: randomUUID() })).status).toBe(404);
    expect((await call(ana, { with: eve.id })).status).toBe(403);
    expect((await call(eve, { with: ana.id })).status).toBe(403);
    expect((await call(ana, { with: 'nope' })).status).toBe(422);
    expect((await call(ana, {})).status).toBe(422);
    expect((await call(ana, { with: bo.id, groupId: randomUUID() })).status).toBe(422);
    expect((await call(ana, { with: bo.id, extra: 1 })).status).toBe(422);
    expect((await ana.client.post(`/api/calls/${randomUUID()}/accept`)).status).toBe(404);
    expect((await ana.client.post('/api/calls/not-a-uuid/accept')).status).toBe(422);
  });

  it('rings, is answered, relays signals both ways without storing them, and hangs up on both sides', async () => {
    const placed = await call(ana, { with: bo.id });
    expect(placed.status).toBe(200);
    expect(placed.body).toMatchObject({
      mode: 'p2p',
      room: `dm-${[ana.id, bo.id].sort().join('_')}`,
      iceServers: ICE,
    });
    const { callId, room } = placed.body;
    expect(await frame(bo, 'call.ring', callId)).toMatchObject({ from: ana.id, room, iceServers: ICE });
    // The callee's other side cannot answer for them.
    expect((await act(ana, callId, 'accept')).status).toBe(403);
    expect((await act(eve, callId, 'accept')).status).toBe(404);

    expect((await act(bo, callId, 'accept')).status).toBe(204);
    expect(await frame(ana, 'call.accepted', callId)).toMatchObject({ by: bo.id, room });

    const offer = { sdp: 'v=0 offer', type: 'offer' };
    socket(ana).send({ type: 'call.signal', to: bo.id, room, data: offer });
    expect(await socket(bo).next((f) => f.type === 'call.signal' && f.from === ana.id)).toMatchObject({
      room,
      data: offer,
    });
    socket(bo).send({ type: 'call.signal', to: ana.id, room, data: { candidate: 'c1' } });
    expect(await socket(ana).next((f) => f.type === 'call.signal' && f.from === bo.id)).toMatchObject({
      data: { candidate: 'c1' },
    });

    clock.advance({ seconds: 95 });
    expect((await act(ana, callId, 'end')).status).toBe(204);
    await frame(bo, 'call.ended', callId);
    await frame(ana, 'call.ended', callId);
    expect((await act(bo, callId, 'end')).status).toBe(204); // the other side hanging up too: nothing more
    const events = await app.platform.deps.store.readStream(callStream(callId));
    expect(events.map((e) => e.type)).toEqual(['CallPlaced', 'CallAccepted', 'CallEnded']);

    await settle();
    const [mine] = (await history(ana)).calls;
    expect(mine).toMatchObject({
      room,
      with: bo.id,
      direction: 'outgoing',
      durationSeconds: 95,
      missed: false,
      outcome: 'hung-up',
    });
    expect((await history(bo)).calls[0]).toMatchObject({
      with: ana.id,
      direction: 'incoming',
      durationSeconds: 95,
    });
  });

  it('is declined by the callee', async () => {
    const { callId } = (await call(ana, { with: bo.id })).body;
    await frame(bo, 'call.ring', callId);
    expect((await act(bo, callId, 'decline')).status).toBe(204);
    expect(await frame(ana, 'call.declined', callId)).toMatchObject({ by: bo.id });
    expect((await act(bo, callId, 'accept')).status).toBe(409);
  });

  it('is missed after 30 s unanswered, by the app clock and the scheduler', async () => {
    clock.advance({ seconds: 1 }); // after the declined call, so it is first in the history
    const { callId } = (await call(ana, { with: bo.id })).body;
    clock.advance({ seconds: 29 });
    expect(await tick()).toMatchObject({ missed: 0 });
    clock.advance({ seconds: 1 });
    const [one, two] = await Promise.all([tick(), app.jobs.calls.tick(clock.now())]);
    expect(one.missed + two.missed).toBe(1);
    await frame(bo, 'call.missed', callId);
    await frame(ana, 'call.missed', callId);
    expect((await act(bo, callId, 'accept')).status).toBe(409);
    await settle();
    expect((await history(bo)).calls[0]).toMatchObject({
      missed: true,
      outcome: 'missed',
      durationSeconds: 0,
    });
  });

  it('tells a caller "busy" when the callee is in another call, and does not ring them', async () => {
    const first = (await call(ana, { with: bo.id })).body;
    expect((await act(bo, first.callId, 'accept')).status).toBe(204);
    await settle();
    const from = socket(bo).frames.length;
    const second = await call(cy, { with: bo.id });
    expect(second.status).toBe(200);
    expect(await frame(cy, 'call.busy', second.body.callId)).toMatchObject({ with: bo.id });
    await act(ana, first.callId, 'end');
    await frame(bo, 'call.ended', first.callId, from);
    expect(
      socket(bo)
        .frames.slice(from)
        .some((f) => f.callId === second.body.callId),
    ).toBe(false);
    await settle();
    expect((await history(cy)).calls[0]).toMatchObject({ outcome: 'busy' });
  });

  it('refuses signals to anyone the sender may not call, and refused frames never arrive', async () => {
    const room = `dm-${[ana.id, bo.id].sort().join('_')}`;
    const before = socket(eve).frames.length;
    socket(ana).send({ type: 'call.signal', to: eve.id, room, data: { x: 1 } });
    expect(
      (await socket(ana).next((f) => f.type === 'error', 5_000, socket(ana).frames.length - 1)).message,
    ).toMatch(/cannot call/);
    // Someone else's room, or a room that is not theirs, is refused too.
    const n = socket(ana).frames.length;
    socket(ana).send({
      type: 'call.signal',
      to: bo.id,
      room: `dm-${[cy.id, bo.id].sort().join('_')}`,
      data: {},
    });
    await socket(ana).next((f) => f.type === 'error', 5_000, n);
    expect(
      socket(eve)
        .frames.slice(before)
        .some((f) => f.type === 'call.signal'),
    ).toBe(false);
  });

  it('refuses frames over 64 KiB and malformed JSON, and the socket stays healthy', async () => {
    const room = `dm-${[ana.id, bo.id].sort().join('_')}`;
    let n = socket(ana).frames.length;
    socket(ana).send({ type: 'call.signal', to: bo.id, room, data: 'x'.repeat(65 * 1024) });
    expect((await socket(ana).next((f) => f.type === 'error', 5_000, n)).message).toMatch(/64 KiB/);
    n = socket(ana).frames.length;
    socket(ana).socket.send('{"type":"call.signal", oops');
    await socket(ana).next((f) => f.type === 'error', 5_000, n);
    expect(socket(ana).closed).toBe(false);
    const m = socket(bo).frames.length;
    socket(ana).send({ type: 'call.signal', to: bo.id, room, data: 'still here' });
    expect(await socket(bo).next((f) => f.type === 'call.signal', 5_000, m)).toMatchObject({
      data: 'still here',
    });
  });

  it('a block ends a ringing call and an ongoing one, both ways, and stops their signals', async () => {
    const room = `dm-${[ana.id, dee.id].sort().join('_')}`;
    const ringing = (await call(dee, { with: ana.id })).body;
    await frame(ana, 'call.ring', ringing.callId);
    const n = socket(dee).frames.length;
    expect((await ana.client.post('/api/blocks', { json: { userId: dee.id } })).status).toBeLessThan(300);
    // Both are told at once that any call in their room is over, without saying who blocked.
    expect(
      await socket(dee).next((f) => f.type === 'call.ended' && f.room === room, 10_000, n),
    ).toMatchObject({
      reason: 'not-allowed',
    });
    expect((await act(ana, ringing.callId, 'accept')).status).toBe(403);
    expect(await tick()).toMatchObject({ ended: 1 });
    expect((await call(dee, { with: ana.id })).status).toBe(403);
    expect((await call(ana, { with: dee.id })).status).toBe(403);
    const m = socket(dee).frames.length;
    socket(dee).send({ type: 'call.signal', to: ana.id, room, data: {} });
    await socket(dee).next((f: Frame) => f.type === 'error', 5_000, m);

    // Ongoing: Bo blocks Cy mid-call; the scheduler records the end.
    const ongoing = (await call(cy, { with: bo.id })).body;
    expect((await act(bo, ongoing.callId, 'accept')).status).toBe(204);
    await bo.client.post('/api/blocks', { json: { userId: cy.id } });
    await frame(cy, 'call.ended', null, 0);
    expect(await tick()).toMatchObject({ ended: 1 });
    await frame(cy, 'call.ended', ongoing.callId);
    const events = await app.platform.deps.store.readStream(callStream(ongoing.callId));
    expect(events.at(-1)).toMatchObject({
      type: 'CallEnded',
      data: { reason: 'not-allowed', endedBy: null },
    });
  });

  it('session and group rooms need LiveKit (409 video-not-configured) once you may join them', async () => {
    const sessions = scheduledSessions(app.platform.deps.store);
    const startsAt = new Date(clock.now().getTime() + 10 * 60_000);
    const sessionId = await sessions.schedule({
      hostId: ana.id,
      startsAt,
      now: clock.now(),
      people: [bo.id],
    });
    const res = await call(bo, { sessionId });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('video-not-configured');
    expect((await call(eve, { sessionId })).status).toBe(403);
    expect((await call(eve, { sessionId: randomUUID() })).status).toBe(404);

    const group = await ana.client.post<{ id: string }>('/api/groups', { json: { name: 'Chess club' } });
    expect((await call(ana, { groupId: group.body.id })).body.type).toBe('video-not-configured');
    expect((await call(eve, { groupId: group.body.id })).status).toBe(403);
  });

  it('pages the history with a cursor, newest first', async () => {
    const first = await history(ana, '?limit=2');
    expect(first.calls).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await history(ana, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.calls[0]?.id).not.toBe(first.calls[1]?.id);
    expect(Date.parse(second.calls[0]!.startedAt)).toBeLessThanOrEqual(Date.parse(first.calls[1]!.startedAt));
    expect((await ana.client.get('/api/calls?cursor=garbage')).status).toBe(422);
  });
});

describe('the ring limit', () => {
  let app: TestApp;
  afterAll(() => app?.close());
  it('answers 429 with Retry-After past RATE_LIMIT_CALLS_PER_MINUTE', async () => {
    app = await startTestApp({ RATE_LIMIT_CALLS_PER_MINUTE: '2' }, undefined, { timers: false });
    const [ana, bo] = await Promise.all([signUp(app.url, 'Ana'), signUp(app.url, 'Bo')]);
    await connectUsers(app.platform.deps.store, ana.id, bo.id);
    for (let i = 0; i < 2; i++)
      expect((await ana.client.post('/api/calls', { json: { with: bo.id } })).status).toBe(200);
    const refused = await ana.client.post('/api/calls', { json: { with: bo.id } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
