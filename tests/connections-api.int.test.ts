import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionLiveFrames, pairStream } from '../src/features/connections/index.ts';
import { HttpClient, type ApiResponse, type Problem } from './support/http-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

// One server (and one database) for the whole file; tests stay independent through fresh users.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

interface Profile {
  id: string;
  displayName: string;
}
interface Connection {
  id: string;
  user: Profile & { reputation: unknown; teach: unknown[] };
  status: string;
  message: string | null;
  createdAt: string;
}
interface Lists {
  incoming: Connection[];
  outgoing: Connection[];
  accepted: Connection[];
}
interface Person {
  id: string;
  name: string;
  http: HttpClient;
}

// Typed stand-ins for vitest's asymmetric matchers, which are `any`.
const like = <T extends object>(fields: T): T => expect.objectContaining(fields as never) as T;
const anyString = expect.any(String) as unknown as string;
const uuid = expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown as string;

let counter = 0;
/** A freshly registered, signed-in person with their own cookie jar. */
async function person(name = 'Member'): Promise<Person> {
  const http = new HttpClient(app.url);
  const displayName = `${name} ${++counter}`;
  const res = await http.post<{ user: { id: string } }>('/api/auth/register', {
    json: {
      email: `${name.toLowerCase()}.${Date.now()}.${counter}@example.com`,
      password: 'correct horse battery',
      displayName,
    },
  });
  expect(res.status).toBe(201);
  return { id: res.body.user.id, name: displayName, http };
}

function expectProblem(res: ApiResponse, status: number): Problem {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.contentType).toBe('application/problem+json');
  const problem = res.body as Problem;
  expect(problem.detail.length).toBeGreaterThan(0);
  return problem;
}

const position = (res: ApiResponse) => {
  const value = res.headers.get('x-position');
  expect(value).toMatch(/^\d+$/);
  return value!;
};

/** GET /api/connections as `who`, after the read models include `after` (the web app's read-your-writes). */
async function lists(who: Person, after?: ApiResponse): Promise<Lists> {
  const headers = after ? { 'x-min-position': position(after) } : undefined;
  const res = await who.http.get<Lists>('/api/connections', { headers });
  expect(res.status).toBe(200);
  return res.body;
}

const ask = (from: Person, to: Person, message?: string) =>
  from.http.post<{ id: string; status: string }>('/api/connections', {
    json: { userId: to.id, ...(message !== undefined && { message }) },
  });
const accept = (who: Person, id: string) => who.http.post<Connection>(`/api/connections/${id}/accept`);
const decline = (who: Person, id: string) => who.http.post<Connection>(`/api/connections/${id}/decline`);
const remove = (who: Person, id: string) => who.http.request('DELETE', `/api/connections/${id}`);
const block = (who: Person, other: Person | string) =>
  who.http.post('/api/blocks', { json: { userId: typeof other === 'string' ? other : other.id } });
const unblock = (who: Person, other: Person) => who.http.request('DELETE', `/api/blocks/${other.id}`);

async function connected(a: Person, b: Person): Promise<string> {
  const asked = await ask(a, b);
  expect(asked.status).toBe(201);
  expect((await accept(b, asked.body.id)).status).toBe(200);
  return asked.body.id;
}

describe('POST /api/connections', () => {
  it('sends a request (201 pending) that the receiver sees as incoming and the sender as outgoing', async () => {
    const [ana, bo] = [await person('Ana'), await person('Bo')];
    const res = await ask(ana, bo, '  Want to swap Spanish for guitar?  ');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: uuid, status: 'pending' });

    const seenByBo = await lists(bo, res);
    expect(seenByBo.outgoing).toEqual([]);
    expect(seenByBo.accepted).toEqual([]);
    expect(seenByBo.incoming).toEqual([
      {
        id: res.body.id,
        user: like({
          id: ana.id,
          displayName: ana.name,
          teach: [],
          reputation: like({ reviews: 0 }),
        }),
        status: 'pending',
        message: 'Want to swap Spanish for guitar?',
        createdAt: anyString,
      },
    ]);
    expect(JSON.stringify(seenByBo)).not.toContain('@example.com');
    const seenByAna = await lists(ana);
    expect(seenByAna.incoming).toEqual([]);
    expect(seenByAna.outgoing.map((c) => [c.id, c.user.id, c.message])).toEqual([
      [res.body.id, bo.id, 'Want to swap Spanish for guitar?'],
    ]);
  });

  it('stores an empty or absent note as null', async () => {
    const [ana, bo, cy] = [await person(), await person(), await person()];
    const withBlank = await ask(ana, bo, '   ');
    const without = await ask(ana, cy);
    expect((await lists(ana, without)).outgoing.map((c) => c.message)).toEqual([null, null]);
    expect(withBlank.status).toBe(201);
  });

  it('refuses a second request either way with 409; the reverse one points at the pending request', async () => {
    const [ana, bo] = [await person(), await person()];
    const first = await ask(ana, bo);
    expectProblem(await ask(ana, bo), 409);
    const reverse = expectProblem(await ask(bo, ana), 409) as Problem & { connectionId?: string };
    expect(reverse.detail).toMatch(/accept/i);
    expect(reverse.connectionId).toBe(first.body.id);
  });

  it('refuses a request once connected with 409', async () => {
    const [ana, bo] = [await person(), await person()];
    await connected(ana, bo);
    expectProblem(await ask(ana, bo), 409);
    expectProblem(await ask(bo, ana), 409);
  });

  it('answers 404 for an unknown user, 422 for yourself, a bad id or a note over 500 characters', async () => {
    const ana = await person();
    const bo = await person();
    expectProblem(await ana.http.post('/api/connections', { json: { userId: randomUUID() } }), 404);
    const self = expectProblem(await ask(ana, ana), 422);
    expect(self.errors?.map((e) => e.path)).toEqual(['userId']);
    const badId = expectProblem(await ana.http.post('/api/connections', { json: { userId: 'bo' } }), 422);
    expect(badId.errors?.map((e) => e.path)).toEqual(['userId']);
    const long = expectProblem(await ask(ana, bo, 'x'.repeat(501)), 422);
    expect(long.errors?.map((e) => e.path)).toEqual(['message']);
    expect(long.errors?.[0]?.message).toMatch(/500/);
    expect((await ask(ana, bo, 'x'.repeat(500))).status).toBe(201);
  });

  it('answers 401 when not signed in', async () => {
    const bo = await person();
    expectProblem(await new HttpClient(app.url).post('/api/connections', { json: { userId: bo.id } }), 401);
    expectProblem(await new HttpClient(app.url).get('/api/connections'), 401);
  });

  it('leaves exactly one pending request when 20 requests between the same two race, both directions mixed', async () => {
    const [ana, bo] = [await person('Ana'), await person('Bo')];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? ask(ana, bo) : ask(bo, ana))),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const winner = results.find((r) => r.status === 201)!;

    const ofAna = await lists(ana, winner);
    const ofBo = await lists(bo, winner);
    expect([...ofAna.incoming, ...ofAna.outgoing].map((c) => c.id)).toEqual([winner.body.id]);
    expect([...ofBo.incoming, ...ofBo.outgoing].map((c) => c.id)).toEqual([winner.body.id]);
    const events = await app.platform.deps.store.readStream(pairStream(ana.id, bo.id));
    expect(events.map((e) => e.type)).toEqual(['ConnectionRequested']);
  });
});

describe('POST /api/connections/:id/accept and /decline', () => {
  it('lets the receiver accept (200 Connection); the requester then sees it accepted', async () => {
    const [ana, bo] = [await person('Ana'), await person('Bo')];
    const asked = await ask(ana, bo, 'Hi');
    const res = await accept(bo, asked.body.id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: asked.body.id,
      user: like({ id: ana.id, displayName: ana.name }),
      status: 'accepted',
      message: 'Hi',
      createdAt: anyString,
    });

    const seenByAna = await lists(ana, res);
    expect(seenByAna.outgoing).toEqual([]);
    expect(seenByAna.accepted.map((c) => [c.id, c.user.id, c.status])).toEqual([
      [asked.body.id, bo.id, 'accepted'],
    ]);
    expect((await lists(bo)).accepted.map((c) => c.user.id)).toEqual([ana.id]);
  });

  it('refuses a second answer with 409, whichever it is', async () => {
    const [ana, bo] = [await person(), await person()];
    const asked = await ask(ana, bo);
    expect((await accept(bo, asked.body.id)).status).toBe(200);
    expect(expectProblem(await accept(bo, asked.body.id), 409).detail).toMatch(/already accepted/);
    expectProblem(await decline(bo, asked.body.id), 409);

    const other = await ask(ana, await person());
    const cy = await person();
    const third = await ask(cy, ana);
    expect((await decline(ana, third.body.id)).status).toBe(200);
    expectProblem(await decline(ana, third.body.id), 409);
    expectProblem(await accept(ana, third.body.id), 409);
    expect(other.status).toBe(201);
  });

  it('lets the receiver decline (200); the request leaves both lists and may be sent again', async () => {
    const [ana, bo] = [await person(), await person()];
    const asked = await ask(ana, bo);
    const res = await decline(bo, asked.body.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: asked.body.id, status: 'declined', user: { id: ana.id } });
    expect(await lists(ana, res)).toEqual({ incoming: [], outgoing: [], accepted: [] });
    expect(await lists(bo)).toEqual({ incoming: [], outgoing: [], accepted: [] });
    expect((await ask(ana, bo)).status).toBe(201);
  });

  it('refuses the sender answering their own request with 403', async () => {
    const [ana, bo] = [await person(), await person()];
    const asked = await ask(ana, bo);
    expectProblem(await accept(ana, asked.body.id), 403);
    expectProblem(await decline(ana, asked.body.id), 403);
  });

  it("answers 404 for someone else's connection and for an unknown id, 422 for a malformed id", async () => {
    const [ana, bo, eve] = [await person(), await person(), await person('Eve')];
    const asked = await ask(ana, bo);
    expectProblem(await accept(eve, asked.body.id), 404);
    expectProblem(await decline(eve, asked.body.id), 404);
    expectProblem(await remove(eve, asked.body.id), 404);
    expectProblem(await accept(bo, randomUUID()), 404);
    expectProblem(await accept(bo, 'not-an-id'), 422);
    // Eve's attempts changed nothing.
    expect((await lists(bo)).incoming.map((c) => c.id)).toEqual([asked.body.id]);
  });
});

describe('DELETE /api/connections/:id', () => {
  it('lets the sender withdraw a pending request (204); it leaves the receiver inbox; twice is 409', async () => {
    const [ana, bo] = [await person(), await person()];
    const asked = await ask(ana, bo);
    const res = await remove(ana, asked.body.id);
    expect(res.status).toBe(204);
    expect((await lists(bo, res)).incoming).toEqual([]);
    expect((await lists(ana)).outgoing).toEqual([]);
    expectProblem(await remove(ana, asked.body.id), 409);
    expectProblem(await accept(bo, asked.body.id), 409);
  });

  it('refuses the receiver deleting a pending request with 403 (they decline instead)', async () => {
    const [ana, bo] = [await person(), await person()];
    const asked = await ask(ana, bo);
    expect(expectProblem(await remove(bo, asked.body.id), 403).detail).toMatch(/decline/i);
  });

  it('lets either side disconnect (204); both lists empty; a new request is possible', async () => {
    for (const by of ['requester', 'receiver'] as const) {
      const [ana, bo] = [await person(), await person()];
      const id = await connected(ana, bo);
      const res = await remove(by === 'requester' ? ana : bo, id);
      expect(res.status).toBe(204);
      expect((await lists(ana, res)).accepted).toEqual([]);
      expect((await lists(bo, res)).accepted).toEqual([]);
      expectProblem(await remove(ana, id), 409);
      expect((await ask(bo, ana)).status).toBe(201);
    }
  });
});

describe('blocking', () => {
  it('ends a connection, refuses requests both ways, and lists the blocked person for the blocker only', async () => {
    const [ana, bo] = [await person('Ana'), await person('Bo')];
    const id = await connected(ana, bo);
    const res = await block(bo, ana);
    expect(res.status).toBe(204);
    expect(await lists(ana, res)).toEqual({ incoming: [], outgoing: [], accepted: [] });
    expect((await lists(bo)).accepted).toEqual([]);
    expectProblem(await remove(ana, id), 409);

    expect(expectProblem(await ask(ana, bo), 403).detail).toMatch(/does not accept/);
    expect(expectProblem(await ask(bo, ana), 403).detail).toMatch(/Unblock/);

    const blocks = await bo.http.get<{ blocks: { user: Profile; createdAt: string }[] }>('/api/blocks');
    expect(blocks.status).toBe(200);
    expect(blocks.body.blocks).toEqual([
      { user: like({ id: ana.id, displayName: ana.name }), createdAt: anyString },
    ]);
    expect((await ana.http.get<{ blocks: unknown[] }>('/api/blocks')).body.blocks).toEqual([]);

    const events = await app.platform.deps.store.readStream(pairStream(ana.id, bo.id));
    const last = events.slice(-2);
    expect(last.map((e) => e.type)).toEqual(['UserBlocked', 'ConnectionEnded']);
    expect(last[0]!.position).toBe(last[1]!.position - 1);
    expect(last.map((e) => e.metadata.correlationId)).toEqual([
      last[0]!.metadata.correlationId,
      last[0]!.metadata.correlationId,
    ]);
  });

  it('withdraws a request the blocker sent and declines one the blocker received', async () => {
    const [ana, bo, cy] = [await person(), await person(), await person()];
    await ask(ana, bo);
    await ask(cy, ana);
    await block(ana, bo);
    const res = await block(ana, cy);
    expect(await lists(ana, res)).toEqual({ incoming: [], outgoing: [], accepted: [] });
    expect((await lists(bo)).incoming).toEqual([]);
    expect((await lists(cy)).outgoing).toEqual([]);
    const types = async (x: Person, y: Person) =>
      (await app.platform.deps.store.readStream(pairStream(x.id, y.id))).map((e) => e.type);
    expect(await types(ana, bo)).toEqual(['ConnectionRequested', 'UserBlocked', 'ConnectionWithdrawn']);
    expect(await types(ana, cy)).toEqual(['ConnectionRequested', 'UserBlocked', 'ConnectionDeclined']);
  });

  it('refuses blocking twice (409), yourself (422), an unknown user (404); unblocking twice is 404', async () => {
    const [ana, bo] = [await person(), await person()];
    expect((await block(ana, bo)).status).toBe(204);
    expectProblem(await block(ana, bo), 409);
    expectProblem(await block(ana, ana), 422);
    expectProblem(await block(ana, randomUUID()), 404);
    expectProblem(await unblock(bo, ana), 404);
    const res = await unblock(ana, bo);
    expect(res.status).toBe(204);
    expectProblem(await unblock(ana, bo), 404);
    expect(
      (
        await ana.http.get<{ blocks: unknown[] }>('/api/blocks', {
          headers: { 'x-min-position': position(res) },
        })
      ).body.blocks,
    ).toEqual([]);
    expectProblem(await ana.http.request('DELETE', '/api/blocks/nobody'), 422);
  });

  it('lets requests flow again only once every block between the two is lifted', async () => {
    const [ana, bo] = [await person(), await person()];
    await block(ana, bo);
    await block(bo, ana);
    await unblock(ana, bo);
    expectProblem(await ask(ana, bo), 403);
    await unblock(bo, ana);
    expect((await ask(ana, bo)).status).toBe(201);
  });
});

describe('live frames', () => {
  it('tells the other side of each step, and never says that an ended connection was a block', async () => {
    const [ana, bo] = [await person(), await person()];
    const first = await ask(ana, bo, 'Hello');
    await decline(bo, first.body.id);
    const second = await ask(bo, ana);
    await accept(ana, second.body.id);
    await block(ana, bo);

    const events = await app.platform.deps.store.readStream(pairStream(ana.id, bo.id));
    const frames = events.flatMap((e) => connectionLiveFrames(e));
    expect(frames).toEqual([
      {
        userId: bo.id,
        frame: like({
          type: 'connection.requested',
          connectionId: first.body.id,
          userId: ana.id,
          message: 'Hello',
        }),
      },
      {
        userId: ana.id,
        frame: like({
          type: 'connection.declined',
          connectionId: first.body.id,
          userId: bo.id,
        }),
      },
      {
        userId: ana.id,
        frame: like({
          type: 'connection.requested',
          connectionId: second.body.id,
          userId: bo.id,
        }),
      },
      {
        userId: bo.id,
        frame: like({
          type: 'connection.accepted',
          connectionId: second.body.id,
          userId: ana.id,
        }),
      },
      {
        userId: bo.id,
        frame: like({
          type: 'connection.ended',
          connectionId: second.body.id,
          userId: ana.id,
        }),
      },
    ]);
    expect(JSON.stringify(frames)).not.toMatch(/block/i);
  });
});

describe('OpenAPI', () => {
  it('describes every connection and block route', async () => {
    const doc = await new HttpClient(app.url).get<{ paths: Record<string, Record<string, unknown>> }>(
      '/api/openapi.json',
    );
    const paths = doc.body.paths;
    expect(Object.keys(paths['/api/connections'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/connections/{id}'] ?? {})).toEqual(['delete']);
    expect(paths['/api/connections/{id}/accept']?.post).toBeDefined();
    expect(paths['/api/connections/{id}/decline']?.post).toBeDefined();
    expect(Object.keys(paths['/api/blocks'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/blocks/{userId}'] ?? {})).toEqual(['delete']);
  });
});
