import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from './support/clock.ts';
import { HttpClient, type ApiResponse, type Problem } from './support/http-client.ts';
import { sessionCommands } from './support/session-commands.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp, type SignedInUser } from './support/users.ts';

interface Mentor {
  user: { id: string; displayName: string; reputation: { rating: number | null } };
  skill: string;
  level: string;
  skillReputation: { rating: number | null; reviews: number; sessionsHosted: number; studentsTaught: number };
}
interface MentorList {
  mentors: Mentor[];
  nextCursor: string | null;
}
interface SkillProgress {
  skill: string;
  teachLevel: string | null;
  learnLevel: string | null;
  sessionsAttended: number;
  sessionsHosted: number;
  hoursLearned: number;
  hoursTaught: number;
  ratingsReceived: number;
  averageRating: number | null;
  levelHistory: { level: string; since: string; kind: string }[];
}

const HOUR = 3_600_000;
const clock = new TestClock('2030-05-01T09:00:00.000Z');
let app: TestApp;
let latest = 0;
const fresh = () => ({ headers: { 'x-min-position': String(latest) } });
const caughtUp = async () => {
  latest = await app.platform.deps.store.headPosition();
};

function expectProblem(res: ApiResponse, status: number): Problem {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as Problem;
}

let piano: SignedInUser, guitar: SignedInUser, newcomer: SignedInUser, pianist: SignedInUser;
let learner: SignedInUser, ada: SignedInUser, bo: SignedInUser;
const declared: string[] = [];

async function skills(who: SignedInUser, teach: [string, string][], learn: [string, string][] = []) {
  clock.advance({ minutes: 5 });
  const res = await who.client.put('/api/me/skills', {
    json: {
      teach: teach.map(([name, level]) => ({ name, level })),
      learn: learn.map(([name, level]) => ({ name, level })),
    },
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  app = await startTestApp({}, undefined, { clock: clock.now });
  const { run, hostSession } = sessionCommands(app.platform.deps.store);
  // "piano" teaches both, with great piano reviews and a poor guitar one; "guitar" is the better guitarist.
  piano = await signUp(app.url, 'Pia');
  guitar = await signUp(app.url, 'Gus');
  newcomer = await signUp(app.url, 'Nell');
  pianist = await signUp(app.url, 'Otto');
  [learner, ada, bo] = [
    await signUp(app.url, 'Lea'),
    await signUp(app.url, 'Ada'),
    await signUp(app.url, 'Bo'),
  ];
  await skills(piano, [
    ['Guitar', 'advanced'],
    ['Piano', 'expert'],
  ]);
  await piano.client.patch('/api/me', { json: { languages: ['English'] } });
  await skills(guitar, [['guitar', 'expert']]);
  await guitar.client.patch('/api/me', { json: { languages: ['Español', 'Spanish'] } });
  await skills(newcomer, [['Guitar', 'beginner']]);
  await skills(pianist, [['Piano', 'intermediate']]);
  await skills(learner, [], [['Guitarr', 'intermediate']]);
  declared.push(clock.now().toISOString());
  await skills(learner, [], [['Guitarr', 'advanced']]);
  declared.push(clock.now().toISOString());

  const start = new Date('2030-04-01T10:00:00.000Z');
  const review = async (sessionId: string, endsAt: Date, ratings: [SignedInUser, number][]) => {
    for (const [who, rating] of ratings)
      await run(sessionId, {
        type: 'WriteReview',
        reviewId: randomUUID(),
        authorId: who.id,
        rating,
        now: new Date(endsAt.getTime() + HOUR),
      });
  };
  const pianoLesson = await hostSession({
    hostId: piano.id,
    attendees: [learner.id, ada.id, bo.id],
    startsAt: start,
    skill: 'Piano',
    durationMinutes: 30,
  });
  await review(pianoLesson.sessionId, pianoLesson.endsAt, [
    [learner, 5],
    [ada, 5],
    [bo, 5],
  ]);
  const poorGuitar = await hostSession({
    hostId: piano.id,
    attendees: [learner.id],
    startsAt: new Date(start.getTime() + 24 * HOUR),
    skill: 'guitar lessons',
  });
  await review(poorGuitar.sessionId, poorGuitar.endsAt, [[learner, 2]]);
  // Written with a typo by the host: still a guitar session.
  const goodGuitar = await hostSession({
    hostId: guitar.id,
    attendees: [learner.id, ada.id],
    startsAt: new Date(start.getTime() + 48 * HOUR),
    skill: 'Guitarr',
    durationMinutes: 90,
  });
  await review(goodGuitar.sessionId, goodGuitar.endsAt, [
    [learner, 5],
    [ada, 3],
  ]);
  await caughtUp();
});
afterAll(async () => {
  await app?.close();
});

const mentors = (query: string, who: HttpClient = new HttpClient(app.url)) =>
  who.get<MentorList>(`/api/mentors?${query}`, fresh());
const names = (res: ApiResponse<MentorList>) => res.body.mentors.map((m) => m.user.displayName);

describe('GET /api/mentors', () => {
  it('ranks people who teach the skill by their reputation within it', async () => {
    const res = await mentors('skill=guitar');
    expect(res.status).toBe(200);
    expect(names(res)).toEqual(['Gus', 'Pia', 'Nell']);
    // Prior 4.0 (six reviews platform-wide), C = 5: Gus (20 + 8) / 7 = 4, Pia's guitar (20 + 2) / 6 = 3.67.
    expect(res.body.mentors.map((m) => [m.skill, m.level, m.skillReputation])).toEqual([
      ['guitar', 'expert', { rating: 4, reviews: 2, sessionsHosted: 1, studentsTaught: 2 }],
      ['Guitar', 'advanced', { rating: 3.67, reviews: 1, sessionsHosted: 1, studentsTaught: 1 }],
      ['Guitar', 'beginner', { rating: null, reviews: 0, sessionsHosted: 0, studentsTaught: 0 }],
    ]);
    // Overall Pia is rated higher than Gus, (20 + 17) / 9 = 4.11, thanks to her piano lessons.
    expect(res.body.mentors.map((m) => m.user.reputation.rating)).toEqual([4, 4.11, null]);
    expect(res.body.nextCursor).toBeNull();
  });

  it('forgives typos and case, and ranks within another skill by that skill', async () => {
    expect(names(await mentors('skill=GUITARR'))).toEqual(['Gus', 'Pia', 'Nell']);
    const res = await mentors('skill=piano');
    expect(names(res)).toEqual(['Pia', 'Otto']);
    expect(res.body.mentors[0]!.skillReputation).toEqual({
      rating: 4.38,
      reviews: 3,
      sessionsHosted: 1,
      studentsTaught: 3,
    });
  });

  it('filters by level and language', async () => {
    expect(names(await mentors('skill=guitar&level=advanced'))).toEqual(['Gus', 'Pia']);
    expect(names(await mentors('skill=guitar&level=expert'))).toEqual(['Gus']);
    expect(names(await mentors('skill=guitar&language=spanish'))).toEqual(['Gus']);
    expect(names(await mentors('skill=guitar&language=ENGLISH'))).toEqual(['Pia']);
    expect(names(await mentors('skill=knitting'))).toEqual([]);
  });

  it('pages with nextCursor, and without a skill ranks every teacher by overall reputation', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: ApiResponse<MentorList> = await mentors(
        `skill=guitar&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.body.mentors).toHaveLength(1);
      seen.push(...names(res));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Gus', 'Pia', 'Nell']);
    expect(names(await mentors('limit=2'))).toEqual(['Pia', 'Gus']);
  });

  it('leaves out people the viewer blocked, and checks its query (422)', async () => {
    const block = await learner.client.post('/api/blocks', { json: { userId: guitar.id } });
    expect(block.status).toBe(204);
    latest = Math.max(latest, Number(block.headers.get('x-position')));
    expect(names(await mentors('skill=guitar', learner.client))).toEqual(['Pia', 'Nell']);
    expectProblem(await mentors('skill=guitar&level=master'), 422);
    expectProblem(await mentors('limit=101'), 422);
    expectProblem(await mentors('cursor=bm9wZQ'), 422);
  });
});

describe('GET /api/me/progress', () => {
  it("shows a learner's sessions and hours per skill, and the history of the declared level", async () => {
    const res = await learner.client.get<{ skills: SkillProgress[] }>('/api/me/progress', fresh());
    expect(res.status).toBe(200);
    const none = {
      teachLevel: null,
      sessionsHosted: 0,
      hoursTaught: 0,
      ratingsReceived: 0,
      averageRating: null,
    };
    expect(res.body.skills).toEqual([
      {
        ...none,
        skill: 'Guitarr',
        learnLevel: 'advanced',
        // The "guitar lessons" hour and the 90 minutes of "Guitarr": one canonical skill.
        sessionsAttended: 2,
        hoursLearned: 2.5,
        levelHistory: [
          { level: 'intermediate', since: declared[0], kind: 'learn' },
          { level: 'advanced', since: declared[1], kind: 'learn' },
        ],
      },
      { ...none, skill: 'Piano', learnLevel: null, sessionsAttended: 1, hoursLearned: 0.5, levelHistory: [] },
    ]);
  });

  it("shows a host's sessions hosted, hours taught and ratings per skill", async () => {
    const res = await piano.client.get<{ skills: SkillProgress[] }>('/api/me/progress', fresh());
    expect(
      res.body.skills.map((s) => [
        s.skill,
        s.teachLevel,
        s.sessionsHosted,
        s.hoursTaught,
        s.ratingsReceived,
        s.averageRating,
      ]),
    ).toEqual([
      ['Guitar', 'advanced', 1, 1, 1, 2],
      ['Piano', 'expert', 1, 0.5, 3, 5],
    ]);
    expect(res.body.skills[0]!.levelHistory.map((h) => [h.level, h.kind])).toEqual([['advanced', 'teach']]);
  });

  it('needs a sign-in (401)', async () => {
    expectProblem(await new HttpClient(app.url).get('/api/me/progress'), 401);
  });
});
