import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { expect } from 'vitest';
import { HttpClient, type ApiResponse, type Problem, type RequestOptions } from './http-client.ts';
import { SESSION_COOKIE } from '../../src/platform/http/auth.ts';
import { createSession as createSignIn } from '../../src/platform/http/sessions.ts';
import type { TestClock } from './clock.ts';
import type { TestApp } from './test-app.ts';
import { userEventsFor } from './user-commands.ts';

/** `Session` of docs/api.md, as the tests read it. */
export interface SessionBody {
  id: string;
  host: { id: string; displayName: string };
  title: string;
  description: string | null;
  skill: string;
  level: string;
  prerequisites: string[];
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  capacity: number;
  registered: number;
  waitlisted: number;
  status: 'scheduled' | 'cancelled' | 'ended';
  myRegistration: 'registered' | 'waitlisted' | null;
  waitlistPosition: number | null;
  meetingUrl: string | null;
  createdAt: string;
}

/**
 * A browser that also reads what anyone just wrote: every GET carries the latest X-Position any client of
 * the same world received (docs/api.md, read-your-writes), as a client told by a live frame would.
 */
export class World {
  latestPosition = 0;
  constructor(readonly baseUrl: string) {}

  client(baseUrl = this.baseUrl, cookies?: Map<string, string>): HttpClient {
    return new WorldClient(this, baseUrl, cookies);
  }

  async person(displayName: string): Promise<Person> {
    const client = this.client();
    const res = await client.post<{ user: { id: string } }>('/api/auth/register', {
      json: { email: `${randomUUID()}@example.com`, password: 'correct horse battery', displayName },
    });
    expect(res.status).toBe(201);
    return { id: res.body.user.id, displayName, client };
  }
}

class WorldClient extends HttpClient {
  constructor(
    private readonly world: World,
    baseUrl: string,
    cookies?: Map<string, string>,
  ) {
    super(baseUrl, cookies);
  }

  override at(url: string): HttpClient {
    return new WorldClient(this.world, url, this.cookies);
  }

  override async request<T = unknown>(method: string, path: string, options: RequestOptions = {}) {
    const headers = { ...options.headers };
    if (method === 'GET' && this.world.latestPosition > 0)
      headers['x-min-position'] ??= String(this.world.latestPosition);
    const res = await super.request<T>(method, path, { ...options, headers });
    const position = Number(res.headers.get('x-position') ?? 0);
    this.world.latestPosition = Math.max(this.world.latestPosition, position);
    return res;
  }
}

export interface Person {
  id: string;
  displayName: string;
  client: HttpClient;
}

/** Creation fields of a valid session starting `inHours` after the clock's now. */
export function sessionFields(clock: TestClock, overrides: Record<string, unknown> = {}, inHours = 48) {
  return {
    title: 'Fingerstyle guitar for beginners',
    description: 'Bring a guitar; we start with the thumb.',
    skill: 'Guitar',
    level: 'beginner',
    prerequisites: ['Own a guitar'],
    startsAt: new Date(clock.now().getTime() + inHours * 3_600_000).toISOString(),
    durationMinutes: 60,
    capacity: 10,
    meetingUrl: 'https://meet.example.com/guitar',
    ...overrides,
  };
}

export async function createSession(
  host: Person,
  clock: TestClock,
  overrides: Record<string, unknown> = {},
  inHours = 48,
): Promise<SessionBody> {
  const res = await host.client.post<SessionBody>('/api/sessions', {
    json: sessionFields(clock, overrides, inHours),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Asserts a problem+json answer with this status, and returns it. */
export function expectProblem(res: ApiResponse, status: number): Problem {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.contentType).toBe('application/problem+json');
  const problem = res.body as Problem;
  expect(problem.status).toBe(status);
  expect(problem.detail.length).toBeGreaterThan(0);
  return problem;
}

/** The fields a 422 names. */
export const invalidFields = (res: ApiResponse) => expectProblem(res, 422).errors?.map((e) => e.path) ?? [];

/**
 * `n` signed-in people made without the password hash's cost (events through the identity decider, a
 * sign-in row): for crowds, where hashing 200 passwords would dominate the test.
 */
export async function crowd(app: TestApp, world: World, n: number, name = 'Crowd'): Promise<Person[]> {
  const deps = app.platform.deps;
  const people: Person[] = [];
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    const displayName = `${name} ${i + 1}`;
    await userEventsFor(deps.store, id, [
      {
        type: 'RegisterUser',
        userId: id,
        email: `${id}@example.com`,
        displayName,
        passwordHash: 'x',
        role: 'user',
      },
    ]);
    const signIn = await createSignIn(deps, id, await deps.store.headPosition(), {});
    const client = world.client();
    client.cookies.set(SESSION_COOKIE, signIn.token);
    people.push({ id, displayName, client });
  }
  await deps.projections.catchUp();
  return people;
}

/**
 * A POST on a connection of its own (no keep-alive pool). A crowd sent through `fetch` right after a pause
 * can reuse pooled sockets the server is closing at that moment (its 5 s keep-alive), and those requests
 * fail with ECONNRESET before the app sees them; this keeps a crowd test about the app.
 */
export function postOnFreshConnection(
  baseUrl: string,
  path: string,
  cookies: Map<string, string>,
): Promise<{ status: number; contentType: string; body: unknown; position: number }> {
  const cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(path, baseUrl),
      { method: 'POST', agent: false, headers: { cookie } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const contentType = (res.headers['content-type'] ?? '').split(';')[0]!.trim();
          resolve({
            status: res.statusCode ?? 0,
            contentType,
            body: text ? (JSON.parse(text) as unknown) : undefined,
            position: Number(res.headers['x-position'] ?? 0),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}
