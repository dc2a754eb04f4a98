import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile as Me } from '../src/features/identity/user.ts';
import { cookieAttributes, HttpClient, type ApiResponse, type Problem } from './support/http-client.ts';
import { onePixelGif, onePixelPng } from './support/images.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

// One server (and one database) for the whole file; tests stay independent through unique emails.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const USER_AGENT = 'skillswap-tests/1.0';
const PASSWORD = 'correct horse battery';

let counter = 0;
const uniqueEmail = (label = 'user') => `${label}.${Date.now()}.${++counter}@example.com`;
const client = (base = app.url) => new HttpClient(base);

interface PublicProfile {
  id: string;
  displayName: string;
  bio: string;
  avatarUrl: string | null;
  languages: string[];
  timezone: string | null;
  teach: Me['teach'];
  learn: Me['learn'];
  reputation: {
    rating: number | null;
    reviews: number;
    averageRating: number | null;
    sessionsHosted: number;
    studentsTaught: number;
    badges: { id: string; name: string; description: string; earnedAt: string }[];
  };
}

/** Registers a new user on `c` (which then holds the session) and returns what the test needs. */
async function register(
  c: HttpClient,
  input: { email?: string; password?: string; displayName?: string } = {},
) {
  const email = input.email ?? uniqueEmail();
  const password = input.password ?? PASSWORD;
  const displayName = input.displayName ?? 'Ada Example';
  const res = await c.post<{ user: Me }>('/api/auth/register', { json: { email, password, displayName } });
  expect(res.status).toBe(201);
  return { email, password, user: res.body.user, position: res.headers.get('x-position') };
}

/** Asserts an RFC 9457 problem response and returns its body. */
function expectProblem(res: ApiResponse, status: number): Problem {
  expect(res.status).toBe(status);
  expect(res.contentType).toBe('application/problem+json');
  const problem = res.body as Problem;
  expect(problem.status).toBe(status);
  expect(problem.type).toMatch(/^https:\/\/skillswap\.dev\/problems\/[a-z-]+$/);
  expect(problem.title.length).toBeGreaterThan(0);
  expect(problem.detail.length).toBeGreaterThan(0);
  return problem;
}

/** Regression guard: a few back-to-back requests on the shared connection pool all get answers. */
async function expectConnectionsUsable() {
  for (let i = 0; i < 3; i++) expect((await client().get('/healthz')).status).toBe(200);
}

const errorPaths = (problem: Problem) => (problem.errors ?? []).map((e) => e.path).sort();

describe('POST /api/auth/register', () => {
  it('creates the account, answers 201 with Me and signs in with an HttpOnly, SameSite=Lax cookie', async () => {
    const c = client();
    const email = uniqueEmail('ada');
    const res = await c.post<{ user: Me }>('/api/auth/register', {
      json: { email, password: PASSWORD, displayName: '  Ada Lovelace  ' },
    });

    expect(res.status).toBe(201);
    expect(res.contentType).toBe('application/json');
    const { id, createdAt } = res.body.user;
    expect(id).toMatch(UUID);
    expect(Math.abs(Date.parse(createdAt) - Date.now())).toBeLessThan(60_000);
    expect(res.body).toEqual({
      user: {
        id,
        email,
        displayName: 'Ada Lovelace',
        bio: '',
        avatarUrl: null,
        languages: [],
        timezone: null,
        teach: [],
        learn: [],
        role: 'user',
        createdAt,
        emailVerified: false,
        pendingEmail: null,
        status: 'active',
        suspension: null,
      },
    });
    expect(res.bytes.toString('utf8')).not.toMatch(/passwordHash|argon2/i);
    expect(res.bytes.toString('utf8')).not.toContain(PASSWORD);
    expect(res.headers.get('x-position')).toMatch(/^\d+$/);

    const session = cookieAttributes(res.setCookies, 'ss_session');
    expect(session).toMatchObject({ httponly: true, samesite: 'Lax', path: '/' });
    expect(Number(session?.['max-age'])).toBeGreaterThan(0);
    // The CSRF cookie must be readable by the app's script, so it is not HttpOnly.
    const csrf = cookieAttributes(res.setCookies, 'ss_csrf');
    expect(csrf).toMatchObject({ samesite: 'Lax', path: '/' });
    expect(csrf?.httponly).toBeUndefined();

    const me = await c.get<Me>('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual(res.body.user);
  });

  it('refuses a second account for the same email in another case with 409', async () => {
    const base = uniqueEmail('Mixed.Case');
    await register(client(), { email: base });

    const res = await client().post('/api/auth/register', {
      json: { email: base.toUpperCase(), password: PASSWORD, displayName: 'Copy Cat' },
    });
    expectProblem(res, 409);

    // The original owner can still sign in; the second attempt left no account behind.
    const login = await client().post<{ user: Me }>('/api/auth/login', {
      json: { email: base, password: PASSWORD },
    });
    expect(login.status).toBe(200);
    expect(login.body.user.displayName).toBe('Ada Example');
  });

  it('answers 400 to a body that is not JSON', async () => {
    const res = await client().post('/api/auth/register', {
      body: '{"email": "x@example.com", ',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(res, 400);
  });

  it('answers 422 listing every missing field', async () => {
    const problem = expectProblem(await client().post('/api/auth/register', { json: {} }), 422);
    expect(errorPaths(problem)).toEqual(['displayName', 'email', 'password']);
    for (const error of problem.errors ?? []) expect(error.message.length).toBeGreaterThan(0);
  });

  it('answers 422 naming the invalid fields', async () => {
    const res = await client().post('/api/auth/register', {
      json: { email: 'not-an-email', password: PASSWORD, displayName: '   ' },
    });
    expect(errorPaths(expectProblem(res, 422))).toEqual(['displayName', 'email']);
  });

  it('answers 422 to a password shorter than 10 characters', async () => {
    const res = await client().post('/api/auth/register', {
      json: { email: uniqueEmail(), password: '123456789', displayName: 'Shorty' },
    });
    const problem = expectProblem(res, 422);
    expect(errorPaths(problem)).toEqual(['password']);
    expect(problem.errors?.[0]?.message).toMatch(/10/);
  });

  it('answers 415 to a JSON body sent as text/plain', async () => {
    const res = await client().post('/api/auth/register', {
      body: JSON.stringify({ email: uniqueEmail(), password: PASSWORD, displayName: 'Plain' }),
      headers: { 'content-type': 'text/plain' },
    });
    expectProblem(res, 415);
  });

  it('answers 413 to a body over 256 KB, and the client can go on right after', async () => {
    const email = uniqueEmail();
    const res = await client().post('/api/auth/register', {
      json: { email, password: PASSWORD, displayName: 'x'.repeat(257 * 1024) },
    });
    expectProblem(res, 413);
    // The body was refused unread, so the server must not offer the connection for reuse.
    expect(res.headers.get('connection')).toBe('close');
    await expectConnectionsUsable();
    expect((await client().post('/api/auth/login', { json: { email, password: PASSWORD } })).status).toBe(
      401,
    );
  });

  it('answers 413 to a chunked body over 256 KB (no length declared), and 201 to one under it', async () => {
    const send = (displayName: string) => {
      const json = JSON.stringify({ email: uniqueEmail(), password: PASSWORD, displayName });
      const bytes = new TextEncoder().encode(json);
      const chunked = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 16 * 1024) controller.enqueue(bytes.slice(i, i + 16 * 1024));
          controller.close();
        },
      });
      return fetch(`${app.url}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: app.url },
        body: chunked,
        duplex: 'half',
      } as RequestInit);
    };
    const huge = await send('x'.repeat(257 * 1024));
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await send('Chunked Chris')).status).toBe(201);
  });
});

describe('sign-in and sign-out', () => {
  it('signs in with the right password (200 Me) and sets a new session cookie', async () => {
    const { email, user } = await register(client());
    const c = client();
    const res = await c.post<{ user: Me }>('/api/auth/login', {
      json: { email: email.toUpperCase(), password: PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ user });
    expect(cookieAttributes(res.setCookies, 'ss_session')).toMatchObject({ httponly: true, samesite: 'Lax' });
    expect((await c.get<Me>('/api/me')).body.id).toBe(user.id);
  });

  it('answers 401 with the same message for a wrong password and an unknown email', async () => {
    const { email } = await register(client());
    const c = client();
    const wrong = expectProblem(
      await c.post('/api/auth/login', { json: { email, password: 'not the password' } }),
      401,
    );
    const unknown = expectProblem(
      await c.post('/api/auth/login', { json: { email: uniqueEmail('nobody'), password: PASSWORD } }),
      401,
    );
    expect(unknown.detail).toBe(wrong.detail);
    expect(c.cookie('ss_session')).toBeUndefined();
  });

  it('answers 401 to GET /api/me when signed out', async () => {
    expectProblem(await client().get('/api/me'), 401);
  });

  it('signs out with 204; the session is gone on the server, not only in the cookie', async () => {
    const c = client();
    await register(c);
    const token = c.cookie('ss_session');
    expect(token).toBeDefined();

    const res = await c.post('/api/auth/logout');
    expect(res.status).toBe(204);
    expect(c.cookie('ss_session')).toBeUndefined();
    expectProblem(await c.get('/api/me'), 401);

    // Replaying the old cookie must not work either.
    const replay = client();
    replay.cookies.set('ss_session', token!);
    expectProblem(await replay.get('/api/me'), 401);
  });
});

describe('PATCH /api/me', () => {
  it('updates display name, bio, languages (deduplicated case-insensitively) and time zone', async () => {
    const c = client();
    const { user } = await register(c);
    const res = await c.patch<Me>('/api/me', {
      json: {
        displayName: 'Grace Hopper',
        bio: '  I teach COBOL.\nLearning Rust.  ',
        languages: ['English', 'english', '  Spanish ', 'SPANISH', 'Japanese', 'ENGLISH'],
        timezone: 'America/New_York',
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ...user,
      displayName: 'Grace Hopper',
      bio: 'I teach COBOL.\nLearning Rust.',
      languages: ['English', 'Spanish', 'Japanese'],
      timezone: 'America/New_York',
    });
    expect((await c.get<Me>('/api/me')).body).toEqual(res.body);
  });

  it('changes only the fields sent', async () => {
    const c = client();
    await register(c);
    await c.patch('/api/me', { json: { bio: 'First bio', timezone: 'Europe/Madrid' } });
    const res = await c.patch<Me>('/api/me', { json: { displayName: 'Renamed' } });
    expect(res.body).toMatchObject({ displayName: 'Renamed', bio: 'First bio', timezone: 'Europe/Madrid' });
  });

  it('accepts a bio of exactly 2,000 characters and refuses 2,001 with 422', async () => {
    const c = client();
    await register(c);
    expect((await c.patch<Me>('/api/me', { json: { bio: 'b'.repeat(2000) } })).body.bio).toHaveLength(2000);
    const problem = expectProblem(await c.patch('/api/me', { json: { bio: 'b'.repeat(2001) } }), 422);
    expect(errorPaths(problem)).toEqual(['bio']);
    expect((await c.get<Me>('/api/me')).body.bio).toHaveLength(2000);
  });

  it('refuses a time zone that is not an IANA name with 422', async () => {
    const c = client();
    await register(c);
    const problem = expectProblem(await c.patch('/api/me', { json: { timezone: 'Mars/Olympus_Mons' } }), 422);
    expect(errorPaths(problem)).toEqual(['timezone']);
    expect((await c.get<Me>('/api/me')).body.timezone).toBeNull();
  });

  it('refuses unknown fields with 422 naming them, so a role or email cannot be smuggled in', async () => {
    const c = client();
    const { email } = await register(c);
    const problem = expectProblem(
      await c.patch('/api/me', {
        json: { displayName: 'Sneaky', role: 'admin', email: 'other@example.com' },
      }),
      422,
    );
    expect(errorPaths(problem)).toEqual(['email', 'role']);
    const me = (await c.get<Me>('/api/me')).body;
    expect(me).toMatchObject({ role: 'user', email, displayName: 'Ada Example' });
  });

  it('answers 401 when signed out', async () => {
    expectProblem(await client().patch('/api/me', { json: { bio: 'hi' } }), 401);
  });
});

describe('PUT /api/me/skills', () => {
  it('trims names, merges duplicates case-insensitively (first spelling, highest level) and fills default levels', async () => {
    const c = client();
    await register(c);
    const res = await c.put<Me>('/api/me/skills', {
      json: {
        teach: [
          { name: '  Guitar ', level: 'beginner' },
          { name: 'Cooking' },
          { name: 'GUITAR', level: 'advanced' },
          { name: 'guitar', level: 'intermediate' },
          { name: 'Rock   climbing', level: 'expert' },
        ],
        learn: [{ name: 'Japanese' }, { name: ' japanese', level: 'intermediate' }, { name: 'Chess' }],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.teach).toEqual([
      { name: 'Guitar', level: 'advanced' },
      { name: 'Cooking', level: 'intermediate' },
      { name: 'Rock climbing', level: 'expert' },
    ]);
    expect(res.body.learn).toEqual([
      { name: 'Japanese', level: 'intermediate' },
      { name: 'Chess', level: 'beginner' },
    ]);
    const me = (await c.get<Me>('/api/me')).body;
    expect({ teach: me.teach, learn: me.learn }).toEqual({ teach: res.body.teach, learn: res.body.learn });
  });

  it('refuses more than 30 skills in a list with 422', async () => {
    const c = client();
    await register(c);
    const teach = Array.from({ length: 31 }, (_, i) => ({ name: `Skill ${i}` }));
    const problem = expectProblem(await c.put('/api/me/skills', { json: { teach, learn: [] } }), 422);
    expect(errorPaths(problem)).toEqual(['teach']);
    // 30 is fine.
    const ok = await c.put<Me>('/api/me/skills', { json: { teach: teach.slice(0, 30), learn: [] } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.teach).toHaveLength(30);
  });

  it('refuses a name over 60 characters, or an empty one, with 422 at its index', async () => {
    const c = client();
    await register(c);
    const long = expectProblem(
      await c.put('/api/me/skills', {
        json: { teach: [], learn: [{ name: 'Ok' }, { name: 'x'.repeat(61) }] },
      }),
      422,
    );
    expect(errorPaths(long)).toEqual(['learn.1.name']);
    const blank = expectProblem(
      await c.put('/api/me/skills', { json: { teach: [{ name: '   ' }], learn: [] } }),
      422,
    );
    expect(errorPaths(blank)).toEqual(['teach.0.name']);
    const level = expectProblem(
      await c.put('/api/me/skills', { json: { teach: [{ name: 'Go', level: 'guru' }], learn: [] } }),
      422,
    );
    expect(errorPaths(level)).toEqual(['teach.0.level']);
    expect((await c.get<Me>('/api/me')).body.teach).toEqual([]);
  });
});

describe('PUT /api/me/avatar', () => {
  const avatarFiles = () => readdirSync(path.join(app.dataDir, 'avatars')).sort();

  it('stores a real PNG, serves the same bytes immutably, and leaves nothing behind when uploads fail', async () => {
    const c = client();
    await register(c);
    const png = onePixelPng([0x12, 0x34, 0x56, 0xff]);

    const res = await c.put<{ avatarUrl: string }>('/api/me/avatar', {
      body: png,
      headers: { 'content-type': 'image/png' },
    });
    expect(res.status).toBe(200);
    const { avatarUrl } = res.body;
    expect(Object.keys(res.body)).toEqual(['avatarUrl']);
    expect(avatarUrl).toBe(`/media/avatars/${createHash('sha256').update(png).digest('hex')}.png`);
    expect((await c.get<Me>('/api/me')).body.avatarUrl).toBe(avatarUrl);

    const image = await client().get(avatarUrl);
    expect(image.status).toBe(200);
    expect(image.contentType).toBe('image/png');
    expect(image.headers.get('cache-control')).toContain('immutable');
    expect(image.bytes.equals(png)).toBe(true);

    const filesBefore = avatarFiles();
    expect(filesBefore).toContain(path.basename(avatarUrl));

    const notPng = Buffer.concat([Buffer.from('this is not a picture at all'), Buffer.alloc(64)]);
    expectProblem(
      await c.put('/api/me/avatar', { body: notPng, headers: { 'content-type': 'image/png' } }),
      415,
    );
    expectProblem(
      await c.put('/api/me/avatar', { body: onePixelGif(), headers: { 'content-type': 'image/gif' } }),
      415,
    );
    // A real PNG mislabelled as JPEG is refused too: the declared type must match the bytes.
    expectProblem(
      await c.put('/api/me/avatar', { body: png, headers: { 'content-type': 'image/jpeg' } }),
      415,
    );
    const huge = Buffer.concat([onePixelPng([1, 2, 3, 255]), Buffer.alloc(2 * 1024 * 1024)]);
    const tooLarge = await c.put('/api/me/avatar', { body: huge, headers: { 'content-type': 'image/png' } });
    expectProblem(tooLarge, 413);
    expect(tooLarge.headers.get('connection')).toBe('close');
    await expectConnectionsUsable();

    expect((await c.get<Me>('/api/me')).body.avatarUrl).toBe(avatarUrl);
    expect(avatarFiles()).toEqual(filesBefore);
    expect(avatarFiles().filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('answers 401 when signed out and stores nothing', async () => {
    const png = onePixelPng([9, 9, 9, 255]);
    expectProblem(
      await client().put('/api/me/avatar', { body: png, headers: { 'content-type': 'image/png' } }),
      401,
    );
    const name = `${createHash('sha256').update(png).digest('hex')}.png`;
    expect(existsSync(path.join(app.dataDir, 'avatars', name))).toBe(false);
  });
});

describe('POST /api/me/password', () => {
  it('checks the current password, then signs out other sessions but keeps this one', async () => {
    const laptop = client();
    const { email } = await register(laptop);
    const phone = client();
    expect((await phone.post('/api/auth/login', { json: { email, password: PASSWORD } })).status).toBe(200);
    const newPassword = 'a much better passphrase';

    expectProblem(
      await laptop.post('/api/me/password', { json: { currentPassword: 'not my password', newPassword } }),
      403,
    );
    const short = expectProblem(
      await laptop.post('/api/me/password', { json: { currentPassword: PASSWORD, newPassword: 'short' } }),
      422,
    );
    expect(errorPaths(short)).toEqual(['newPassword']);
    // Failed attempts change nothing: both devices are still signed in.
    expect((await phone.get('/api/me')).status).toBe(200);

    const res = await laptop.post('/api/me/password', { json: { currentPassword: PASSWORD, newPassword } });
    expect(res.status).toBe(204);

    expect((await laptop.get<Me>('/api/me')).status).toBe(200);
    expectProblem(await phone.get('/api/me'), 401);
    expectProblem(await client().post('/api/auth/login', { json: { email, password: PASSWORD } }), 401);
    expect((await client().post('/api/auth/login', { json: { email, password: newPassword } })).status).toBe(
      200,
    );
  });

  it('answers 401 when signed out', async () => {
    const res = await client().post('/api/me/password', {
      json: { currentPassword: PASSWORD, newPassword: PASSWORD },
    });
    expectProblem(res, 401);
  });
});

describe('GET /api/users/:id', () => {
  it('shows the public profile without the email, with an empty reputation', async () => {
    const { user, position } = await register(client(), { displayName: 'Public Person' });
    const res = await client().get<PublicProfile>(`/api/users/${user.id}`, {
      headers: { 'x-min-position': position! },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: user.id,
      displayName: 'Public Person',
      bio: '',
      avatarUrl: null,
      languages: [],
      timezone: null,
      teach: [],
      learn: [],
      reputation: {
        rating: null,
        reviews: 0,
        averageRating: null,
        sessionsHosted: 0,
        studentsTaught: 0,
        badges: [],
      },
    });
    expect(res.bytes.toString('utf8')).not.toContain(user.email);
  });

  it('answers 404 for an unknown id and 422 for an id that is not a UUID', async () => {
    expectProblem(await client().get(`/api/users/${randomUUID()}`), 404);
    const problem = expectProblem(await client().get('/api/users/not-a-uuid'), 422);
    expect(errorPaths(problem)).toEqual(['id']);
  });
});

describe('read-your-writes', () => {
  it('a command returns X-Position and a read with X-Min-Position sees the write', async () => {
    const c = client();
    const { user } = await register(c);
    const patch = await c.patch<Me>('/api/me', {
      json: { displayName: 'Fresh Name', languages: ['Basque'] },
    });
    const position = patch.headers.get('x-position');
    expect(position).toMatch(/^\d+$/);

    const read = await client().get<PublicProfile>(`/api/users/${user.id}`, {
      headers: { 'x-min-position': position! },
    });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ displayName: 'Fresh Name', languages: ['Basque'] });

    // The author sees their own write without the header.
    const skills = await c.put('/api/me/skills', {
      json: { teach: [{ name: 'Knitting', level: 'expert' }], learn: [] },
    });
    expect(Number(skills.headers.get('x-position'))).toBeGreaterThan(Number(position));
    const own = await c.get<PublicProfile>(`/api/users/${user.id}`);
    expect(own.body.teach).toEqual([{ name: 'Knitting', level: 'expert' }]);
  });

  it('a command that changes nothing returns no X-Position', async () => {
    const c = client();
    await register(c);
    await c.patch('/api/me', { json: { bio: 'Same' } });
    const again = await c.patch<Me>('/api/me', { json: { bio: 'Same' } });
    expect(again.status).toBe(200);
    expect(again.headers.get('x-position')).toBeNull();
  });

  it('answers 400 to an X-Min-Position that is not a number', async () => {
    const { user } = await register(client());
    expectProblem(await client().get(`/api/users/${user.id}`, { headers: { 'x-min-position': 'abc' } }), 400);
  });

  it('answers 422 to an X-Min-Position past the newest write, instead of waiting for it', async () => {
    const { user } = await register(client());
    const head = await app.platform.deps.store.headPosition();
    const problem = expectProblem(
      await client().get(`/api/users/${user.id}`, { headers: { 'x-min-position': String(head + 1_000) } }),
      422,
    );
    expect(errorPaths(problem)).toEqual(['X-Min-Position']);
    expect(problem.detail).toContain(`past the newest write (${head})`);
  });

  it('forgets a remembered position past the newest write (a database restored since) instead of waiting 5 s', async () => {
    const c = client();
    const { user } = await register(c);
    const head = await app.platform.deps.store.headPosition();
    c.cookies.set('ss_pos', String(head + 1_000));
    // Far under the 5 s a wait for a position that never comes would take; no speed is measured here.
    const stalled = new Promise<'stalled'>((resolve) => setTimeout(() => resolve('stalled'), 3_000).unref());
    const read = await Promise.race([c.get<PublicProfile>(`/api/users/${user.id}`), stalled]);
    expect(read).not.toBe('stalled');
    expect(read !== 'stalled' && read.status).toBe(200);
    const write = await Promise.race([c.patch('/api/me', { json: { bio: 'Still here' } }), stalled]);
    expect(write !== 'stalled' && write.status).toBe(200);
  });
});

describe('CSRF protection', () => {
  it('refuses a request from another origin with 403, even with a JSON body', async () => {
    const c = client();
    await register(c);
    const res = await c.patch('/api/me', {
      json: { displayName: 'Evil' },
      headers: { origin: 'http://evil.example' },
    });
    expectProblem(res, 403);
    const crossSite = await c.patch('/api/me', {
      json: { displayName: 'Evil' },
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expectProblem(crossSite, 403);
    expectProblem(
      await client().post('/api/auth/login', {
        json: { email: uniqueEmail(), password: PASSWORD },
        headers: { origin: 'http://evil.example' },
      }),
      403,
    );
    expect((await c.get<Me>('/api/me')).body.displayName).toBe('Ada Example');
  });

  it('accepts a same-origin browser JSON request without a token', async () => {
    const c = client();
    await register(c);
    const res = await c.patch<Me>('/api/me', {
      json: { displayName: 'Same Origin' },
      headers: { origin: new URL(app.url).origin, 'sec-fetch-site': 'same-origin' },
    });
    expect(res.status).toBe(200);
    expect(res.body.displayName).toBe('Same Origin');
  });

  it('requires X-CSRF-Token for a browser request without a JSON body', async () => {
    const c = client();
    await register(c);
    const browser = { 'sec-fetch-site': 'same-origin' };

    expectProblem(await c.post('/api/auth/logout', { headers: browser }), 403);
    expectProblem(
      await c.post('/api/auth/logout', { headers: { ...browser, 'x-csrf-token': 'forged' } }),
      403,
    );
    expect((await c.get('/api/me')).status).toBe(200);

    const token = c.cookie('ss_csrf');
    expect(token).toBeDefined();
    const res = await c.post('/api/auth/logout', { headers: { ...browser, 'x-csrf-token': token! } });
    expect(res.status).toBe(204);
    expectProblem(await c.get('/api/me'), 401);
  });

  it('applies to avatar uploads: a browser must send the token', async () => {
    const c = client();
    await register(c);
    const png = onePixelPng([7, 7, 7, 255]);
    const headers = { 'content-type': 'image/png', 'sec-fetch-site': 'same-origin' };
    expectProblem(await c.put('/api/me/avatar', { body: png, headers }), 403);
    expect((await c.get<Me>('/api/me')).body.avatarUrl).toBeNull();
    const ok = await c.put('/api/me/avatar', {
      body: png,
      headers: { ...headers, 'x-csrf-token': c.cookie('ss_csrf')! },
    });
    expect(ok.status).toBe(200);
  });
});

describe('discovery and errors', () => {
  it('serves an OpenAPI 3.1 document listing the identity routes', async () => {
    const res = await client().get<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
      '/api/openapi.json',
    );
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/register',
        '/api/auth/login',
        '/api/me',
        '/api/me/skills',
        '/api/users/{id}',
      ]),
    );
    expect(Object.keys(res.body.paths['/api/me'] ?? {})).toEqual(expect.arrayContaining(['get', 'patch']));
  });

  it('answers 404 problem+json for an unknown API path', async () => {
    expectProblem(await client().get('/api/does-not-exist'), 404);
    expectProblem(await client().post('/api/does-not-exist', { json: {} }), 404);
  });

  it('reports health', async () => {
    const res = await client().get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });
});

describe('events', () => {
  it('carry who, when and where, and never the plain password', async () => {
    const c = client();
    const password = `secret-${randomUUID()}`;
    const { user } = await register(c, { password });
    const newPassword = `secret-${randomUUID()}`;
    expect(
      (await c.post('/api/me/password', { json: { currentPassword: password, newPassword } })).status,
    ).toBe(204);
    const patch = await c.patch('/api/me', {
      json: { bio: 'Audited' },
      headers: { 'x-request-id': 'req-identity-test-1' },
    });
    expect(patch.headers.get('x-request-id')).toBe('req-identity-test-1');

    const events = await app.platform.deps.store.readStream(`user-${user.id}`);
    expect(events.map((e) => e.type)).toEqual([
      'UserRegistered',
      'EmailVerificationRequested',
      'PasswordChanged',
      'ProfileUpdated',
    ]);
    const updated = events[3]!;
    expect(updated.data).toEqual({ userId: user.id, bio: 'Audited' });
    expect(updated.metadata).toMatchObject({
      actorId: user.id,
      actorRole: 'user',
      correlationId: 'req-identity-test-1',
      causationId: null,
      userAgent: USER_AGENT,
    });
    expect(updated.metadata.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    expect(Math.abs(Date.parse(updated.metadata.occurredAt) - Date.now())).toBeLessThan(60_000);
    expect(events[0]!.metadata).toMatchObject({ actorId: user.id, actorRole: 'user' });

    const everything = JSON.stringify(await app.platform.deps.store.readAll());
    expect(everything).toContain(user.id);
    expect(everything).not.toContain(password);
    expect(everything).not.toContain(newPassword);
  });
});

describe('rate limits', () => {
  let limited: TestApp;
  let account: { email: string };
  beforeAll(async () => {
    limited = await startTestApp({ RATE_LIMIT_LOGIN_PER_MINUTE: '3', RATE_LIMIT_REGISTER_PER_HOUR: '3' });
    // Sign-up 1 of the 3 this address gets per hour.
    account = await register(client(limited.url));
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('allows 3 sign-ups per hour from one address, then 429 with Retry-After', async () => {
    for (const label of ['r2', 'r3']) {
      const res = await client(limited.url).post('/api/auth/register', {
        json: { email: uniqueEmail(label), password: PASSWORD, displayName: 'R' },
      });
      expect(res.status).toBe(201);
    }
    const res = await client(limited.url).post('/api/auth/register', {
      json: { email: uniqueEmail('r4'), password: PASSWORD, displayName: 'R' },
    });
    expectProblem(res, 429);
    const retryAfter = res.headers.get('retry-after');
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThan(3000); // the window is an hour and has just begun
    expect(Number(retryAfter)).toBeLessThanOrEqual(3600);
  });

  it('allows 3 sign-in attempts per minute for an email, then 429 with Retry-After even with the right password', async () => {
    const c = client(limited.url);
    for (let i = 0; i < 3; i++) {
      expectProblem(
        await c.post('/api/auth/login', { json: { email: account.email, password: `guess number ${i}` } }),
        401,
      );
    }
    const res = await c.post('/api/auth/login', { json: { email: account.email, password: PASSWORD } });
    expectProblem(res, 429);
    expect(c.cookie('ss_session')).toBeUndefined();
    const retryAfter = res.headers.get('retry-after');
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);

    // Another email from the same address is counted on its own.
    const other = await c.post('/api/auth/login', {
      json: { email: uniqueEmail('other'), password: PASSWORD },
    });
    expectProblem(other, 401);
  });
});

// Last: it stops the shared server and continues on the restarted one.
describe('restart', () => {
  it('keeps sessions and profiles across a restart on the same data', async () => {
    const c = client();
    const { user, email } = await register(c, { displayName: 'Persistent Pat' });
    await c.patch('/api/me', {
      json: { bio: 'Still here', languages: ['Welsh'], timezone: 'Europe/London' },
    });
    await c.put('/api/me/skills', {
      json: { teach: [{ name: 'Harp', level: 'expert' }], learn: [{ name: 'Rugby' }] },
    });
    const before = (await c.get<Me>('/api/me')).body;

    await app.stop();
    const again = await app.restart();
    app = again; // afterAll closes the running instance (and removes the data)

    const after = c.at(again.url);
    const me = await after.get<Me>('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual(before);
    expect(me.body).toMatchObject({ email, bio: 'Still here', teach: [{ name: 'Harp', level: 'expert' }] });

    const profile = await client(again.url).get<PublicProfile>(`/api/users/${user.id}`);
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({
      displayName: 'Persistent Pat',
      bio: 'Still here',
      languages: ['Welsh'],
      timezone: 'Europe/London',
      teach: [{ name: 'Harp', level: 'expert' }],
      learn: [{ name: 'Rugby', level: 'beginner' }],
    });

    // The old password still signs in, and new writes work.
    expect(
      (await client(again.url).post('/api/auth/login', { json: { email, password: PASSWORD } })).status,
    ).toBe(200);
    expect((await after.patch<Me>('/api/me', { json: { bio: 'After restart' } })).body.bio).toBe(
      'After restart',
    );
  });
});
