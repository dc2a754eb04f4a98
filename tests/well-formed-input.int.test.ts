import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, type ApiResponse, type Problem } from './support/http-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp, type SignedInUser } from './support/users.ts';
import { RawDocClient } from './support/yjs-client.ts';

// Text Postgres cannot store (lone UTF-16 surrogates, NUL) stops at the edge as a 422 naming the field;
// before, it reached the database and came back as a 500.
let app: TestApp;
let ada: SignedInUser;
beforeAll(async () => {
  app = await startTestApp();
  ada = await signUp(app.url, 'Ada');
});
afterAll(async () => {
  await app?.close();
});

const LONE_HIGH = '\ud800';
const LONE_LOW = '\udfff';
const NUL = '\u0000';

function expectInvalid(res: ApiResponse, path: string): Problem {
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.contentType).toBe('application/problem+json');
  const problem = res.body as Problem;
  expect(problem.errors?.map((e) => e.path)).toContain(path);
  const error = problem.errors!.find((e) => e.path === path)!;
  expect(error.message).toMatch(/well-formed Unicode|NUL/);
  return problem;
}

/** JSON.stringify escapes lone surrogates (`"\ud800"`), exactly as a hostile client would send them. */
const send = (user: SignedInUser, method: string, path: string, json: unknown) =>
  user.client.request(method, path, { json });

describe('JSON bodies: every text field of the feature schemas', () => {
  const cases: Array<[string, string, () => unknown, string]> = [
    ['PATCH', '/api/me', () => ({ bio: `hi ${LONE_HIGH}` }), 'bio'],
    ['PATCH', '/api/me', () => ({ displayName: `Ada${LONE_LOW}` }), 'displayName'],
    ['PATCH', '/api/me', () => ({ languages: ['English', `x${LONE_HIGH}`] }), 'languages.1'],
    ['PATCH', '/api/me', () => ({ bio: `nul ${NUL} inside` }), 'bio'],
    ['PUT', '/api/me/skills', () => ({ teach: [{ name: `Guitar${LONE_HIGH}` }], learn: [] }), 'teach.0.name'],
    ['POST', '/api/groups', () => ({ name: `Group${LONE_LOW}` }), 'name'],
    ['POST', '/api/groups', () => ({ name: 'Fine', description: `d${LONE_HIGH}` }), 'description'],
    ['POST', '/api/connections', () => ({ userId: randomUUID(), message: `hello ${LONE_HIGH}` }), 'message'],
    ['POST', `/api/conversations/${randomUUID()}/messages`, () => ({ body: `hey ${LONE_LOW}` }), 'body'],
  ];
  for (const [method, path, body, field] of cases) {
    it(`${method} ${path.replace(/[0-9a-f-]{36}/, ':id')} refuses a bad ${field} with 422`, async () => {
      expectInvalid(await send(ada, method, path, body()), field);
    });
  }

  it('refuses a lone surrogate in the display name and NUL in the password at registration', async () => {
    const c = new HttpClient(app.url);
    const email = `${randomUUID()}@example.com`;
    expectInvalid(
      await c.post('/api/auth/register', {
        json: { email, password: 'correct horse battery', displayName: `Eve${LONE_HIGH}` },
      }),
      'displayName',
    );
    expectInvalid(
      await c.post('/api/auth/register', {
        json: { email, password: `correct horse${NUL}battery`, displayName: 'Eve' },
      }),
      'password',
    );
  });

  it('keeps well-formed text, astral characters (surrogate pairs) included', async () => {
    const res = await send(ada, 'PUT', '/api/me/skills', { teach: [{ name: '🎸 Guitar' }], learn: [] });
    expect(res.status).toBe(200);
    expect((res.body as { teach: Array<{ name: string }> }).teach[0]?.name).toBe('🎸 Guitar');
    const bio = await send(ada, 'PATCH', '/api/me', { bio: 'Emoji 😀 and 𝄞 are fine' });
    expect(bio.status).toBe(200);
  });
});

describe('JSON bodies: strings no schema declares', () => {
  it('refuses a bad unknown field that a lenient schema would have dropped', async () => {
    const c = new HttpClient(app.url);
    const res = await c.post('/api/auth/register', {
      json: {
        email: `${randomUUID()}@example.com`,
        password: 'correct horse battery',
        displayName: 'Zed',
        extra: { deep: ['fine', `bad${NUL}`] },
      },
    });
    expectInvalid(res, 'extra.deep.1');
  });

  it('refuses a field name that is not well-formed, and a bare JSON string body', async () => {
    const named = await ada.client.patch('/api/me', {
      body: `{"bio":"ok","x\\ud800":1}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(named.status).toBe(422);
    expect(named.contentType).toBe('application/problem+json');
    expect((named.body as Problem).errors?.[0]?.path).toBe('x\ufffd');
    const bare = await ada.client.patch('/api/me', {
      body: '"\\udc00"',
      headers: { 'content-type': 'application/json' },
    });
    expectInvalid(bare, '');
  });

  it('leaves malformed JSON to the route (400), and other media types alone', async () => {
    const broken = await ada.client.patch('/api/me', {
      body: '{"bio": "unterminated',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect(broken.contentType).toBe('application/problem+json');
  });
});

describe('query parameters', () => {
  it('answers 422 (not 500) for NUL in a `before` cursor of the wall and of a group', async () => {
    expectInvalid(await ada.client.get('/api/wall?before=%00'), 'before');
    expectInvalid(await ada.client.get('/api/wall?before=abc%00def'), 'before');
    expectInvalid(await ada.client.get(`/api/groups/${randomUUID()}/messages?before=%00`), 'before');
  });

  it('answers 422 for NUL in search text and in a parameter no schema declares', async () => {
    expectInvalid(await ada.client.get('/api/wall?q=guitar%00'), 'q');
    expectInvalid(await ada.client.get('/api/me?unknown=%00'), 'unknown');
  });
});

describe('Yjs document paths', () => {
  const cookieOf = (user: SignedInUser) => [...user.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

  it('closes a broken percent-escape with 4400 and a reason (the stock client does not retry 44xx)', async () => {
    for (const doc of ['%E0%A4%A', '%ED%A0%80', 'group-%']) {
      const client = await RawDocClient.open(app.url, doc, cookieOf(ada));
      const closed = await client.closed;
      expect(closed.code, doc).toBe(4400);
      expect(closed.reason).toMatch(/document name/i);
    }
  });
});
