import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from './support/clock.ts';
import { connectUsers } from './support/connect-users.ts';
import { docMessages } from './support/doc-message-events.ts';
import { createGroup } from './support/doc-world.ts';
import { sessionCommands } from './support/session-commands.ts';
import { createSession, expectProblem, invalidFields, World } from './support/sessions.ts';
import { member, staffOfEveryRole, type Member } from './support/staff.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { appendMessage, RawDocClient } from './support/yjs-client.ts';

interface Item {
  kind: string;
  targetId: string;
  doc: string | null;
  content: {
    author: { id: string; displayName: string } | null;
    text: string | null;
    removed: boolean;
  } | null;
  reports: { id: string; reporter: { id: string } | null; reason: string; details: string | null }[];
  status: string;
  outcome: string | null;
}
interface MyReport {
  id: string;
  kind: string;
  targetId: string;
  status: string;
  outcome: string | null;
}

const clock = new TestClock('2030-01-06T09:00:00.000Z');
let app: TestApp;
let world: World;
let staff: Awaited<ReturnType<typeof staffOfEveryRole>>;

beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT_REPORTS_PER_HOUR: '5' }, undefined, {
    clock: clock.now,
    timers: false,
  });
  world = new World(app.url);
  staff = await staffOfEveryRole(app, world);
});
afterAll(() => app?.close());

const person = (name: string) => member(app, world, 'user', name);
const report = (by: Member, body: Record<string, unknown>) =>
  by.client.post<{ id: string; status: string }>('/api/reports', { json: body });
const openQueue = async () =>
  (await staff.moderator.client.get<{ items: Item[] }>('/api/admin/reports?status=open&limit=100')).body
    .items;

describe('reports', () => {
  it('groups reports of one target into one queue item with the content; resolving any resolves all; reporters see the outcome', async () => {
    const author = await person('Wall Spammer');
    const [ana, bo] = [await person('Ana'), await person('Bo')];
    const { id: messageId } = await docMessages(app.platform.deps.store, 'wall').post(
      author.id,
      'BUY <b>now</b>',
    );
    const first = await report(ana, {
      kind: 'wall_message',
      doc: 'wall',
      targetId: messageId,
      reason: 'spam',
    });
    expect(first.status).toBe(201);
    expect(first.body.status).toBe('open');
    expect(first.body.id).toMatch(/^[0-9a-f-]{36}$/);
    const second = await report(bo, {
      kind: 'wall_message',
      doc: 'wall',
      targetId: messageId,
      reason: 'inappropriate',
      details: 'Again & again',
    });
    expect(second.status).toBe(201);
    expectProblem(
      await report(bo, { kind: 'wall_message', doc: 'wall', targetId: messageId, reason: 'spam' }),
      409,
    );

    const item = (await openQueue()).find((i) => i.targetId === messageId)!;
    expect(item).toMatchObject({
      kind: 'wall_message',
      doc: 'wall',
      status: 'open',
      outcome: null,
      content: {
        author: { id: author.id, displayName: 'Wall Spammer' },
        text: 'BUY <b>now</b>',
        removed: false,
      },
    });
    expect(item.reports.map((r) => [r.reporter?.id, r.reason, r.details])).toEqual([
      [ana.id, 'spam', null],
      [bo.id, 'inappropriate', 'Again & again'],
    ]);

    const resolved = await staff.moderator.client.post<Item>(`/api/admin/reports/${second.body.id}/resolve`, {
      json: { action: 'suspend_user', note: 'Spam on the wall' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', outcome: 'user_suspended' });
    expect(resolved.body.reports).toHaveLength(2);
    expect((await author.client.get<{ status: string }>('/api/me')).body.status).toBe('suspended');
    expect((await openQueue()).some((i) => i.targetId === messageId)).toBe(false);
    expectProblem(
      await staff.moderator.client.post(`/api/admin/reports/${first.body.id}/resolve`, {
        json: { action: 'dismiss', note: 'late' },
      }),
      409,
    );
    for (const reporter of [ana, bo]) {
      const mine = await reporter.client.get<{ reports: MyReport[] }>('/api/reports');
      expect(mine.body.reports[0]).toMatchObject({
        targetId: messageId,
        status: 'resolved',
        outcome: 'user_suspended',
      });
    }
    const done = await staff.moderator.client.get<{ items: Item[] }>('/api/admin/reports?status=resolved');
    expect(done.body.items.find((i) => i.targetId === messageId)?.outcome).toBe('user_suspended');
  });

  it('lets people report only what they can see: a direct message only its receiver, a group message only members', async () => {
    const [ana, bo, cy] = [await person('Ana'), await person('Bo'), await person('Cy')];
    await connectUsers(app.platform.deps.store, ana.id, bo.id);
    const dm = await ana.client.post<{ id: string }>(`/api/conversations/${bo.id}/messages`, {
      json: { body: 'you are awful' },
    });
    expect(dm.status).toBe(201);
    const dmReport = { kind: 'direct_message', targetId: dm.body.id, reason: 'harassment' };
    const hiddenDetail = expectProblem(await report(cy, dmReport), 404).detail;
    expectProblem(await report(ana, dmReport), 404);
    expect(expectProblem(await report(cy, { ...dmReport, targetId: randomUUID() }), 404).detail).toBe(
      hiddenDetail,
    );
    const dmFiled = await report(bo, dmReport);
    expect(dmFiled.status).toBe(201);
    // A moderator removes it, although Bo has blocked Ana since: gone for both of them.
    expect((await bo.client.post('/api/blocks', { json: { userId: ana.id } })).status).toBe(204);
    const removed = await staff.moderator.client.post<Item>(`/api/admin/reports/${dmFiled.body.id}/resolve`, {
      json: { action: 'remove_content', note: 'Harassment' },
    });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ outcome: 'content_removed', content: { removed: true, text: '' } });
    const row = await app.platform.database.db
      .selectFrom('direct_messages')
      .select(['body', 'deleted'])
      .where('id', '=', dm.body.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ body: '', deleted: true });

    const groupId = await createGroup(app, ana.id, [bo.id]);
    const doc = `group-${groupId}`;
    const { id: gm } = await docMessages(app.platform.deps.store, doc).post(ana.id, 'members only');
    const groupReport = { kind: 'group_message', doc, targetId: gm, reason: 'other' };
    expectProblem(await report(cy, groupReport), 404);
    expect((await report(bo, groupReport)).status).toBe(201);
    expectProblem(await report(bo, { ...groupReport, doc: 'wall', kind: 'wall_message' }), 404);

    expectProblem(await report(cy, { kind: 'session', targetId: randomUUID(), reason: 'spam' }), 404);
    expectProblem(await report(cy, { kind: 'user', targetId: randomUUID(), reason: 'spam' }), 404);
  });

  it('refuses bad input: unknown kinds and reasons, a missing doc, long details, yourself (422); signed out (401)', async () => {
    const ana = await person('Ana');
    const target = await person('Target');
    const base = { kind: 'user', targetId: target.id, reason: 'spam' };
    expect(invalidFields(await report(ana, { ...base, kind: 'post' }))).toEqual(['kind']);
    expect(invalidFields(await report(ana, { ...base, reason: 'ugly' }))).toEqual(['reason']);
    expect(invalidFields(await report(ana, { ...base, targetId: 'x' }))).toEqual(['targetId']);
    expect(invalidFields(await report(ana, { ...base, details: 'x'.repeat(2_001) }))).toEqual(['details']);
    expect(
      invalidFields(await report(ana, { kind: 'wall_message', targetId: randomUUID(), reason: 'spam' })),
    ).toEqual(['doc']);
    expect(invalidFields(await report(ana, { ...base, targetId: ana.id }))).toEqual(['targetId']);
    expect((await world.client().post('/api/reports', { json: base })).status).toBe(401);
    expect((await report(ana, { ...base, details: 'x'.repeat(2_000) })).status).toBe(201);
  });

  it('limits how many reports one person files per hour (429 with Retry-After)', async () => {
    const ana = await person('Busy Reporter');
    const targets = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => person(`T${n}`)));
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (const t of targets) {
      const res = await report(ana, { kind: 'user', targetId: t.id, reason: 'spam' });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('removes a reported session (cancelled, attendees told), tells the author, and checks the resolver', async () => {
    const host = await person('Bad Host');
    const ana = await person('Ana');
    const session = await createSession(host, clock);
    const filed = await report(ana, { kind: 'session', targetId: session.id, reason: 'inappropriate' });
    expect(filed.status).toBe(201);
    const resolve = (by: Member, body: Record<string, unknown>) =>
      by.client.post<Item>(`/api/admin/reports/${filed.body.id}/resolve`, { json: body });
    expectProblem(await resolve(staff.user, { action: 'dismiss', note: 'x' }), 403);
    expect(invalidFields(await resolve(staff.moderator, { action: 'ban', note: 'x' }))).toEqual(['action']);
    expect(invalidFields(await resolve(staff.moderator, { action: 'dismiss', note: ' ' }))).toEqual(['note']);
    expectProblem(
      await staff.moderator.client.post(`/api/admin/reports/${randomUUID()}/resolve`, {
        json: { action: 'dismiss', note: 'x' },
      }),
      404,
    );
    const res = await resolve(staff.moderator, { action: 'remove_content', note: 'Not a real class' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'content_removed', content: { removed: true } });
    await app.platform.deps.projections.catchUp();
    const notices = await host.client.get<{ notifications: { type: string; body: string }[] }>(
      '/api/notifications',
    );
    expect(notices.body.notifications.find((n) => n.type === 'content.removed')?.body).toContain(
      'Not a real class',
    );
  });

  it('removes a reported wall message for everyone through the Yjs server, as a moderator deletion', async () => {
    const [author, ana] = [await person('Wall Author'), await person('Ana')];
    const cookie = (m: Member) => [...m.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const writer = await RawDocClient.connect(app.url, 'wall', cookie(author));
    const messageId = randomUUID();
    writer.sendUpdate(
      writer.craft((d) => appendMessage(d, { id: messageId, authorId: author.id, text: 'rude words' })),
    );
    const viewer = await RawDocClient.connect(app.url, 'wall', cookie(ana));
    await viewer.until(() => viewer.messages().some((m) => m.id === messageId), 'the post');
    await app.platform.deps.projections.catchUp();
    const filed = await report(ana, {
      kind: 'wall_message',
      doc: 'wall',
      targetId: messageId,
      reason: 'harassment',
    });
    expect(filed.status).toBe(201);
    const res = await staff.moderator.client.post<Item>(`/api/admin/reports/${filed.body.id}/resolve`, {
      json: { action: 'remove_content', note: 'Rude' },
    });
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('content_removed');
    await viewer.until(
      () => viewer.messages().some((m) => m.id === messageId && m.deleted === true && m.text === ''),
      'the removal',
    );
    await app.platform.deps.projections.catchUp();
    const row = await app.platform.database.db
      .selectFrom('doc_messages')
      .select(['deleted_at', 'deleted_by'])
      .where('id', '=', messageId)
      .executeTakeFirstOrThrow();
    expect(row.deleted_by).toBe(staff.moderator.id);
    expect(row.deleted_at).not.toBeNull();
    const notices = await author.client.get<{ notifications: { type: string; title: string }[] }>(
      '/api/notifications',
    );
    expect(notices.body.notifications.find((n) => n.type === 'content.removed')?.title).toBe(
      'A moderator removed your wall post',
    );
    const mine = await ana.client.get<{ reports: MyReport[] }>('/api/reports');
    expect(mine.body.reports[0]).toMatchObject({ targetId: messageId, outcome: 'content_removed' });
    writer.close();
    viewer.close();
  });

  it('removes a reported review: gone from the session and the host’s reputation, its author told', async () => {
    const [host, ana] = [await person('Reviewed Host'), await person('Angry Ana')];
    const { sessionId } = await sessionCommands(app.platform.deps.store).hostSession({
      hostId: host.id,
      attendees: [ana.id],
      startsAt: new Date(clock.now().getTime() - 2 * 86_400_000),
    });
    await app.platform.deps.projections.catchUp();
    const review = await ana.client.post<{ id: string }>(`/api/sessions/${sessionId}/reviews`, {
      json: { rating: 1, comment: 'insults' },
    });
    expect(review.status).toBe(201);
    const filed = await report(host, { kind: 'review', targetId: review.body.id, reason: 'harassment' });
    expect(filed.status).toBe(201);
    const res = await staff.moderator.client.post<Item>(`/api/admin/reports/${filed.body.id}/resolve`, {
      json: { action: 'remove_content', note: 'Insulting' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      outcome: 'content_removed',
      content: { text: 'insults', removed: true },
    });
    await app.platform.deps.projections.catchUp();
    const reviews = await host.client.get<{ reviews: unknown[] }>(`/api/sessions/${sessionId}/reviews`);
    expect(reviews.body.reviews).toEqual([]);
    const profile = await host.client.get<{ reputation: { reviews: number } }>(`/api/users/${host.id}`);
    expect(profile.body.reputation.reviews).toBe(0);
    const notices = await ana.client.get<{ notifications: { type: string; body: string }[] }>(
      '/api/notifications',
    );
    expect(notices.body.notifications.find((n) => n.type === 'content.removed')?.body).toContain('Insulting');
    // Removed is not forgotten: the same person cannot post it again, nor report it again.
    expectProblem(
      await ana.client.post(`/api/sessions/${sessionId}/reviews`, { json: { rating: 1, comment: 'again' } }),
      409,
    );
    expectProblem(await report(host, { kind: 'review', targetId: review.body.id, reason: 'spam' }), 404);
  });

  it('does not let a moderator suspend an equal through a report', async () => {
    const otherMod = await member(app, world, 'moderator', 'Other Mod');
    const ana = await person('Ana');
    const filed = await report(ana, { kind: 'user', targetId: otherMod.id, reason: 'harassment' });
    expectProblem(
      await staff.moderator.client.post(`/api/admin/reports/${filed.body.id}/resolve`, {
        json: { action: 'suspend_user', note: 'x' },
      }),
      403,
    );
    const item = (await openQueue()).find((i) => i.targetId === otherMod.id);
    expect(item?.status).toBe('open');
  });
});
