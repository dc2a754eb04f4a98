import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from './support/http-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp, type SignedInUser } from './support/users.ts';

// One command per feature, raced. On the Postgres server the requests alternate between two app
// processes on one database, so races are lost across processes too (PGlite allows one process).
// Whatever the interleaving: no 5xx, and every refusal is problem+json.
const SECRET = 'races-test-session-secret-0123456789abcdef';
let first: TestApp;
let second: TestApp | undefined;
let secondDir: string | undefined;

beforeAll(async () => {
  first = await startTestApp({ SESSION_SECRET: SECRET });
  const databaseUrl = first.platform.config.databaseUrl;
  if (databaseUrl) {
    secondDir = mkdtempSync(path.join(tmpdir(), 'skillswap-race-'));
    second = await startTestApp({ SESSION_SECRET: SECRET }, { dataDir: secondDir, databaseUrl });
  }
});

afterAll(async () => {
  await second?.stop();
  if (secondDir) rmSync(secondDir, { recursive: true, force: true });
  await first.close();
});

/** The i-th request's client: alternating processes when there are two. */
const via = (user: SignedInUser, i: number) => (second && i % 2 ? user.client.at(second.url) : user.client);

function expectNo5xx(responses: ApiResponse[]) {
  for (const res of responses) {
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
    if (res.status >= 400) expect(res.contentType).toContain('application/problem+json');
  }
}

describe('racing one command per feature', () => {
  it('profile: 20 concurrent PATCH /api/me by one person all succeed', async () => {
    const me = await signUp(first.url, 'Racer');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => via(me, i).patch('/api/me', { json: { bio: `bio ${i}` } })),
    );
    expectNo5xx(answers);
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
  });

  it('skills: 20 concurrent PUT /api/me/skills all succeed', async () => {
    const me = await signUp(first.url, 'Skilled');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        via(me, i).put('/api/me/skills', { json: { teach: [{ name: `Skill ${i}` }], learn: [] } }),
      ),
    );
    expectNo5xx(answers);
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
  });

  it('groups: an admin adding 50 people at once adds all 50', { timeout: 240_000 }, async () => {
    const admin = await signUp(first.url, 'Admin');
    const people = await Promise.all(Array.from({ length: 50 }, (_, i) => signUp(first.url, `Member ${i}`)));
    const created = await admin.client.post<{ id: string }>('/api/groups', { json: { name: 'Racing club' } });
    expect(created.status).toBe(201);
    const answers = await Promise.all(
      people.map((p, i) =>
        via(admin, i).post(`/api/groups/${created.body.id}/members`, { json: { userId: p.id } }),
      ),
    );
    expectNo5xx(answers);
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(204));
    const group = await admin.client.get<{ members: unknown[] }>(`/api/groups/${created.body.id}`);
    expect(group.body.members).toHaveLength(51);
  });

  it('connections: an acceptance racing a withdrawal leaves them unconnected either way', async () => {
    for (let round = 0; round < 5; round++) {
      const [asker, answerer] = await Promise.all([
        signUp(first.url, 'Asker'),
        signUp(first.url, 'Answerer'),
      ]);
      const request = await asker.client.post<{ id: string }>('/api/connections', {
        json: { userId: answerer.id },
      });
      expect(request.status).toBe(201);
      const id = request.body.id;
      const [accepted, withdrawn] = await Promise.all([
        via(answerer, 0).post(`/api/connections/${id}/accept`),
        via(asker, 1).request('DELETE', `/api/connections/${id}`),
      ]);
      expectNo5xx([accepted, withdrawn]);
      // Withdrawn first: the acceptance is too late (409). Accepted first: the DELETE ends the connection.
      expect(withdrawn.status).toBe(204);
      expect([200, 409]).toContain(accepted.status);
      const lists = await asker.client.get<{ outgoing: unknown[]; accepted: unknown[] }>('/api/connections');
      expect([lists.body.outgoing, lists.body.accepted]).toEqual([[], []]);
    }
  });

  it('messages: 30 concurrent sends in one conversation are all stored, in one order', async () => {
    const [ana, bo] = await Promise.all([signUp(first.url, 'Ana'), signUp(first.url, 'Bo')]);
    const request = await ana.client.post<{ id: string }>('/api/connections', { json: { userId: bo.id } });
    expect((await bo.client.post(`/api/connections/${request.body.id}/accept`)).status).toBe(200);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        const [from, to] = i % 3 ? [ana, bo] : [bo, ana];
        return via(from, i).post(`/api/conversations/${to.id}/messages`, { json: { body: `m${i}` } });
      }),
    );
    expectNo5xx(answers);
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(201));
    // Bo's sends are not Ana's own writes, and concurrent answers may leave her position cookie at any of
    // hers: she asks for all of them by position, as the contract says.
    const latest = Math.max(...answers.map((a) => Number(a.headers.get('x-position'))));
    const page = await ana.client.get<{ messages: { body: string }[] }>(
      `/api/conversations/${bo.id}/messages?limit=50`,
      { headers: { 'x-min-position': String(latest) } },
    );
    expect(page.body.messages.map((m) => m.body).sort()).toEqual(
      Array.from({ length: 30 }, (_, i) => `m${i}`).sort(),
    );
  });
});
