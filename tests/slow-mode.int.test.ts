import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from './support/clock.ts';
import { createGroup } from './support/doc-world.ts';
import type { HttpClient } from './support/http-client.ts';
import { expectProblem, invalidFields, World } from './support/sessions.ts';
import { member, staffOfEveryRole, type Member } from './support/staff.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { appendMessage, RawDocClient } from './support/yjs-client.ts';

const clock = new TestClock('2030-01-06T09:00:00.000Z');
let app: TestApp;
let world: World;
let staff: Awaited<ReturnType<typeof staffOfEveryRole>>;

beforeAll(async () => {
  app = await startTestApp({}, undefined, { clock: clock.now, timers: false });
  world = new World(app.url);
  staff = await staffOfEveryRole(app, world);
});
afterAll(() => app?.close());

const cookieOf = (client: HttpClient) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const setSlowMode = (by: Member, doc: string, seconds: unknown) =>
  by.client.put('/api/admin/slow-mode', { json: { doc, seconds } });

/** Posts as `who` on `doc` (seen by `watcher`, a member); resolves with the refusal's reason, or null once an observer has the post. */
async function post(who: Member, doc: string, watcher?: Member): Promise<string | null> {
  const client = await RawDocClient.connect(app.url, doc, cookieOf(who.client));
  const id = randomUUID();
  const denial = client.nextDenial(3_000).catch(() => null);
  client.sendUpdate(client.craft((d) => appendMessage(d, { id, authorId: who.id, text: 'hi' })));
  const observer = await RawDocClient.connect(app.url, doc, cookieOf((watcher ?? staff.super_admin).client));
  const accepted = observer
    .until(() => observer.messages().some((m) => m.id === id), 'the post', 3_000)
    .then(() => null)
    .catch(() => 'not relayed');
  const result = await Promise.race([denial, accepted]);
  const outcome = result ?? (await accepted);
  client.close();
  observer.close();
  return outcome === 'not relayed' ? ((await denial) ?? outcome) : outcome;
}

describe('slow mode', () => {
  it('lets each person post once per interval on the wall, says how long to wait, and exempts moderators', async () => {
    const ana = await member(app, world, 'user', 'Ana');
    expect((await setSlowMode(staff.moderator, 'wall', 60)).status).toBe(204);
    expect(await post(ana, 'wall')).toBeNull();
    clock.advance({ seconds: 15 });
    expect(await post(ana, 'wall')).toBe(
      'Slow mode is on here: you may post once every 60 seconds. Try again in 45 seconds.',
    );
    expect(await post(staff.moderator, 'wall')).toBeNull();
    expect(await post(staff.moderator, 'wall')).toBeNull();
    clock.advance({ seconds: 45 });
    expect(await post(ana, 'wall')).toBeNull();
    expect((await setSlowMode(staff.admin, 'wall', 0)).status).toBe(204);
    expect(await post(ana, 'wall')).toBeNull();
  });

  it('may be set by a group’s admins for their own group only; users, unknown groups and bad values are refused', async () => {
    const [owner, guest] = [
      await member(app, world, 'user', 'Owner'),
      await member(app, world, 'user', 'Guest'),
    ];
    const groupId = await createGroup(app, owner.id, [guest.id]);
    const doc = `group-${groupId}`;
    expectProblem(await setSlowMode(guest, doc, 30), 403);
    expectProblem(await setSlowMode(owner, 'wall', 30), 403);
    expectProblem(await setSlowMode(staff.user, 'wall', 30), 403);
    expect((await setSlowMode(owner, doc, 30)).status).toBe(204);
    expect(await post(guest, doc, owner)).toBeNull();
    expect(await post(guest, doc, owner)).toMatch(/Try again in 30 seconds\.$/);
    expect(await post(owner, doc, owner)).toBeNull();
    expect(await post(owner, doc, owner)).toBeNull();
    expectProblem(await setSlowMode(staff.moderator, `group-${randomUUID()}`, 30), 404);
    expect(invalidFields(await setSlowMode(staff.moderator, 'lobby', 30))).toEqual(['doc']);
    expect(invalidFields(await setSlowMode(staff.moderator, 'wall', 21_601))).toEqual(['seconds']);
    expect(invalidFields(await setSlowMode(staff.moderator, 'wall', -1))).toEqual(['seconds']);
    expect(invalidFields(await setSlowMode(staff.moderator, 'wall', 1.5))).toEqual(['seconds']);
    expect((await setSlowMode(staff.moderator, 'wall', 21_600)).status).toBe(204);
    expect((await setSlowMode(staff.moderator, 'wall', 0)).status).toBe(204);
  });
});
