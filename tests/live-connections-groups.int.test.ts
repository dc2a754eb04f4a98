import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from './support/http-client.ts';
import { LiveClient, sleep, type Frame } from './support/live-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp, type SignedInUser } from './support/users.ts';

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

/** Three fresh people, each with a socket; the projections know them before anyone acts on them. */
async function threePeople() {
  const people = [await signUp(app.url, 'Ana'), await signUp(app.url, 'Bo'), await signUp(app.url, 'Cy')];
  await app.platform.deps.projections.catchUp();
  const sockets = await Promise.all(people.map((p) => live(p)));
  return { people, sockets };
}

const positionOf = (res: ApiResponse) => Number(res.headers.get('x-position'));
const social = (socket: LiveClient) =>
  socket.frames.filter((f) => f.type.startsWith('connection.') || f.type.startsWith('group.'));

function ok<T>(res: ApiResponse<T>, status: number): ApiResponse<T> {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res;
}

/** Waits for `frame` on the socket, then proves nothing else social came before it. */
async function expectOnly(socket: LiveClient, frame: Partial<Frame>): Promise<void> {
  await socket.next((f) => f.type === frame.type);
  expect(social(socket)).toEqual([expect.objectContaining(frame)]);
  socket.frames.length = 0;
}

describe('connection frames over /api/live', () => {
  it('tells only the other person of each step, with the position its command answered', async () => {
    const {
      people: [ana, bo],
      sockets: [anaLive, boLive, cyLive],
    } = await threePeople();

    const asked = ok(
      await bo!.client.post<{ id: string }>('/api/connections', {
        json: { userId: ana!.id, message: 'Teach me <b>chess</b>?' },
      }),
      201,
    );
    await expectOnly(anaLive!, {
      type: 'connection.requested',
      connectionId: asked.body.id,
      userId: bo!.id,
      message: 'Teach me <b>chess</b>?',
      position: positionOf(asked),
    });

    const accepted = ok(await ana!.client.post(`/api/connections/${asked.body.id}/accept`), 200);
    await expectOnly(boLive!, {
      type: 'connection.accepted',
      connectionId: asked.body.id,
      userId: ana!.id,
      position: positionOf(accepted),
    });

    const ended = ok(await bo!.client.request('DELETE', `/api/connections/${asked.body.id}`), 204);
    await expectOnly(anaLive!, {
      type: 'connection.ended',
      connectionId: asked.body.id,
      userId: bo!.id,
      position: positionOf(ended),
    });

    const again = ok(
      await ana!.client.post<{ id: string }>('/api/connections', { json: { userId: bo!.id } }),
      201,
    );
    await expectOnly(boLive!, { type: 'connection.requested', connectionId: again.body.id, userId: ana!.id });
    ok(await ana!.client.request('DELETE', `/api/connections/${again.body.id}`), 204);
    await expectOnly(boLive!, { type: 'connection.withdrawn', connectionId: again.body.id, userId: ana!.id });

    const third = ok(
      await ana!.client.post<{ id: string }>('/api/connections', { json: { userId: bo!.id } }),
      201,
    );
    await boLive!.next((f) => f.type === 'connection.requested' && f.connectionId === third.body.id);
    boLive!.frames.length = 0;
    ok(await bo!.client.post(`/api/connections/${third.body.id}/decline`), 200);
    await expectOnly(anaLive!, { type: 'connection.declined', connectionId: third.body.id, userId: bo!.id });

    // The actors' own sockets and a bystander's heard nothing of it.
    await sleep(200);
    expect(social(anaLive!)).toEqual([]);
    expect(social(boLive!)).toEqual([]);
    expect(social(cyLive!)).toEqual([]);
  });

  it('tells the blocked person only that the connection ended, never that it was a block', async () => {
    const {
      people: [ana, bo],
      sockets: [anaLive, boLive],
    } = await threePeople();
    const asked = ok(
      await ana!.client.post<{ id: string }>('/api/connections', { json: { userId: bo!.id } }),
      201,
    );
    ok(await bo!.client.post(`/api/connections/${asked.body.id}/accept`), 200);
    await anaLive!.next((f) => f.type === 'connection.accepted');
    boLive!.frames.length = 0;
    anaLive!.frames.length = 0;

    ok(await ana!.client.post('/api/blocks', { json: { userId: bo!.id } }), 204);
    await expectOnly(boLive!, { type: 'connection.ended', connectionId: asked.body.id, userId: ana!.id });
    expect(JSON.stringify(boLive!.frames)).not.toMatch(/block/i);
    await sleep(200);
    expect(social(anaLive!)).toEqual([]);
  });

  it('gives a request sent while the socket was away on reconnect with `after`', async () => {
    const {
      people: [ana, bo],
      sockets: [anaLive],
    } = await threePeople();
    const seen = anaLive!.lastPosition;
    await anaLive!.close();
    const asked = ok(
      await bo!.client.post<{ id: string }>('/api/connections', { json: { userId: ana!.id } }),
      201,
    );

    const back = await live(ana!, seen);
    expect(back.ofType('connection.requested')).toEqual([
      expect.objectContaining({ connectionId: asked.body.id, userId: bo!.id, position: positionOf(asked) }),
    ]);
  });
});

describe('group membership frames over /api/live', () => {
  it('tells a person they were added or removed, and their other tabs when they leave', async () => {
    const {
      people: [ana, bo],
      sockets: [anaLive, boLive, cyLive],
    } = await threePeople();
    const group = ok(
      await ana!.client.post<{ id: string }>('/api/groups', { json: { name: 'Chess club' } }),
      201,
    );

    const added = ok(
      await ana!.client.post(`/api/groups/${group.body.id}/members`, { json: { userId: bo!.id } }),
      204,
    );
    await expectOnly(boLive!, {
      type: 'group.member_added',
      groupId: group.body.id,
      addedBy: ana!.id,
      position: positionOf(added),
    });

    const removed = ok(
      await ana!.client.request('DELETE', `/api/groups/${group.body.id}/members/${bo!.id}`),
      204,
    );
    await expectOnly(boLive!, {
      type: 'group.member_removed',
      groupId: group.body.id,
      removedBy: ana!.id,
      reason: 'removed',
      position: positionOf(removed),
    });

    ok(await ana!.client.post(`/api/groups/${group.body.id}/members`, { json: { userId: bo!.id } }), 204);
    await boLive!.next((f) => f.type === 'group.member_added');
    boLive!.frames.length = 0;
    const secondTab = await live(bo!);
    ok(await bo!.client.request('DELETE', `/api/groups/${group.body.id}/members/${bo!.id}`), 204);
    for (const tab of [boLive!, secondTab]) {
      await expectOnly(tab, { type: 'group.member_removed', groupId: group.body.id, reason: 'left' });
    }

    await sleep(200);
    expect(social(anaLive!)).toEqual([]);
    expect(social(cyLive!)).toEqual([]);
  });
});
