import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccessToken, TokenVerifier } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IGNORED_WEBHOOKS_STREAM, videoRoomStream } from '../src/features/calls/events.ts';
import { userEvents, userStream } from '../src/features/identity/events.ts';
import { systemMetadata } from './support/events.ts';
import { TestClock } from './support/clock.ts';
import { blockUser, connectUsers } from './support/connect-users.ts';
import type { Problem } from './support/http-client.ts';
import { scheduledSessions } from './support/scheduled-sessions.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp, type SignedInUser } from './support/users.ts';

const KEY = 'APItestkey';
const SECRET = 'a-livekit-test-secret-of-at-least-32-characters';
const PUBLIC_URL = { LIVEKIT_PUBLIC_URL: 'wss://video.example.org' };

interface Removal {
  room: string;
  identity: string;
  revokeTokenTs?: string;
  claims: { video?: { room?: string; roomAdmin?: boolean } };
}

/**
 * LiveKit's RoomService as the app reaches it: Twirp over HTTP, `POST /twirp/livekit.RoomService/<method>`
 * with a JSON body and a bearer token. No LiveKit server runs here, so this stand-in answers
 * `RemoveParticipant`, checking the token with the SDK's own `TokenVerifier`, and records what it was asked.
 */
async function roomService(verifier: TokenVerifier) {
  const removals: Removal[] = [];
  /** Identities LiveKit no longer has: asked to remove them, it answers 404 not_found. */
  const gone = new Set<string>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      void (async () => {
        if (req.method !== 'POST' || req.url !== '/twirp/livekit.RoomService/RemoveParticipant') {
          res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":"bad_route"}');
          return;
        }
        try {
          const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
          const claims = (await verifier.verify(token)) as Removal['claims'];
          const removal = { ...(JSON.parse(body) as Omit<Removal, 'claims'>), claims };
          removals.push(removal);
          if (gone.has(removal.identity))
            res
              .writeHead(404, { 'content-type': 'application/json' })
              .end('{"code":"not_found","msg":"participant not found"}');
          else res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        } catch {
          res.writeHead(401, { 'content-type': 'application/json' }).end('{"code":"unauthenticated"}');
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    removals,
    gone,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface LiveKitCall {
  mode: 'livekit';
  url: string;
  token: string;
  room: string;
}
interface Claims {
  sub: string;
  name: string;
  exp: number;
  nbf: number;
  video: { room: string; roomJoin: boolean; canPublish: boolean; canSubscribe: boolean; roomAdmin?: boolean };
}

/** Signs a webhook body exactly as LiveKit does: a JWT of the API key whose `sha256` claim is the body's hash. */
async function signed(body: string, secret = SECRET): Promise<string> {
  const token = new AccessToken(KEY, secret);
  token.sha256 = createHash('sha256').update(body).digest('base64');
  return token.toJwt();
}

describe('LiveKit rooms: tokens and webhooks', () => {
  const clock = new TestClock('2030-01-06T09:00:00.000Z');
  let app: TestApp;
  let ana: SignedInUser, bo: SignedInUser, cy: SignedInUser, eve: SignedInUser;
  const verifier = new TokenVerifier(KEY, SECRET);

  let rooms: Awaited<ReturnType<typeof roomService>>;

  beforeAll(async () => {
    rooms = await roomService(verifier);
    app = await startTestApp(
      {
        ...PUBLIC_URL,
        LIVEKIT_URL: rooms.url,
        LIVEKIT_API_KEY: KEY,
        LIVEKIT_API_SECRET: SECRET,
        RATE_LIMIT_CALLS_PER_MINUTE: '1000',
      },
      undefined,
      { clock: clock.now, timers: false },
    );
    [ana, bo, cy, eve] = (await Promise.all(['Ana', 'Bo', 'Cy', 'Eve'].map((n) => signUp(app.url, n)))) as [
      SignedInUser,
      SignedInUser,
      SignedInUser,
      SignedInUser,
    ];
    await connectUsers(app.platform.deps.store, ana.id, bo.id);
    await connectUsers(app.platform.deps.store, ana.id, cy.id);
  });
  afterAll(async () => {
    await app?.close();
    await rooms?.close();
  });

  const join = (who: SignedInUser, json: unknown) =>
    who.client.post<LiveKitCall & Problem>('/api/calls', { json });
  const claimsOf = async (token: string) => (await verifier.verify(token)) as unknown as Claims;
  const webhook = async (payload: unknown, auth?: string | null) => {
    const body = JSON.stringify(payload);
    const authorization = auth === undefined ? await signed(body) : auth;
    return fetch(new URL('/api/livekit/webhook', app.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/webhook+json',
        ...(authorization !== null && { authorization }),
      },
      body,
    });
  };
  const participant = (event: string, room: string, userId: string, id = `EV_${randomUUID()}`) => ({
    id,
    event,
    room: { sid: 'RM_1', name: room },
    participant: { sid: 'PA_1', identity: userId, name: 'someone' },
    createdAt: String(Math.floor(clock.now().getTime() / 1000)),
  });

  it('mints a token for two connections, both ways: identity, name, this room only, 10 minutes', async () => {
    const res = await join(ana, { with: bo.id });
    expect(res.status).toBe(200);
    const room = `dm-${[ana.id, bo.id].sort().join('_')}`;
    expect(res.body).toMatchObject({ mode: 'livekit', url: 'wss://video.example.org', room });
    const claims = await claimsOf(res.body.token);
    expect(claims).toMatchObject({
      sub: ana.id,
      name: 'Ana',
      video: { room, roomJoin: true, canPublish: true, canSubscribe: true },
    });
    expect(claims.exp - claims.nbf).toBe(600);
    expect((await claimsOf((await join(bo, { with: ana.id })).body.token)).video.room).toBe(room);
    // Another secret does not verify it.
    await expect(new TokenVerifier(KEY, `${SECRET}-other`).verify(res.body.token)).rejects.toThrow();
  });

  it('refuses yourself (422), unknown people (404), strangers and blocks either way (403)', async () => {
    expect((await join(ana, { with: ana.id })).status).toBe(422);
    expect((await join(ana, { with: randomUUID() })).status).toBe(404);
    expect((await join(eve, { with: ana.id })).status).toBe(403);
    expect((await join(ana, { with: eve.id })).status).toBe(403);
    await blockUser(app.platform.deps.store, cy.id, ana.id);
    expect((await join(ana, { with: cy.id })).status).toBe(403);
    expect((await join(cy, { with: ana.id })).status).toBe(403);
  });

  it('opens a session room to its host and registered attendees from 15 minutes before until the end', async () => {
    const sessions = scheduledSessions(app.platform.deps.store);
    const startsAt = new Date('2030-01-06T12:00:00.000Z');
    const sessionId = await sessions.schedule({
      hostId: ana.id,
      startsAt,
      now: clock.now(),
      people: [bo.id],
      capacity: 1,
    });
    await sessions.run(
      sessionId,
      { type: 'RegisterForSession', userId: cy.id, blocked: false, now: clock.now() },
      cy.id,
    );
    clock.set('2030-01-06T11:44:59.000Z');
    expect((await join(ana, { sessionId })).status).toBe(403);
    expect((await join(bo, { sessionId })).status).toBe(403);
    clock.set('2030-01-06T11:45:00.000Z');
    const host = await join(ana, { sessionId });
    const attendee = await join(bo, { sessionId });
    expect(host.status).toBe(200);
    expect(attendee.status).toBe(200);
    expect((await claimsOf(host.body.token)).video).toMatchObject({
      room: `session-${sessionId}`,
      roomAdmin: true,
    });
    expect((await claimsOf(attendee.body.token)).video).toMatchObject({ canPublish: true, roomAdmin: false });
    expect((await join(cy, { sessionId })).status).toBe(403); // waitlisted
    expect((await join(eve, { sessionId })).status).toBe(403);
    expect((await join(eve, { sessionId: randomUUID() })).status).toBe(404);

    // A join of the session room counts as attendance.
    clock.set('2030-01-06T12:05:00.000Z');
    expect((await webhook(participant('participant_joined', `session-${sessionId}`, bo.id))).status).toBe(
      200,
    );
    const marked = await sessions.eventsOf(sessionId, 'SessionAttendanceMarked');
    expect(marked.map((e) => e.data)).toEqual([
      expect.objectContaining({ userId: bo.id, attended: true, source: 'call' }),
    ]);

    clock.set('2030-01-06T13:00:00.000Z');
    expect((await join(ana, { sessionId })).status).toBe(403);
    expect((await join(bo, { sessionId })).status).toBe(403);
  });

  it('opens a group room to its current members; a member who left is refused', async () => {
    const group = await ana.client.post<{ id: string }>('/api/groups', { json: { name: 'Chess club' } });
    const groupId = group.body.id;
    expect(
      (await ana.client.post(`/api/groups/${groupId}/members`, { json: { userId: bo.id } })).status,
    ).toBe(204);
    expect((await join(bo, { groupId })).status).toBe(200);
    expect((await claimsOf((await join(ana, { groupId })).body.token)).video.room).toBe(`group-${groupId}`);
    expect((await join(eve, { groupId })).status).toBe(403);
    expect((await bo.client.request('DELETE', `/api/groups/${groupId}/members/${bo.id}`)).status).toBe(204);
    expect((await join(bo, { groupId })).status).toBe(403);
    expect((await join(bo, { groupId: randomUUID() })).status).toBe(404);
  });

  it('records signed webhooks once, refuses forged or missing signatures (401), ignores unknown rooms', async () => {
    const room = `dm-${[ana.id, bo.id].sort().join('_')}`;
    const joined = participant('participant_joined', room, ana.id);
    expect(await (await webhook(joined)).json()).toEqual({ recorded: true });
    // LiveKit retries: the same event again changes nothing.
    expect(await (await webhook(joined)).json()).toEqual({ recorded: false });
    const events = await app.platform.deps.store.readStream(videoRoomStream(room));
    expect(events.filter((e) => e.type === 'VideoParticipantJoined')).toHaveLength(1);

    expect((await webhook(participant('participant_joined', room, bo.id), null)).status).toBe(401);
    expect((await webhook(participant('participant_joined', room, bo.id), 'not-a-jwt')).status).toBe(401);
    const forged = participant('participant_joined', room, bo.id);
    expect((await webhook(forged, await signed(JSON.stringify(forged), `${SECRET}-forged`))).status).toBe(
      401,
    );
    // A valid signature of another body does not cover this one.
    expect((await webhook(forged, await signed('{"event":"room_started"}'))).status).toBe(401);

    const unknown = participant('participant_joined', `group-${randomUUID()}`, bo.id);
    const ignored = await webhook(unknown);
    expect(ignored.status).toBe(200);
    expect(await ignored.json()).toEqual({ recorded: false });
    const strange = await webhook({ ...participant('room_started', 'someone-elses-room', bo.id) });
    expect(strange.status).toBe(200);
    const log = await app.platform.deps.store.readStream(IGNORED_WEBHOOKS_STREAM);
    expect(log.map((e) => (e.data as { webhookId: string }).webhookId)).toEqual(
      expect.arrayContaining([unknown.id]),
    );

    // A leave without a join (LiveKit sends those), then Ana's leave ends her row in the history.
    expect((await webhook(participant('participant_left', room, bo.id))).status).toBe(200);
    clock.advance({ seconds: 42 });
    expect(await (await webhook(participant('participant_left', room, ana.id))).json()).toEqual({
      recorded: true,
    });
    await app.platform.deps.projections.catchUp();
    const history = await ana.client.get<{
      calls: { room: string; with: string; durationSeconds: number }[];
    }>('/api/calls');
    expect(history.body.calls.find((c) => c.room === room)).toMatchObject({
      with: bo.id,
      durationSeconds: 42,
    });
  });

  it('removes people from a room they may no longer be in (a block), asks once, and revokes their tokens', async () => {
    const store = app.platform.deps.store;
    const [fay, gus] = await Promise.all([signUp(app.url, 'Fay'), signUp(app.url, 'Gus')]);
    await connectUsers(store, fay.id, gus.id);
    const room = `dm-${[fay.id, gus.id].sort().join('_')}`;
    const tick = async () => {
      await app.platform.deps.projections.catchUp();
      return app.jobs.calls.tick(clock.now());
    };
    const removedHere = () => rooms.removals.filter((r) => r.room === room);
    // Each gets a token for the room (LiveKit's webhooks count for rooms we issued), then joins.
    expect((await join(fay, { with: gus.id })).body.room).toBe(room);
    expect((await join(gus, { with: fay.id })).body.room).toBe(room);
    for (const who of [fay, gus])
      expect((await webhook(participant('participant_joined', room, who.id))).status).toBe(200);
    await tick();
    expect(removedHere()).toEqual([]);

    await blockUser(store, fay.id, gus.id);
    expect((await tick()).evicted).toBeGreaterThanOrEqual(2);
    const removed = removedHere();
    expect(removed.map((r) => r.identity).sort()).toEqual([fay.id, gus.id].sort());
    for (const r of removed) {
      // Signed with the API key, for this room only, as an admin of it; earlier tokens revoked.
      expect(r.claims.video).toMatchObject({ room, roomAdmin: true });
      expect(Number(r.revokeTokenTs)).toBe(Math.floor(clock.now().getTime() / 1000));
    }
    // While LiveKit has not reported them gone, they are not asked for again within a minute...
    await tick();
    expect(removedHere()).toHaveLength(2);
    clock.advance({ minutes: 1 });
    await tick();
    expect(removedHere()).toHaveLength(4);
    // ...and once it has, never again.
    for (const who of [fay, gus]) await webhook(participant('participant_left', room, who.id));
    clock.advance({ minutes: 5 });
    await tick();
    expect(removedHere()).toHaveLength(4);
  });

  it('removes a suspended person from a room, and only them', async () => {
    const store = app.platform.deps.store;
    const [hal, ivy] = await Promise.all([signUp(app.url, 'Hal'), signUp(app.url, 'Ivy')]);
    await connectUsers(store, hal.id, ivy.id);
    const room = (await join(hal, { with: ivy.id })).body.room;
    await join(ivy, { with: hal.id });
    for (const who of [hal, ivy]) await webhook(participant('participant_joined', room, who.id));
    const suspended = {
      type: 'UserSuspended',
      data: { userId: ivy.id, suspensionId: randomUUID(), reason: 'Spam', until: null, by: hal.id },
    } as const;
    await store.append(userStream(ivy.id), [userEvents.encode(suspended, systemMetadata())]);
    await app.platform.deps.projections.catchUp();
    await app.jobs.calls.tick(clock.now());
    expect(rooms.removals.filter((r) => r.room === room).map((r) => r.identity)).toEqual([ivy.id]);
  });

  it('does not ask again for someone LiveKit no longer has (404), though its webhook never came', async () => {
    const store = app.platform.deps.store;
    const [jo, kit] = await Promise.all([signUp(app.url, 'Jo'), signUp(app.url, 'Kit')]);
    await connectUsers(store, jo.id, kit.id);
    const room = (await join(jo, { with: kit.id })).body.room;
    await webhook(participant('participant_joined', room, jo.id));
    rooms.gone.add(jo.id);
    await blockUser(store, kit.id, jo.id);
    await app.platform.deps.projections.catchUp();
    await app.jobs.calls.tick(clock.now());
    expect(rooms.removals.filter((r) => r.room === room)).toHaveLength(1);
    clock.advance({ minutes: 10 });
    await app.jobs.calls.tick(clock.now());
    expect(rooms.removals.filter((r) => r.room === room)).toHaveLength(1);
  });
});
