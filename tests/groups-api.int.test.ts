import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairEvents, pairStream } from '../src/features/connections/events.ts';
import { docMessages } from './support/doc-message-events.ts';
import { systemMetadata } from './support/events.ts';
import { HttpClient, type ApiResponse, type Problem, type RequestOptions } from './support/http-client.ts';
import { TestClock } from './support/clock.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

interface Group {
  id: string;
  name: string;
  description: string;
  createdBy: string;
  createdAt: string;
  memberCount: number;
  role: 'admin' | 'member';
}
interface GroupDetails extends Group {
  members: {
    user: { id: string; displayName: string | null; avatarUrl: string | null };
    role: string;
    joinedAt: string;
  }[];
}
interface Page {
  messages: {
    id: string;
    authorId: string;
    authorName: string | null;
    text: string;
    editedAt: string | null;
  }[];
  hasMore: boolean;
}

/**
 * A browser that also reads what other people just wrote: every GET carries the latest X-Position any
 * test client received (docs/api.md, read-your-writes), as a client told about a change by a live frame would.
 */
let latestPosition = 0;
class Client extends HttpClient {
  override async request<T = unknown>(method: string, path: string, options: RequestOptions = {}) {
    const headers = { ...options.headers };
    if (method === 'GET' && latestPosition > 0) headers['x-min-position'] = String(latestPosition);
    const res = await super.request<T>(method, path, { ...options, headers });
    latestPosition = Math.max(latestPosition, Number(res.headers.get('x-position') ?? 0));
    return res;
  }
}

interface Person {
  id: string;
  http: HttpClient;
}

async function person(displayName = 'Member'): Promise<Person> {
  const http = new Client(app.url);
  const res = await http.post<{ user: { id: string } }>('/api/auth/register', {
    json: { email: `g-${randomUUID()}@example.com`, password: 'correct horse battery', displayName },
  });
  expect(res.status).toBe(201);
  return { id: res.body.user.id, http };
}

function expectProblem(res: ApiResponse, status: number): Problem {
  expect(res.status).toBe(status);
  expect(res.contentType).toBe('application/problem+json');
  const problem = res.body as Problem;
  expect(problem.detail.length).toBeGreaterThan(0);
  return problem;
}

async function createGroup(owner: Person, name = 'Chess club', description?: string): Promise<Group> {
  const res = await owner.http.post<Group>('/api/groups', { json: { name, description } });
  expect(res.status).toBe(201);
  return res.body;
}

const add = (by: Person, groupId: string, userId: string) =>
  by.http.post(`/api/groups/${groupId}/members`, { json: { userId } });
const remove = (by: Person, groupId: string, userId: string) =>
  by.http.request('DELETE', `/api/groups/${groupId}/members/${userId}`);
const promote = (by: Person, groupId: string, userId: string) =>
  by.http.post(`/api/groups/${groupId}/admins`, { json: { userId } });
const details = (by: Person, groupId: string) => by.http.get<GroupDetails>(`/api/groups/${groupId}`);
const rolesIn = async (by: Person, groupId: string) =>
  Object.fromEntries((await details(by, groupId)).body.members.map((m) => [m.user.id, m.role]));

async function block(blocker: string, blocked: string) {
  await app.platform.deps.store.append(pairStream(blocker, blocked), [
    pairEvents.encode(
      { type: 'UserBlocked', data: { blockerId: blocker, blockedId: blocked } },
      systemMetadata(),
    ),
  ]);
  await app.platform.deps.projections.catchUp();
}

/** Waits until the read models include an event appended directly to the store. */
const projected = async (position: number) =>
  expect(await app.platform.deps.projections.waitFor(position)).toBe(true);

describe('creating and listing groups', () => {
  it('creates a group with the creator as its only admin, and lists it for them', async () => {
    const ada = await person('Ada');
    const res = await ada.http.post<Group>('/api/groups', {
      json: { name: '  Chess club ', description: 'Openings and endgames' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-position')).toMatch(/^\d+$/);
    expect(res.headers.get('location')).toBe(`/api/groups/${res.body.id}`);
    expect(res.body).toMatchObject({
      name: 'Chess club',
      description: 'Openings and endgames',
      createdBy: ada.id,
      memberCount: 1,
      role: 'admin',
    });

    const list = await ada.http.get<{ groups: Group[] }>('/api/groups');
    expect(list.body.groups).toEqual([res.body]);
    const shown = await details(ada, res.body.id);
    expect(shown.status).toBe(200);
    expect(shown.body.members).toHaveLength(1);
    expect(shown.body.members[0]).toMatchObject({
      user: { id: ada.id, displayName: 'Ada', avatarUrl: null },
      role: 'admin',
    });
    expect(Date.parse(shown.body.members[0]!.joinedAt)).toBeGreaterThan(0);
  });

  it('lists only the groups the caller belongs to', async () => {
    const [ada, bob] = [await person(), await person()];
    await createGroup(ada, 'Ada only');
    const shared = await createGroup(bob, 'Shared');
    expect((await add(bob, shared.id, ada.id)).status).toBe(204);
    const adas = (await ada.http.get<{ groups: Group[] }>('/api/groups')).body.groups;
    expect(adas.map((g) => [g.name, g.role, g.memberCount]).sort()).toEqual([
      ['Ada only', 'admin', 1],
      ['Shared', 'member', 2],
    ]);
    const bobs = (await bob.http.get<{ groups: Group[] }>('/api/groups')).body.groups;
    expect(bobs.map((g) => g.name)).toEqual(['Shared']);
  });

  it('validates names: required, at most 80 characters, one line, no unknown fields', async () => {
    const ada = await person();
    const paths = async (json: unknown) =>
      expectProblem(await ada.http.post('/api/groups', { json }), 422).errors?.map((e) => e.path);
    expect(await paths({})).toEqual(['name']);
    expect(await paths({ name: '   ' })).toEqual(['name']);
    expect(await paths({ name: 'x'.repeat(81) })).toEqual(['name']);
    expect(await paths({ name: 'two\nlines' })).toEqual(['name']);
    expect(await paths({ name: 'ok', description: 'd'.repeat(501) })).toEqual(['description']);
    expect(await paths({ name: 'ok', admin: true })).toEqual(['admin']);
    expect((await ada.http.post('/api/groups', { json: { name: 'x'.repeat(80) } })).status).toBe(201);
  });

  it('refuses signed-out callers with 401', async () => {
    const anonymous = new HttpClient(app.url);
    expectProblem(await anonymous.post('/api/groups', { json: { name: 'x' } }), 401);
    expectProblem(await anonymous.get('/api/groups'), 401);
    expectProblem(await anonymous.get('/api/wall'), 401);
  });
});

describe('group details', () => {
  it('answers 404 for an unknown group, 403 for a non-member, 422 for a malformed id', async () => {
    const [ada, eve] = [await person(), await person()];
    const group = await createGroup(ada);
    expectProblem(await details(ada, randomUUID()), 404);
    expectProblem(await details(eve, group.id), 403);
    expectProblem(await ada.http.get('/api/groups/not-a-uuid'), 422);
  });
});

describe('managing members', () => {
  it('an admin adds a member once; adding again changes nothing', async () => {
    const [ada, bob] = [await person('Ada'), await person('Bob')];
    const group = await createGroup(ada);
    const first = await add(ada, group.id, bob.id);
    expect(first.status).toBe(204);
    expect(first.headers.get('x-position')).toMatch(/^\d+$/);
    const again = await add(ada, group.id, bob.id);
    expect(again.status).toBe(204);
    expect(again.headers.get('x-position')).toBeNull();
    expect(await rolesIn(bob, group.id)).toEqual({ [ada.id]: 'admin', [bob.id]: 'member' });
  });

  it('refuses adding from a plain member or an outsider with 403', async () => {
    const [ada, bob, cy, dee] = [await person(), await person(), await person(), await person()];
    const group = await createGroup(ada);
    await add(ada, group.id, bob.id);
    expectProblem(await add(bob, group.id, dee.id), 403);
    expectProblem(await add(cy, group.id, dee.id), 403);
    expect(Object.keys(await rolesIn(ada, group.id))).toHaveLength(2);
  });

  it('answers 404 for an unknown person or group', async () => {
    const [ada, bob] = [await person(), await person()];
    const group = await createGroup(ada);
    expectProblem(await add(ada, group.id, randomUUID()), 404);
    expectProblem(await add(ada, randomUUID(), bob.id), 404);
    expectProblem(await add(ada, group.id, 'nope'), 422);
  });

  it('refuses to add someone across a block, whichever of the two blocked the other (403)', async () => {
    const [ada, blockedByAda, blockerOfAda] = [await person(), await person(), await person()];
    const group = await createGroup(ada);
    await block(ada.id, blockedByAda.id);
    await block(blockerOfAda.id, ada.id);
    expect(expectProblem(await add(ada, group.id, blockedByAda.id), 403).detail).toMatch(/blocked/);
    expectProblem(await add(ada, group.id, blockerOfAda.id), 403);
    expect(Object.keys(await rolesIn(ada, group.id))).toEqual([ada.id]);
  });

  it('an admin removes a plain member, who then loses access', async () => {
    const [ada, bob] = [await person(), await person()];
    const group = await createGroup(ada);
    await add(ada, group.id, bob.id);
    expect((await remove(ada, group.id, bob.id)).status).toBe(204);
    expectProblem(await details(bob, group.id), 403);
    expectProblem(await bob.http.get(`/api/groups/${group.id}/messages`), 403);
    expect((await bob.http.get<{ groups: Group[] }>('/api/groups')).body.groups).toEqual([]);
    expectProblem(await remove(ada, group.id, bob.id), 404);
  });

  it('refuses removal by a plain member (403) and of another admin (403)', async () => {
    const [ada, bob, cy] = [await person(), await person(), await person()];
    const group = await createGroup(ada);
    await add(ada, group.id, bob.id);
    await add(ada, group.id, cy.id);
    expectProblem(await remove(bob, group.id, cy.id), 403);
    await promote(ada, group.id, bob.id);
    expectProblem(await remove(bob, group.id, ada.id), 403);
    expect(Object.keys(await rolesIn(ada, group.id))).toHaveLength(3);
  });

  it('promotes a member to admin, who can then add people', async () => {
    const [ada, bob, cy] = [await person(), await person(), await person()];
    const group = await createGroup(ada);
    await add(ada, group.id, bob.id);
    expectProblem(await add(bob, group.id, cy.id), 403);
    expect((await promote(ada, group.id, bob.id)).status).toBe(204);
    expect((await add(bob, group.id, cy.id)).status).toBe(204);
    expect(await rolesIn(cy, group.id)).toEqual({ [ada.id]: 'admin', [bob.id]: 'admin', [cy.id]: 'member' });
  });

  it('refuses promotion by a plain member (403) and of a non-member (409)', async () => {
    const [ada, bob, cy] = [await person(), await person(), await person()];
    const group = await createGroup(ada);
    await add(ada, group.id, bob.id);
    expectProblem(await promote(bob, group.id, bob.id), 403);
    expectProblem(await promote(ada, group.id, cy.id), 409);
  });
});

describe('leaving', () => {
  it('any member leaves by removing themselves', async () => {
    const [ada, bob] = [await person(), await person()];
    const group = await createGroup(ada);
    await add(ada, group.id, bob.id);
    expect((await remove(bob, group.id, bob.id)).status).toBe(204);
    expect(await rolesIn(ada, group.id)).toEqual({ [ada.id]: 'admin' });
  });

  it('when the last admin leaves, the longest-standing member becomes admin', async () => {
    const [ada, bob, cy] = [await person(), await person(), await person()];
    const group = await createGroup(ada);
    await add(ada, group.id, bob.id);
    await add(ada, group.id, cy.id);
    expect((await remove(ada, group.id, ada.id)).status).toBe(204);
    expect(await rolesIn(bob, group.id)).toEqual({ [bob.id]: 'admin', [cy.id]: 'member' });
    expect((await details(cy, group.id)).body.memberCount).toBe(2);
  });

  it('an outsider cannot leave (403)', async () => {
    const [ada, eve] = [await person(), await person()];
    const group = await createGroup(ada);
    expectProblem(await remove(eve, group.id, eve.id), 403);
  });
});

describe('renaming', () => {
  it('an admin renames and re-describes; members see it', async () => {
    const [ada, bob] = [await person(), await person()];
    const group = await createGroup(ada, 'Old name', 'Old description');
    await add(ada, group.id, bob.id);
    const res = await ada.http.patch<Group>(`/api/groups/${group.id}`, { json: { name: 'New name' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'New name', description: 'Old description', memberCount: 2 });
    await ada.http.patch(`/api/groups/${group.id}`, { json: { description: '' } });
    expect((await details(bob, group.id)).body).toMatchObject({ name: 'New name', description: '' });
  });

  it('refuses plain members (403), empty patches (422) and bad names (422)', async () => {
    const [ada, bob] = [await person(), await person()];
    const group = await createGroup(ada);
    await add(ada, group.id, bob.id);
    expectProblem(await bob.http.patch(`/api/groups/${group.id}`, { json: { name: 'Mine' } }), 403);
    expectProblem(await ada.http.patch(`/api/groups/${group.id}`, { json: {} }), 422);
    expectProblem(await ada.http.patch(`/api/groups/${group.id}`, { json: { name: '' } }), 422);
    expectProblem(await ada.http.patch(`/api/groups/${randomUUID()}`, { json: { name: 'x' } }), 404);
  });
});

describe('messages read models', () => {
  it('group messages: members only, newest last, paged with `before`, edited and deleted', async () => {
    const [ada, bob, eve] = [await person('Ada'), await person('Bob'), await person('Eve')];
    const group = await createGroup(ada);
    await add(ada, group.id, bob.id);
    const chat = docMessages(app.platform.deps.store, `group-${group.id}`);
    const posted = [];
    for (let i = 1; i <= 5; i++) posted.push(await chat.post(i % 2 ? ada.id : bob.id, `message ${i}`));
    await chat.edit(posted[1]!.id, 'message 2, edited');
    await projected(await chat.remove(posted[2]!.id, ada.id));

    const url = `/api/groups/${group.id}/messages`;
    expectProblem(await eve.http.get(url), 403);
    const all = await bob.http.get<Page>(url);
    expect(all.status).toBe(200);
    expect(all.body.hasMore).toBe(false);
    expect(all.body.messages.map((m) => m.text)).toEqual([
      'message 1',
      'message 2, edited',
      'message 4',
      'message 5',
    ]);
    expect(all.body.messages[0]).toMatchObject({ authorId: ada.id, authorName: 'Ada', editedAt: null });
    expect(all.body.messages[1]!.editedAt).toEqual(expect.any(String));

    const newest = await bob.http.get<Page>(`${url}?limit=2`);
    expect(newest.body.messages.map((m) => m.text)).toEqual(['message 4', 'message 5']);
    expect(newest.body.hasMore).toBe(true);
    const older = await bob.http.get<Page>(`${url}?limit=2&before=${newest.body.messages[0]!.id}`);
    expect(older.body.messages.map((m) => m.text)).toEqual(['message 1', 'message 2, edited']);
    expect(older.body.hasMore).toBe(false);

    expectProblem(await bob.http.get(`${url}?before=${randomUUID()}`), 404);
    expectProblem(await bob.http.get(`${url}?limit=101`), 422);
    expectProblem(await bob.http.get(`${url}?limit=0`), 422);
    expectProblem(await bob.http.get(`/api/groups/${randomUUID()}/messages`), 404);
  });

  it('search: prefixes, any case, accents folded, any script; edits and deletions are reflected', async () => {
    const ada = await person();
    const group = await createGroup(ada);
    const chat = docMessages(app.platform.deps.store, `group-${group.id}`);
    const cafe = await chat.post(ada.id, 'Café tonight at the Crêperie?');
    await chat.post(ada.id, 'Привет всем, учим Python');
    const edited = await chat.post(ada.id, 'bring your guitar');
    const removed = await chat.post(ada.id, 'guitar strings for sale');
    await chat.edit(edited.id, 'bring your ukulele');
    await projected(await chat.remove(removed.id, ada.id));

    const search = async (q: string) =>
      (
        await ada.http.get<Page>(`/api/groups/${group.id}/messages?q=${encodeURIComponent(q)}`)
      ).body.messages.map((m) => m.text);
    expect(await search('cafe')).toEqual(['Café tonight at the Crêperie?']);
    expect(await search('CREPE')).toEqual(['Café tonight at the Crêperie?']);
    expect(await search('приве pyth')).toEqual(['Привет всем, учим Python']);
    expect(await search('guitar')).toEqual([]);
    expect(await search('ukulele')).toEqual(['bring your ukulele']);
    expect(await search('café python')).toEqual([]);
    expect(await search("it's ca'fe")).toEqual([]);
    expectProblem(await ada.http.get(`/api/groups/${group.id}/messages?q=${encodeURIComponent('?!')}`), 422);
    const page = await ada.http.get<Page>(`/api/groups/${group.id}/messages?q=a&limit=1&before=${cafe.id}`);
    expect(page.body.messages).toEqual([]);
  });

  it('the wall: every signed-in user reads it, with search and paging; other docs stay apart', async () => {
    const [ada, bob] = [await person('Ada'), await person('Bob')];
    const wall = docMessages(app.platform.deps.store, 'wall');
    const tag = `walltag${randomUUID().slice(0, 8)}`;
    const first = await wall.post(ada.id, `${tag} hello wall`);
    await wall.post(bob.id, `${tag} second`);
    const group = await createGroup(ada);
    const groupChat = docMessages(app.platform.deps.store, `group-${group.id}`);
    await projected((await groupChat.post(ada.id, `${tag} in a group`)).position);

    const found = await bob.http.get<Page>(`/api/wall?q=${tag}`);
    expect(found.status).toBe(200);
    expect(found.body.messages.map((m) => [m.text, m.authorName])).toEqual([
      [`${tag} hello wall`, 'Ada'],
      [`${tag} second`, 'Bob'],
    ]);
    const newest = await bob.http.get<Page>('/api/wall?limit=1');
    expect(newest.body.messages.map((m) => m.text)).toEqual([`${tag} second`]);
    await projected(await wall.remove(first.id, ada.id));
    expect((await bob.http.get<Page>(`/api/wall?q=${tag}`)).body.messages.map((m) => m.text)).toEqual([
      `${tag} second`,
    ]);
  });
});

describe('OpenAPI', () => {
  it('describes the group routes', async () => {
    const doc = await new HttpClient(app.url).get<{ paths: Record<string, unknown> }>('/api/openapi.json');
    for (const path of [
      '/api/groups',
      '/api/groups/{id}',
      '/api/groups/{id}/members',
      '/api/groups/{id}/members/{userId}',
      '/api/groups/{id}/admins',
      '/api/groups/{id}/messages',
      '/api/wall',
    ])
      expect(doc.body.paths).toHaveProperty([path]);
  });
});

describe('creating groups is limited per person', () => {
  it('answers 429 with Retry-After past RATE_LIMIT_GROUPS_PER_HOUR, until the hour of the app clock is over', async () => {
    const clock = new TestClock('2030-01-06T09:10:00.000Z');
    const limited = await startTestApp({ RATE_LIMIT_GROUPS_PER_HOUR: '2' }, undefined, { clock: clock.now });
    try {
      // Plain clients: the positions of the other app's database mean nothing here.
      const join = async (displayName: string) => {
        const http = new HttpClient(limited.url);
        const res = await http.post('/api/auth/register', {
          json: { email: `g-${randomUUID()}@example.com`, password: 'correct horse battery', displayName },
        });
        expect(res.status).toBe(201);
        return http;
      };
      const [ana, bo] = [await join('Ana'), await join('Bo')];
      const create = (http: HttpClient) => http.post<Group>('/api/groups', { json: { name: 'Chess club' } });
      for (let i = 0; i < 2; i++) expect((await create(ana)).status).toBe(201);
      const refused = expectProblem(await create(ana), 429);
      expect(refused.detail).toMatch(/Too many new groups\. Try again in 50 minutes\./);
      expect((await create(ana)).headers.get('retry-after')).toBe(String(50 * 60));
      // Nothing was written for the refused ones.
      expect((await ana.get<{ groups: Group[] }>('/api/groups')).body.groups).toHaveLength(2);
      // Someone else is not affected; the next hour of the app's clock starts afresh.
      expect((await create(bo)).status).toBe(201);
      clock.advance({ minutes: 50 });
      expect((await create(ana)).status).toBe(201);
    } finally {
      await limited.close();
    }
  });
});
