import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairEvents, pairStream } from '../src/features/connections/events.ts';
import { decideUser, type UserCommand } from '../src/features/identity/user.decide.ts';
import { userStream, type Skill } from '../src/features/identity/events.ts';
import { userAggregate } from '../src/features/identity/user.ts';
import { handleCommand } from '../src/platform/commands.ts';
import { systemMetadata } from './support/events.ts';
import { HttpClient, type ApiResponse, type Problem } from './support/http-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

// One server for the file; tests stay independent by asserting only on the people they create, and the
// ranking tests use skill names no other test uses.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

interface Reason {
  direction: 'they_teach' | 'you_teach';
  yourSkill: string;
  theirSkill: string;
  similarity: number;
}
interface Match {
  user: { id: string; displayName: string; teach: Skill[]; learn: Skill[]; languages: string[] };
  score: number;
  mutual: boolean;
  reasons: Reason[];
}

type SkillSpec = string | [string, Skill['level']];
const skill = (spec: SkillSpec, fallback: Skill['level']): Skill =>
  typeof spec === 'string' ? { name: spec, level: fallback } : { name: spec[0], level: spec[1] };

interface Person {
  teach?: SkillSpec[];
  learn?: SkillSpec[];
  languages?: string[];
  timezone?: string | null;
  /** When everything this person did happened (default: now). */
  at?: Date;
}

/** A member created straight from events (the real decider and command handler), as the app would. */
async function seedPerson(name: string, person: Person): Promise<string> {
  const userId = randomUUID();
  const metadata = { ...systemMetadata(), occurredAt: (person.at ?? new Date()).toISOString() };
  const commands: UserCommand[] = [
    {
      type: 'RegisterUser',
      userId,
      email: `${userId}@example.com`,
      displayName: name,
      passwordHash: 'x',
      role: 'user',
    },
    {
      type: 'UpdateProfile',
      changes: { languages: person.languages ?? ['English'], timezone: person.timezone ?? 'Europe/London' },
    },
    {
      type: 'ChangeSkills',
      teach: (person.teach ?? []).map((s) => skill(s, 'advanced')),
      learn: (person.learn ?? []).map((s) => skill(s, 'beginner')),
    },
  ];
  for (const command of commands) {
    await handleCommand(
      app.platform.deps.store,
      userStream(userId),
      userAggregate,
      (s) => decideUser(command, s),
      metadata,
    );
  }
  return userId;
}

/** A signed-in member (HTTP all the way), with a profile and skills. */
async function signedIn(person: Person): Promise<{ client: HttpClient; id: string }> {
  const client = new HttpClient(app.url);
  const res = await client.post<{ user: { id: string } }>('/api/auth/register', {
    json: { email: `me.${randomUUID()}@example.com`, password: 'correct horse battery', displayName: 'Me' },
  });
  expect(res.status).toBe(201);
  expect(
    (
      await client.patch('/api/me', {
        json: { languages: person.languages ?? ['English'], timezone: person.timezone ?? 'Europe/London' },
      })
    ).status,
  ).toBe(200);
  const toInput = (list: SkillSpec[] = []) =>
    list.map((s) => (typeof s === 'string' ? { name: s } : { name: s[0], level: s[1] }));
  const skills = await client.put('/api/me/skills', {
    json: { teach: toInput(person.teach), learn: toInput(person.learn) },
  });
  expect(skills.status).toBe(200);
  return { client, id: res.body.user.id };
}

/** Matches as `client` sees them once the read models include everything written so far. */
async function matches(client: HttpClient, query = 'limit=50'): Promise<Match[]> {
  const head = await app.platform.deps.store.headPosition();
  const res = await client.get<{ matches: Match[] }>(`/api/matches?${query}`, {
    headers: { 'x-min-position': String(head) },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.matches;
}

const ids = (list: Match[]) => list.map((m) => m.user.id);
const find = (list: Match[], id: string) => list.find((m) => m.user.id === id);

/** A skill name no other test (or earlier spelling) comes near. */
function uniqueSkill(): string {
  const letters = 'bcdfghjklmnpqrstvwxz';
  const bytes = randomUUID().replace(/-/g, '');
  let word = '';
  for (let i = 0; i < 12; i++) word += letters[parseInt(bytes.slice(i * 2, i * 2 + 2), 16) % letters.length];
  return `Zu${word}`;
}

function expectProblem(res: ApiResponse, status: number): Problem {
  expect(res.status).toBe(status);
  expect(res.contentType).toBe('application/problem+json');
  const problem = res.body as Problem;
  expect(problem.detail.length).toBeGreaterThan(0);
  return problem;
}

describe('GET /api/matches: access and validation', () => {
  it('answers 401 when signed out', async () => {
    expectProblem(await new HttpClient(app.url).get('/api/matches'), 401);
  });

  it('answers 422 with the field for each bad filter value', async () => {
    const { client } = await signedIn({ learn: ['Guitar'] });
    for (const [query, path] of [
      ['level=guru', 'level'],
      ['limit=0', 'limit'],
      ['limit=51', 'limit'],
      ['limit=ten', 'limit'],
      ['skill=', 'skill'],
      [`language=${'x'.repeat(41)}`, 'language'],
    ] as const) {
      const problem = expectProblem(await client.get(`/api/matches?${query}`), 422);
      expect(
        problem.errors?.map((e) => e.path),
        query,
      ).toEqual([path]);
    }
  });

  it('is described in the OpenAPI document', async () => {
    const doc = await new HttpClient(app.url).get<{ paths: Record<string, unknown> }>('/api/openapi.json');
    expect(Object.keys(doc.body.paths)).toContain('/api/matches');
  });
});

describe('GET /api/matches: fuzzy skill names', () => {
  // [what I want to learn, what they teach]
  const cases: [string, string, string][] = [
    ['case', 'GUITAR', 'guitar'],
    ['accents', 'Crème brûlée', 'creme brulee'],
    ['a typo', 'guitarr', 'Guitar'],
    ['a swapped letter', 'Pyhton', 'Python'],
    ['word order', 'Cooking, Thai', 'Thai cooking'],
    ['a near-form', 'python programming', 'Python'],
    ['an alias', 'JS', 'JavaScript'],
    ['an alias, the other way', 'Machine learning', 'ML'],
  ];

  for (const [what, mine, theirs] of cases) {
    it(`matches across ${what}: "${mine}" ~ "${theirs}"`, async () => {
      const teacherId = await seedPerson(`Teacher of ${theirs}`, { teach: [theirs] });
      const { client } = await signedIn({ learn: [mine] });
      const match = find(await matches(client), teacherId);
      expect(match, `${mine} should find the teacher of ${theirs}`).toBeDefined();
      const reason = match!.reasons.find((r) => r.theirSkill === theirs)!;
      expect(reason).toMatchObject({ direction: 'they_teach', yourSkill: mine, theirSkill: theirs });
      expect(reason.similarity).toBeGreaterThan(0.6);
      expect(reason.similarity).toBeLessThanOrEqual(1);
    });
  }

  it('says how similar: 1 for the same skill, less for a typo', async () => {
    const exact = await seedPerson('Exact', { teach: ['Ukulele'] });
    const typo = await seedPerson('Typo', { teach: ['Ukelele'] });
    const { client } = await signedIn({ learn: ['ukulele'] });
    const list = await matches(client);
    expect(find(list, exact)!.reasons[0]!.similarity).toBe(1);
    const similarity = find(list, typo)!.reasons[0]!.similarity;
    expect(similarity).toBeGreaterThan(0.6);
    expect(similarity).toBeLessThan(1);
  });

  it('does not confuse different skills with similar names', async () => {
    const java = await seedPerson('Java teacher', { teach: ['Java'] });
    const cpp = await seedPerson('C++ teacher', { teach: ['C++'] });
    const pizza = await seedPerson('Pizza teacher', { teach: ['Pizza'] });
    const { client } = await signedIn({ learn: ['JavaScript', 'C', 'Piano'] });
    const found = ids(await matches(client));
    for (const id of [java, cpp, pizza]) expect(found).not.toContain(id);
  });
});

describe('GET /api/matches: ranking', () => {
  it('ranks two-way matches above one-way ones, which still appear in both directions', async () => {
    const [x, y, z] = [uniqueSkill(), uniqueSkill(), uniqueSkill()];
    const mentor = await seedPerson('Mentor', { teach: [x, z] });
    const student = await seedPerson('Student', { learn: [y] });
    const partner = await seedPerson('Partner', { teach: [x], learn: [y] });
    const { client } = await signedIn({ teach: [y], learn: [x, z] });
    const list = await matches(client);
    expect(ids(list)).toEqual([partner, mentor, student]);
    expect(list.map((m) => m.mutual)).toEqual([true, false, false]);
    expect(list[0]!.score).toBeGreaterThan(list[1]!.score);
    expect(list[0]!.score).toBeGreaterThanOrEqual(0.5);
    expect(list[1]!.score).toBeLessThan(0.5);
    expect(find(list, student)!.reasons).toEqual([
      { direction: 'you_teach', yourSkill: y, theirSkill: y, similarity: 1 },
    ]);
    expect(
      find(list, partner)!
        .reasons.map((r) => r.direction)
        .sort(),
    ).toEqual(['they_teach', 'you_teach']);
  });

  it('prefers a teacher above my level, then people who share a language, a time zone, and who were active lately', async () => {
    const s = uniqueSkill();
    const me = {
      learn: [[s, 'intermediate']] as SkillSpec[],
      languages: ['Deutsch'],
      timezone: 'Europe/Berlin',
    };
    const base = { languages: ['Deutsch'], timezone: 'Europe/Berlin' };
    const expert = await seedPerson('Expert', { ...base, teach: [[s, 'expert']] });
    const beginner = await seedPerson('Beginner', { ...base, teach: [[s, 'beginner']] });
    const { client } = await signedIn(me);
    let list = await matches(client);
    expect(ids(list)).toEqual([expert, beginner]);

    const s2 = uniqueSkill();
    const sharesLanguage = await seedPerson('Shares', { ...base, teach: [s2] });
    const noCommonLanguage = await seedPerson('Other language', {
      ...base,
      languages: ['Korean'],
      teach: [s2],
    });
    const farAway = await seedPerson('Far', { ...base, timezone: 'Pacific/Auckland', teach: [s2] });
    const longAgo = await seedPerson('Idle', {
      ...base,
      teach: [s2],
      at: new Date(Date.now() - 120 * 86_400_000),
    });
    const { client: other } = await signedIn({ ...me, learn: [s2] });
    list = await matches(other);
    expect(ids(list)[0]).toBe(sharesLanguage);
    expect(new Set(ids(list))).toEqual(new Set([sharesLanguage, noCommonLanguage, farAway, longAgo]));
    for (const id of [noCommonLanguage, farAway, longAgo])
      expect(find(list, id)!.score, id).toBeLessThan(find(list, sharesLanguage)!.score);
  });
});

describe('GET /api/matches: exclusions', () => {
  async function block(blockerId: string, blockedId: string) {
    await app.platform.deps.store.append(pairStream(blockerId, blockedId), [
      pairEvents.encode({ type: 'UserBlocked', data: { blockerId, blockedId } }, systemMetadata()),
    ]);
  }

  it('never lists me, people I blocked, people who blocked me, or suspended accounts', async () => {
    const s = uniqueSkill();
    const visible = await seedPerson('Visible', { teach: [s], learn: [s] });
    const blockedByMe = await seedPerson('Blocked by me', { teach: [s] });
    const blocksMe = await seedPerson('Blocks me', { teach: [s] });
    const suspended = await seedPerson('Suspended', { teach: [s] });
    const { client, id: me } = await signedIn({ teach: [s], learn: [s] });
    expect(new Set(ids(await matches(client)))).toEqual(new Set([visible, blockedByMe, blocksMe, suspended]));

    await block(me, blockedByMe);
    await block(blocksMe, me);
    // No suspension command exists yet; the users read model's status column is what the query obeys.
    await app.platform.deps.db
      .updateTable('users')
      .set({ status: 'suspended' })
      .where('id', '=', suspended)
      .execute();
    expect(ids(await matches(client))).toEqual([visible]);
  });

  it('lists nobody for a member without skills', async () => {
    const { client } = await signedIn({});
    expect(await matches(client)).toEqual([]);
  });
});

describe('GET /api/matches: filters', () => {
  it('filters by language, case- and accent-insensitively', async () => {
    const s = uniqueSkill();
    const spanish = await seedPerson('Habla', { teach: [s], languages: ['Español', 'English'] });
    const english = await seedPerson('Speaks', { teach: [s], languages: ['English'] });
    const { client } = await signedIn({ learn: [s] });
    expect(ids(await matches(client, 'language=espanol'))).toEqual([spanish]);
    expect(new Set(ids(await matches(client, 'language=ENGLISH')))).toEqual(new Set([spanish, english]));
    // Languages changed after the skills were listed count too.
    await handleCommand(
      app.platform.deps.store,
      userStream(english),
      userAggregate,
      (state) => decideUser({ type: 'UpdateProfile', changes: { languages: ['English', 'Spanish'] } }, state),
      systemMetadata(),
    );
    expect(new Set(ids(await matches(client, 'language=spanish')))).toEqual(new Set([english]));
  });

  it('filters by level: only skills they hold at that level or above', async () => {
    const s = uniqueSkill();
    const expert = await seedPerson('Expert', { teach: [[s, 'expert']] });
    const advanced = await seedPerson('Advanced', { teach: [[s, 'advanced']] });
    await seedPerson('Intermediate', { teach: [[s, 'intermediate']] });
    const { client } = await signedIn({ learn: [s] });
    expect(new Set(ids(await matches(client, 'level=advanced')))).toEqual(new Set([expert, advanced]));
    expect(ids(await matches(client, 'level=expert'))).toEqual([expert]);
  });

  it('filters by skill text, with typos and synonyms, and keeps only the reasons about that skill', async () => {
    const [a, b] = [uniqueSkill(), uniqueSkill()];
    const both = await seedPerson('Both', { teach: [a, b] });
    const onlyB = await seedPerson('Only b', { teach: [b] });
    const { client } = await signedIn({ learn: [a, b] });
    const list = await matches(client, `skill=${encodeURIComponent(a.toLowerCase().replace(/.$/, ''))}`);
    expect(ids(list)).toEqual([both]);
    expect(list[0]!.reasons.map((r) => r.theirSkill)).toEqual([a]);
    expect(ids(await matches(client, `skill=${b}`)).sort()).toEqual([both, onlyB].sort());

    const jsTeacher = await seedPerson('JS teacher', { teach: ['JavaScript'] });
    const { client: learner } = await signedIn({ learn: ['Javascript', a] });
    const filtered = await matches(learner, 'skill=JS');
    expect(ids(filtered)).toContain(jsTeacher);
    expect(ids(filtered)).not.toContain(both);
  });

  it('honours the limit', async () => {
    const s = uniqueSkill();
    for (let i = 0; i < 3; i++) await seedPerson(`Teacher ${i}`, { teach: [s] });
    const { client } = await signedIn({ learn: [s] });
    expect(await matches(client, 'limit=2')).toHaveLength(2);
  });
});
