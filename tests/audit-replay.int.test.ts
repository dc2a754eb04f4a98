import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser, userAggregate } from '../src/features/identity/index.ts';
import { userStream } from '../src/features/identity/events.ts';
import { systemMetadata } from './support/events.ts';
import { HttpClient } from './support/http-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp, type SignedInUser } from './support/users.ts';

interface AuditEvent {
  revision: number;
  position: number;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  createdAt: string;
  stream?: string;
}
interface Change {
  path: string;
  kind: string;
  before?: unknown;
  after?: unknown;
}
interface StateAnswer {
  revision: number;
  state: Record<string, unknown>;
  current: { revision: number; state: Record<string, unknown> };
  changesSince: Change[];
  readModel: {
    table: string;
    found: boolean;
    fields: { path: string; column: string; state: unknown; row: unknown; same: boolean }[];
  } | null;
}

let app: TestApp;
let admin: HttpClient;
let ana: SignedInUser;

beforeAll(async () => {
  app = await startTestApp();
  const email = `root-${randomUUID()}@example.com`;
  await registerUser(
    app.platform.deps,
    { email, password: 'root password 123', displayName: 'Root', role: 'admin' },
    systemMetadata(),
  );
  admin = new HttpClient(app.url);
  expect(
    (await admin.post('/api/auth/login', { json: { email, password: 'root password 123' } })).status,
  ).toBe(200);
  ana = await signUp(app.url, 'Ana');
  expect((await ana.client.patch('/api/me', { json: { bio: 'Guitar teacher' } })).status).toBe(200);
  expect(
    (await ana.client.patch('/api/me', { json: { displayName: 'Ana M.', timezone: 'Europe/Madrid' } }))
      .status,
  ).toBe(200);
});
afterAll(async () => app?.close());

const stream = () => userStream(ana.id);
const enc = encodeURIComponent;

describe('who may replay', () => {
  it('answers 401 signed out and 403 to people without the admin role', async () => {
    const paths = [
      '/api/admin/streams',
      `/api/admin/streams/${enc(stream())}/events`,
      `/api/admin/streams/${enc(stream())}/state`,
      '/api/admin/events',
    ];
    for (const path of paths) {
      expect((await new HttpClient(app.url).get(path)).status).toBe(401);
      const refused = await ana.client.get(path);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});

describe('stream browser', () => {
  it('lists streams by prefix in name order, paged by cursor', async () => {
    const first = await admin.get<{ streams: { name: string; revision: number }[]; nextCursor: string }>(
      '/api/admin/streams?prefix=user-&limit=1',
    );
    expect(first.status).toBe(200);
    expect(first.body.streams).toHaveLength(1);
    expect(first.body.streams[0]!.name.startsWith('user-')).toBe(true);
    const all = await admin.get<{ streams: { name: string; revision: number }[] }>(
      '/api/admin/streams?prefix=user-&limit=200',
    );
    const names = all.body.streams.map((s) => s.name);
    expect(names).toEqual([...names].sort());
    expect(all.body.streams.find((s) => s.name === stream())?.revision).toBeGreaterThanOrEqual(2);
    const second = await admin.get<{ streams: { name: string }[] }>(
      `/api/admin/streams?prefix=user-&limit=1&cursor=${enc(first.body.nextCursor)}`,
    );
    expect(second.body.streams[0]!.name).toBe(names[1]);
  });

  it("pages through one stream's events with data and metadata", async () => {
    const page = await admin.get<{ events: AuditEvent[]; nextRevision: number | null }>(
      `/api/admin/streams/${enc(stream())}/events?limit=2`,
    );
    expect(page.status).toBe(200);
    expect(page.body.events.map((e) => e.revision)).toEqual([0, 1]);
    expect(page.body.events[0]!.type).toBe('UserRegistered');
    expect(page.body.events[1]!.metadata).toMatchObject({
      actorId: ana.id,
      userAgent: 'skillswap-tests/1.0',
    });
    expect(page.body.nextRevision).toBe(2);
    const rest = await admin.get<{ events: AuditEvent[]; nextRevision: number | null }>(
      `/api/admin/streams/${enc(stream())}/events?fromRevision=2`,
    );
    expect(rest.body.events[0]!.revision).toBe(2);
    expect(rest.body.nextRevision).toBeNull();
  });

  it('answers 404 for a stream that does not exist and 422 for bad paging', async () => {
    expect((await admin.get(`/api/admin/streams/${enc(`user-${randomUUID()}`)}/events`)).status).toBe(404);
    expect((await admin.get(`/api/admin/streams/${enc(stream())}/events?limit=0`)).status).toBe(422);
    expect((await admin.get(`/api/admin/streams/${enc(stream())}/events?fromRevision=-1`)).status).toBe(422);
  });
});

describe('time travel', () => {
  it("folds the stream to each revision with the feature's own evolve and names what changed since", async () => {
    const events = await app.platform.deps.store.readStream(stream());
    const latest = events.at(-1)!.revision;
    for (let revision = 0; revision <= latest; revision++) {
      // The same fold, done here from the first revision + 1 events.
      let expected: unknown = userAggregate.initial;
      for (const event of events.slice(0, revision + 1))
        expected = userAggregate.evolve(
          expected as typeof userAggregate.initial,
          userAggregate.registry.decode(event),
        );
      const answer = await admin.get<StateAnswer>(
        `/api/admin/streams/${enc(stream())}/state?revision=${revision}`,
      );
      expect(answer.status).toBe(200);
      expect(answer.body.revision).toBe(revision);
      expect(answer.body.state).toEqual(JSON.parse(JSON.stringify(expected)));
      expect(answer.body.current.revision).toBe(latest);
    }

    // After registering (revision 0): the bio, then the name and the time zone changed.
    const atRegistration = await admin.get<StateAnswer>(
      `/api/admin/streams/${enc(stream())}/state?revision=0`,
    );
    // (Sign-up also mails a verification link, a later event of the same stream.)
    expect(atRegistration.body.changesSince.map((c) => c.path).sort()).toEqual([
      'profile.bio',
      'profile.displayName',
      'profile.timezone',
      'verification',
    ]);
    expect(atRegistration.body.changesSince.find((c) => c.path === 'profile.bio')).toMatchObject({
      kind: 'changed',
      after: 'Guitar teacher',
    });
    // Against the read model's row: the state then differs from it exactly where it changed since.
    await app.platform.deps.projections.catchUp();
    expect(atRegistration.body.readModel).toMatchObject({ table: 'users', found: true });
    const differs = atRegistration.body.readModel!.fields.filter((f) => !f.same).map((f) => f.column);
    expect(differs.sort()).toEqual(['bio', 'display_name', 'timezone']);
    const now = await admin.get<StateAnswer>(`/api/admin/streams/${enc(stream())}/state`);
    expect(now.body.revision).toBe(latest);
    expect(now.body.changesSince).toEqual([]);
    expect(now.body.readModel!.fields.filter((f) => !f.same)).toEqual([]);
    expect(now.body.readModel!.fields.map((f) => f.column)).toEqual(
      expect.arrayContaining(['id', 'email', 'display_name', 'bio', 'timezone', 'role', 'status']),
    );
  });

  it('answers 422 for a revision not written yet or a category without an aggregate, 404 for no stream', async () => {
    const beyond = await admin.get(`/api/admin/streams/${enc(stream())}/state?revision=999`);
    expect(beyond.status).toBe(422);
    const noAggregate = await admin.get<{ detail: string }>(`/api/admin/streams/ydoc-wall/state`);
    expect(noAggregate.status).toBe(422);
    expect(noAggregate.body.detail).toContain('user');
    expect((await admin.get(`/api/admin/streams/${enc(`user-${randomUUID()}`)}/state`)).status).toBe(404);
  });
});

describe('global log search', () => {
  it('finds the whole chain of events one request caused by its correlation id', async () => {
    const res = await ana.client.patch('/api/me', {
      json: { bio: 'Guitar and Spanish' },
      headers: { 'x-request-id': `audit-${randomUUID()}` },
    });
    expect(res.status).toBe(200);
    const correlationId = res.headers.get('x-request-id')!;
    const found = await admin.get<{ events: AuditEvent[] }>(
      `/api/admin/events?correlationId=${correlationId}`,
    );
    expect(found.status).toBe(200);
    expect(found.body.events.length).toBeGreaterThan(0);
    for (const event of found.body.events) expect(event.metadata.correlationId).toBe(correlationId);
    expect(found.body.events.map((e) => e.stream)).toContain(stream());
  });

  it('filters by actor and type, oldest first, paged by cursor, within a time range', async () => {
    const mine = await admin.get<{ events: AuditEvent[]; nextCursor: string | null }>(
      `/api/admin/events?actorId=${ana.id}&type=ProfileUpdated,UserRegistered&limit=2`,
    );
    expect(mine.status).toBe(200);
    expect(mine.body.events.map((e) => e.type)).toEqual(['UserRegistered', 'ProfileUpdated']);
    const positions = mine.body.events.map((e) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const next = await admin.get<{ events: AuditEvent[] }>(
      `/api/admin/events?actorId=${ana.id}&type=ProfileUpdated&cursor=${mine.body.nextCursor}`,
    );
    expect(next.body.events.every((e) => e.position > positions[1]!)).toBe(true);
    expect(next.body.events.length).toBeGreaterThan(0);

    const future = new Date(Date.now() + 3_600_000).toISOString();
    const none = await admin.get<{ events: AuditEvent[] }>(
      `/api/admin/events?actorId=${ana.id}&from=${future}`,
    );
    expect(none.body.events).toEqual([]);
  });

  it('answers 422 naming the field for a bad actor id, time, range or cursor', async () => {
    for (const query of [
      'actorId=nope',
      'from=yesterday',
      'from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z',
      'cursor=x',
    ]) {
      const res = await admin.get<{ errors: { path: string }[] }>(`/api/admin/events?${query}`);
      expect(res.status, query).toBe(422);
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
  });
});
