import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, type ApiResponse, type Problem } from './support/http-client.ts';
import { blockUser, connectUsers, unblockUser } from './support/connect-users.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp, type SignedInUser } from './support/users.ts';

interface Message {
  id: string;
  from: string;
  to: string;
  body: string;
  sentAt: string;
  readAt: string | null;
  editedAt: string | null;
  deleted: boolean;
}
interface Conversation {
  user: { id: string; displayName: string; reputation: unknown };
  lastMessage: Message;
  unread: number;
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const store = () => app.platform.deps.store;

async function connectedPair(): Promise<[SignedInUser, SignedInUser]> {
  const ana = await signUp(app.url, 'Ana');
  const bo = await signUp(app.url, 'Bo');
  await connectUsers(store(), ana.id, bo.id);
  return [ana, bo];
}

async function send(from: SignedInUser, to: SignedInUser, body: string): Promise<ApiResponse<Message>> {
  const res = await from.client.post<Message>(`/api/conversations/${to.id}/messages`, { json: { body } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res;
}

/** A read that waits until the read models include `after` (someone else's write). */
const history = (viewer: SignedInUser, other: SignedInUser, after: ApiResponse, query = '') =>
  viewer.client.get<{ messages: Message[] }>(`/api/conversations/${other.id}/messages${query}`, {
    headers: { 'x-min-position': after.headers.get('x-position') ?? '0' },
  });
const conversations = (viewer: SignedInUser, after?: ApiResponse) =>
  viewer.client.get<{ conversations: Conversation[] }>('/api/conversations', {
    headers: after ? { 'x-min-position': after.headers.get('x-position') ?? '0' } : {},
  });

function expectProblem(res: ApiResponse, status: number, detail?: RegExp): Problem {
  expect(res.status).toBe(status);
  expect(res.contentType).toBe('application/problem+json');
  const problem = res.body as Problem;
  if (detail) expect(problem.detail).toMatch(detail);
  return problem;
}

describe('sending and reading history', () => {
  it('answers 201 with the message, and both sides see it with an unread count for the recipient', async () => {
    const [ana, bo] = await connectedPair();
    const res = await send(ana, bo, '  Hola, Bo!  ');
    expect(res.headers.get('x-position')).toMatch(/^\d+$/);
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Math.abs(Date.parse(res.body.sentAt) - Date.now())).toBeLessThan(60_000);
    expect(res.body).toEqual({
      id: res.body.id,
      from: ana.id,
      to: bo.id,
      body: 'Hola, Bo!',
      sentAt: res.body.sentAt,
      readAt: null,
      editedAt: null,
      deleted: false,
    });

    const seen = await history(bo, ana, res);
    expect(seen.status).toBe(200);
    expect(seen.body.messages).toEqual([res.body]);

    const summary = (list: Conversation[]) =>
      list.map(({ user, lastMessage, unread }) => [user.id, user.displayName, lastMessage, unread]);
    const bosList = await conversations(bo, res);
    expect(summary(bosList.body.conversations)).toEqual([[ana.id, 'Ana', res.body, 1]]);
    expect(bosList.body.conversations[0]!.user.reputation).toBeDefined();
    const anasList = await conversations(ana);
    expect(summary(anasList.body.conversations)).toEqual([[bo.id, 'Bo', res.body, 0]]);
    expect(JSON.stringify(anasList.body)).not.toContain('email');
  });

  it('pages history backwards with before and limit, newest last', async () => {
    const [ana, bo] = await connectedPair();
    const sent: Message[] = [];
    let last!: ApiResponse<Message>;
    for (let i = 1; i <= 5; i++) {
      last = await send(i % 2 ? ana : bo, i % 2 ? bo : ana, `message ${i}`);
      sent.push(last.body);
    }
    const page1 = await history(ana, bo, last, '?limit=2');
    expect(page1.body.messages.map((m) => m.body)).toEqual(['message 4', 'message 5']);
    const page2 = await history(ana, bo, last, `?limit=2&before=${page1.body.messages[0]!.id}`);
    expect(page2.body.messages.map((m) => m.body)).toEqual(['message 2', 'message 3']);
    const page3 = await history(ana, bo, last, `?limit=2&before=${page2.body.messages[0]!.id}`);
    expect(page3.body.messages.map((m) => m.body)).toEqual(['message 1']);
    expect((await history(ana, bo, last)).body.messages).toHaveLength(5);

    const other = await connectedPair();
    const foreign = await send(other[0], other[1], 'elsewhere');
    expectProblem(await history(ana, bo, foreign, `?before=${foreign.body.id}`), 404);
    expectProblem(await history(ana, bo, last, '?limit=500'), 422);
  });

  it('sends a message once however often it is sent again with the same clientId; another text under it is 409', async () => {
    const [ana, bo] = await connectedPair();
    const clientId = '3f1c2b9a-7d64-4e2b-9a51-0c8e7b6d5a41';
    const post = (body: string, id = clientId) =>
      ana.client.post<Message>(`/api/conversations/${bo.id}/messages`, { json: { body, clientId: id } });
    const first = await post('Are you free on Friday?');
    expect(first.status).toBe(201);
    // A retry after a lost answer: the same message, the same answer, nothing new in the conversation.
    const again = await Promise.all([post('Are you free on Friday?'), post('Are you free on Friday?')]);
    for (const res of again) {
      expect(res.status).toBe(201);
      expect(res.body).toEqual(first.body);
    }
    const other = await post('Something else');
    expectProblem(other, 409, /new clientId/);
    // Bo may use the same clientId for his own message.
    const reply = await bo.client.post<Message>(`/api/conversations/${ana.id}/messages`, {
      json: { body: 'Yes!', clientId },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.id).not.toBe(first.body.id);
    const seen = await history(bo, ana, reply);
    expect(seen.body.messages.map((m) => [m.from, m.body])).toEqual([
      [ana.id, 'Are you free on Friday?'],
      [bo.id, 'Yes!'],
    ]);
    expectProblem(await post('Hi', 'not-a-uuid'), 422, /clientId must be a UUID/);
  });

  it('keeps HTML from users as plain text in the JSON', async () => {
    const [ana, bo] = await connectedPair();
    const html = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const res = await send(ana, bo, html);
    expect((await history(bo, ana, res)).body.messages[0]!.body).toBe(html);
  });
});

describe('read receipts', () => {
  it('lets the recipient read up to a message; the sender then sees readAt on it and the ones before', async () => {
    const [ana, bo] = await connectedPair();
    const m1 = await send(ana, bo, 'one');
    const m2 = await send(ana, bo, 'two');
    const m3 = await send(ana, bo, 'three');
    expect((await conversations(bo, m3)).body.conversations[0]!.unread).toBe(3);

    const read = await bo.client.post(`/api/conversations/${ana.id}/read`, {
      json: { upTo: m2.body.id },
    });
    expect(read.status).toBe(204);
    expect(read.headers.get('x-position')).toMatch(/^\d+$/);

    const seen = (await history(ana, bo, read)).body.messages;
    expect(seen.map((m) => m.body)).toEqual(['one', 'two', 'three']);
    expect(seen[0]!.readAt).toEqual(expect.any(String));
    expect(seen[1]!.readAt).toEqual(seen[0]!.readAt);
    expect(seen[2]!.readAt).toBeNull();
    expect((await conversations(bo)).body.conversations[0]!.unread).toBe(1);

    // Reading an earlier message again changes nothing.
    const again = await bo.client.post(`/api/conversations/${ana.id}/read`, {
      json: { upTo: m1.body.id },
    });
    expect(again.status).toBe(204);
    expect(again.headers.get('x-position')).toBeNull();
    expectProblem(
      await bo.client.post(`/api/conversations/${ana.id}/read`, { json: { upTo: ana.id } }),
      404,
      /No message/,
    );
  });
});

describe('editing and deleting', () => {
  it('lets the sender edit; both sides see the new body and editedAt', async () => {
    const [ana, bo] = await connectedPair();
    const sent = (await send(ana, bo, 'typo')).body;
    const edited = await ana.client.patch<Message>(`/api/conversations/${bo.id}/messages/${sent.id}`, {
      json: { body: 'fixed' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: sent.id, body: 'fixed', deleted: false, sentAt: sent.sentAt });
    expect(edited.body.editedAt).toEqual(expect.any(String));
    const seen = (await history(bo, ana, edited)).body.messages;
    expect(seen).toEqual([edited.body]);
  });

  it('lets the sender delete: the message keeps its id, shows deleted with an empty body, and stops counting as unread', async () => {
    const [ana, bo] = await connectedPair();
    await send(ana, bo, 'keep');
    const goneRes = await send(ana, bo, 'oops, wrong chat');
    const gone = goneRes.body;
    expect((await conversations(bo, goneRes)).body.conversations[0]!.unread).toBe(2);

    const res = await ana.client.request('DELETE', `/api/conversations/${bo.id}/messages/${gone.id}`);
    expect(res.status).toBe(204);
    for (const [viewer, other] of [
      [bo, ana],
      [ana, bo],
    ] as const) {
      const messages = (await history(viewer, other, res)).body.messages;
      expect(messages.map((m) => [m.body, m.deleted])).toEqual([
        ['keep', false],
        ['', true],
      ]);
      expect(messages[1]!.id).toBe(gone.id);
      expect(JSON.stringify(messages)).not.toContain('wrong chat');
    }
    const list = (await conversations(bo, res)).body.conversations[0]!;
    expect(list.unread).toBe(1);
    expect(list.lastMessage).toMatchObject({ id: gone.id, deleted: true, body: '' });

    const twice = await ana.client.request('DELETE', `/api/conversations/${bo.id}/messages/${gone.id}`);
    expect(twice.status).toBe(204);
    expectProblem(
      await ana.client.patch(`/api/conversations/${bo.id}/messages/${gone.id}`, { json: { body: 'x' } }),
      409,
    );
  });

  it("refuses to edit or delete the other person's message (403) or an unknown one (404)", async () => {
    const [ana, bo] = await connectedPair();
    const sent = (await send(ana, bo, 'mine')).body;
    const path = `/api/conversations/${ana.id}/messages/${sent.id}`;
    expectProblem(await bo.client.patch(path, { json: { body: 'hijack' } }), 403, /you sent/);
    expectProblem(await bo.client.request('DELETE', path), 403, /you sent/);
    const unknown = `/api/conversations/${bo.id}/messages/${bo.id}`;
    expectProblem(await ana.client.patch(unknown, { json: { body: 'x' } }), 404);
  });
});

describe('who may talk', () => {
  it('refuses people who are not connected with 403 and says what to do', async () => {
    const ana = await signUp(app.url, 'Ana');
    const bo = await signUp(app.url, 'Bo');
    await app.platform.deps.projections.catchUp();
    const res = await ana.client.post(`/api/conversations/${bo.id}/messages`, { json: { body: 'hi' } });
    expectProblem(res, 403, /connection request/);
    expectProblem(await ana.client.get(`/api/conversations/${bo.id}/messages`), 403);
  });

  it('refuses at once after a block either way, hides the conversation, and allows again after unblocking', async () => {
    const [ana, bo] = await connectedPair();
    const first = await send(ana, bo, 'before the block');
    expect((await conversations(bo, first)).body.conversations).toHaveLength(1);

    const blockedAt = await blockUser(store(), bo.id, ana.id);
    // No waiting for any read model: the pair stream is read on every send.
    for (const [from, to] of [
      [ana, bo],
      [bo, ana],
    ] as const) {
      const res = await from.client.post(`/api/conversations/${to.id}/messages`, {
        json: { body: 'hello?' },
      });
      expectProblem(res, 403, /blocked/);
      expectProblem(await from.client.get(`/api/conversations/${to.id}/messages`), 403, /blocked/);
    }
    const list = await bo.client.get<{ conversations: Conversation[] }>('/api/conversations', {
      headers: { 'x-min-position': String(blockedAt) },
    });
    expect(list.body.conversations).toEqual([]);

    await unblockUser(store(), bo.id, ana.id);
    expect(
      (await ana.client.post(`/api/conversations/${bo.id}/messages`, { json: { body: 'again' } })).status,
    ).toBe(201);
  });

  it('answers 404 for an unknown user, 403 for yourself and 401 when signed out', async () => {
    const ana = await signUp(app.url, 'Ana');
    const unknown = '00000000-0000-4000-8000-000000000000';
    expectProblem(
      await ana.client.post(`/api/conversations/${unknown}/messages`, { json: { body: 'hi' } }),
      404,
    );
    expectProblem(
      await ana.client.post(`/api/conversations/${ana.id}/messages`, { json: { body: 'hi' } }),
      403,
    );
    const anonymous = new HttpClient(app.url);
    expectProblem(await anonymous.get('/api/conversations'), 401);
    expectProblem(
      await anonymous.post(`/api/conversations/${ana.id}/messages`, { json: { body: 'hi' } }),
      401,
    );
  });
});

describe('message bodies', () => {
  it('accepts 1 to 4,000 characters (counted as characters, not UTF-16 units) and refuses the rest with 422', async () => {
    const [ana, bo] = await connectedPair();
    const post = (body: unknown) =>
      ana.client.post(`/api/conversations/${bo.id}/messages`, { json: { body } });
    for (const body of ['', '   \n  ', 'x'.repeat(4001), 'bad\u0000byte', 42]) {
      const problem = expectProblem(await post(body), 422);
      expect(problem.errors?.[0]?.path).toBe('body');
    }
    expect((await post('x'.repeat(4000))).status).toBe(201);
    expect((await post('🙂'.repeat(4000))).status).toBe(201);
    expect((await post('line one\nline two')).status).toBe(201);
    expectProblem(
      await ana.client.post(`/api/conversations/${bo.id}/messages`, { json: { body: 'x', extra: 1 } }),
      422,
    );
  });

  it('lists the routes in the OpenAPI document', async () => {
    const res = await new HttpClient(app.url).get('/api/openapi.json');
    const paths = Object.keys((res.body as { paths: object }).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/conversations',
        '/api/conversations/{userId}/messages',
        '/api/conversations/{userId}/messages/{id}',
        '/api/conversations/{userId}/read',
      ]),
    );
  });
});

describe('send rate limit', () => {
  it('answers 429 with Retry-After once a person sends more than the limit per minute', async () => {
    const limited = await startTestApp({ RATE_LIMIT_MESSAGES_PER_MINUTE: '3' });
    try {
      const ana = await signUp(limited.url, 'Ana');
      const bo = await signUp(limited.url, 'Bo');
      await connectUsers(limited.platform.deps.store, ana.id, bo.id);
      const post = (from: SignedInUser, to: SignedInUser) =>
        from.client.post(`/api/conversations/${to.id}/messages`, { json: { body: 'spam' } });
      for (let i = 0; i < 3; i++) expect((await post(ana, bo)).status).toBe(201);
      const res = await post(ana, bo);
      expectProblem(res, 429, /Too many messages/);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      // The limit is per sender.
      expect((await post(bo, ana)).status).toBe(201);
    } finally {
      await limited.close();
    }
  });
});
