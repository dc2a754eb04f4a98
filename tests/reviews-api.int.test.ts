import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from './support/clock.ts';
import { HttpClient, type ApiResponse, type Problem } from './support/http-client.ts';
import { sessionCommands } from './support/session-commands.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp, type SignedInUser } from './support/users.ts';

interface Review {
  id: string;
  session: { id: string; title: string };
  author: { id: string; displayName: string };
  rating: number;
  comment: string | null;
  createdAt: string;
  reply: { body: string; createdAt: string } | null;
}
interface ReviewList {
  reviews: Review[];
  nextCursor: string | null;
}

const DAY = 24 * 3_600_000;
const clock = new TestClock('2030-03-01T09:00:00.000Z');
let app: TestApp;
let sessions: ReturnType<typeof sessionCommands>;
/** The latest position written (by HTTP or directly to the store): reads wait for it. */
let latest = 0;
const track = <T extends { position: number | null }>(result: T) => {
  latest = Math.max(latest, result.position ?? 0);
  return result;
};
const saw = <T>(res: ApiResponse<T>) => {
  latest = Math.max(latest, Number(res.headers.get('x-position') ?? 0));
  return res;
};
const fresh = () => ({ headers: { 'x-min-position': String(latest) } });

function expectProblem(res: ApiResponse, status: number): Problem {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.contentType).toBe('application/problem+json');
  return res.body as Problem;
}

let host: SignedInUser, ada: SignedInUser, bo: SignedInUser, cy: SignedInUser, outsider: SignedInUser;
/** A session held from `start` to `start + 1 h`, attended by Ada and Bo; Cy was marked absent. */
let held: { sessionId: string; endsAt: Date };

beforeAll(async () => {
  app = await startTestApp({}, undefined, { clock: clock.now });
  sessions = sessionCommands(app.platform.deps.store);
  [host, ada, bo, cy, outsider] = await Promise.all([
    signUp(app.url, 'Hosting Hanna'),
    signUp(app.url, 'Ada'),
    signUp(app.url, 'Bo'),
    signUp(app.url, 'Cy'),
    signUp(app.url, 'Otto'),
  ]);
  held = await hostAt(clock.now().getTime() + 2 * DAY, [ada.id, bo.id, cy.id], {
    absent: [cy.id],
    title: 'Blues guitar',
  });
});
afterAll(async () => {
  await app?.close();
});

async function hostAt(
  startMs: number,
  attendees: string[],
  options: { absent?: string[]; title?: string; held?: boolean } = {},
) {
  const session = await sessions.hostSession({
    hostId: host.id,
    attendees,
    startsAt: new Date(startMs),
    ...options,
  });
  latest = Math.max(latest, await app.platform.deps.store.headPosition());
  return session;
}

const write = (who: SignedInUser, sessionId: string, json: unknown) =>
  who.client.post<Review>(`/api/sessions/${sessionId}/reviews`, { json }).then(saw);

describe('POST /api/sessions/:id/reviews', () => {
  it('is closed until the session has ended (409), by the app clock', async () => {
    expectProblem(await write(ada, held.sessionId, { rating: 5 }), 409);
    clock.set(new Date(held.endsAt.getTime() - 60_000));
    expectProblem(await write(ada, held.sessionId, { rating: 5 }), 409);
    clock.set(held.endsAt);
  });

  it('refuses people who did not attend (403): outsiders, the host, those marked absent', async () => {
    expectProblem(await write(outsider, held.sessionId, { rating: 5 }), 403);
    expectProblem(await write(host, held.sessionId, { rating: 5 }), 403);
    expectProblem(await write(cy, held.sessionId, { rating: 5 }), 403);
  });

  it('checks the rating and the comment (422)', async () => {
    for (const rating of [0, 6, 4.5, '5']) {
      const problem = expectProblem(await write(ada, held.sessionId, { rating }), 422);
      expect(problem.errors?.map((e) => e.path)).toContain('rating');
    }
    const long = expectProblem(
      await write(ada, held.sessionId, { rating: 4, comment: 'x'.repeat(2001) }),
      422,
    );
    expect(long.errors?.map((e) => e.path)).toEqual(['comment']);
    expectProblem(await write(ada, held.sessionId, {}), 422);
  });

  it('answers 401 signed out, 404 for an unknown session and 422 for a malformed id', async () => {
    expectProblem(
      await new HttpClient(app.url).post(`/api/sessions/${held.sessionId}/reviews`, { json: { rating: 5 } }),
      401,
    );
    expectProblem(await write(ada, randomUUID(), { rating: 5 }), 404);
    expectProblem(await write(ada, 'not-a-uuid', { rating: 5 }), 422);
  });

  it('lets an attendee review once (201, then 409)', async () => {
    clock.advance({ hours: 1 });
    const res = await write(ada, held.sessionId, { rating: 5, comment: '  Lovely riffs  ' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String) as unknown,
      session: { id: held.sessionId, title: 'Blues guitar' },
      author: expect.objectContaining({ id: ada.id, displayName: 'Ada' }) as unknown,
      rating: 5,
      comment: 'Lovely riffs',
      createdAt: clock.now().toISOString(),
      reply: null,
    });
    expect(res.headers.get('x-position')).toMatch(/^\d+$/);
    expectProblem(await write(ada, held.sessionId, { rating: 1 }), 409);
  });

  it('counts a comment in characters as people see them (2,000 emoji fit)', async () => {
    clock.advance({ hours: 1 });
    const res = await write(bo, held.sessionId, { rating: 3, comment: '🎸'.repeat(2000) });
    expect(res.status).toBe(201);
    expect(res.body.author.id).toBe(bo.id);
  });

  it('closes 14 days after the end (409), and a cancelled session takes no reviews (409)', async () => {
    const start = clock.now().getTime() + DAY;
    const late = await hostAt(start, [ada.id, bo.id], { title: 'Fingerpicking' });
    clock.set(new Date(late.endsAt.getTime() + 14 * DAY));
    expect((await write(ada, late.sessionId, { rating: 4 })).status).toBe(201);
    clock.advance({ seconds: 1 });
    expectProblem(await write(bo, late.sessionId, { rating: 4 }), 409);

    const cancelled = await hostAt(clock.now().getTime() + DAY, [ada.id], {
      title: 'Never held',
      held: false,
    });
    track(
      await sessions.run(cancelled.sessionId, {
        type: 'CancelSession',
        by: host.id,
        role: 'user',
        now: clock.now(),
      }),
    );
    clock.set(new Date(cancelled.endsAt.getTime() + 60_000));
    expectProblem(await write(ada, cancelled.sessionId, { rating: 4 }), 409);
  });
});

describe('POST /api/reviews/:id/reply', () => {
  let review: Review;
  beforeAll(async () => {
    const list = await host.client.get<ReviewList>(`/api/sessions/${held.sessionId}/reviews`, fresh());
    review = list.body.reviews.find((r) => r.author.id === ada.id)!;
  });

  it('lets only the host reply (403 for others), once (409), with 1–2000 characters (422)', async () => {
    const reply = (who: SignedInUser, id: string, json: unknown) =>
      who.client.post<Review>(`/api/reviews/${id}/reply`, { json }).then(saw);
    expectProblem(await reply(ada, review.id, { body: 'Me too' }), 403);
    expectProblem(await reply(host, review.id, { body: '   ' }), 422);
    expectProblem(await reply(host, randomUUID(), { body: 'Hi' }), 404);
    const res = await reply(host, review.id, { body: ' Thank you! ' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ...review,
      reply: { body: 'Thank you!', createdAt: clock.now().toISOString() },
    });
    expectProblem(await reply(host, review.id, { body: 'Again' }), 409);
  });
});

describe('GET reviews of a session and of a person', () => {
  it("lists a session's reviews newest first, a page at a time", async () => {
    const first = await outsider.client.get<ReviewList>(
      `/api/sessions/${held.sessionId}/reviews?limit=1`,
      fresh(),
    );
    expect(first.status).toBe(200);
    expect(first.body.reviews.map((r) => r.author.id)).toEqual([bo.id]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await outsider.client.get<ReviewList>(
      `/api/sessions/${held.sessionId}/reviews?limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.reviews.map((r) => [r.author.id, r.reply?.body])).toEqual([[ada.id, 'Thank you!']]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('lists the reviews a host received, newest first', async () => {
    const res = await new HttpClient(app.url).get<ReviewList>(`/api/users/${host.id}/reviews`, fresh());
    expect(res.status).toBe(200);
    expect(res.body.reviews.map((r) => [r.session.title, r.author.id, r.rating])).toEqual([
      ['Fingerpicking', ada.id, 4],
      ['Blues guitar', bo.id, 3],
      ['Blues guitar', ada.id, 5],
    ]);
    expect(res.body.nextCursor).toBeNull();
    expect((await outsider.client.get<ReviewList>(`/api/users/${ada.id}/reviews`)).body).toEqual({
      reviews: [],
      nextCursor: null,
    });
  });

  it('answers 404 for unknown ids and 422 for bad ids, limits and cursors', async () => {
    const c = outsider.client;
    expectProblem(await c.get(`/api/sessions/${randomUUID()}/reviews`), 404);
    expectProblem(await c.get(`/api/users/${randomUUID()}/reviews`), 404);
    expectProblem(await c.get('/api/users/nope/reviews'), 422);
    expectProblem(await c.get(`/api/users/${host.id}/reviews?limit=0`), 422);
    expectProblem(await c.get(`/api/users/${host.id}/reviews?limit=101`), 422);
    const problem = expectProblem(await c.get(`/api/users/${host.id}/reviews?cursor=garbage`), 422);
    expect(problem.errors?.map((e) => e.path)).toEqual(['cursor']);
  });
});

describe('reputation on the public profile', () => {
  it('fills rating, reviews, averageRating, sessions hosted, students taught and badges', async () => {
    const res = await new HttpClient(app.url).get<{ reputation: unknown }>(`/api/users/${host.id}`, fresh());
    // Three reviews (5, 3, 4) and the fallback prior 4.0: (5·4 + 12) / (5 + 3) = 4.
    expect(res.body.reputation).toEqual({
      rating: 4,
      reviews: 3,
      averageRating: 4,
      sessionsHosted: 2,
      studentsTaught: 2,
      badges: [
        {
          id: 'first-session-hosted',
          name: 'First session hosted',
          description: 'Hosted a session that someone attended.',
          earnedAt: held.endsAt.toISOString(),
        },
      ],
    });
    const adas = await new HttpClient(app.url).get<{ reputation: { badges: { id: string }[] } }>(
      `/api/users/${ada.id}`,
    );
    expect(adas.body.reputation.badges.map((b) => b.id)).toEqual([
      'first-session-attended',
      'first-review-written',
    ]);
  });
});

describe('GET /api/openapi.json', () => {
  it('describes the endpoints of reviews, reputation, mentors and progress', async () => {
    const res = await new HttpClient(app.url).get<{ paths: Record<string, unknown> }>('/api/openapi.json');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/sessions/{id}/reviews',
        '/api/reviews/{id}/reply',
        '/api/users/{id}/reviews',
        '/api/mentors',
        '/api/me/progress',
      ]),
    );
  });
});
