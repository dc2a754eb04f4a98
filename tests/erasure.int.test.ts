import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/features/identity/passwords.ts';
import { erasureListFile } from '../src/features/privacy/index.ts';
import { sealLegacyEvents } from '../src/personal-data.ts';
import type { Db } from '../src/platform/db/database.ts';
import type { PersonalDataStore } from '../src/platform/personal-data/store.ts';
import { connectUsers } from './support/connect-users.ts';
import { systemMetadata } from './support/events.ts';
import { sessionCommands } from './support/session-commands.ts';
import { World } from './support/sessions.ts';
import { member, PASSWORD, type Member } from './support/staff.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

const PG_DUMP = '/usr/lib/postgresql/15/bin/pg_dump';

let app: TestApp;
let world: World;
let ana: Member;
let bo: Member;
let admin: Member;
const BIO = `Teaches flamenco guitar in Sevilla ${randomUUID()}`;
const NAME = `Ana Shredded ${randomUUID().slice(0, 8)}`;
/** A made-up one-word skill name (letters only: no curated skill or typo rule comes near it). */
const madeUp = (stem: string) =>
  `${stem}${randomUUID()
    .replace(/-/g, '')
    .slice(0, 10)
    .replace(/[0-9a-f]/g, (c) => String.fromCharCode(103 + parseInt(c, 16)))}`;
/** Skills only Ana ever wrote: one she lists when erased, one she listed before and took off. */
const ONLY_ANA = madeUp('Zorbquat');
const ANA_BEFORE = madeUp('Quillvex');
/** A skill Bo wrote first and Ana too: it stays in the vocabulary for Bo. */
const SHARED = madeUp('Brannock');

/** The shared skill vocabulary of the matching read model, in a stable order. */
async function vocabulary(db: Db) {
  return {
    skills: await db.selectFrom('canonical_skills').selectAll().orderBy('id').execute(),
    spellings: await db.selectFrom('skill_name_resolutions').selectAll().orderBy('name_key').execute(),
    writers: await db
      .selectFrom('skill_name_writers')
      .selectAll()
      .orderBy('name_key')
      .orderBy('user_id')
      .execute(),
  };
}
let vocabularyAfterErasure: Awaited<ReturnType<typeof vocabulary>>;

/** The whole database as plain SQL text: pg_dump on a server, every table's rows on PGlite. */
async function dump(db: Db): Promise<string> {
  const url = app.platform.config.databaseUrl;
  if (url && existsSync(PG_DUMP))
    return execFileSync(PG_DUMP, ['--data-only', url], { maxBuffer: 1 << 28 }).toString();
  const tables = await sql<{ schema: string; name: string }>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`.execute(db);
  const parts: string[] = [];
  for (const t of tables.rows) {
    const rows = await sql<{
      row: string;
    }>`select t::text as row from ${sql.table(`${t.schema}.${t.name}`)} t`.execute(db);
    parts.push(`-- ${t.schema}.${t.name}`, ...rows.rows.map((r) => r.row));
  }
  return parts.join('\n');
}

const mentions = (text: string, person: { email: string }, name: string, bio: string) =>
  [person.email, name, bio].filter((needle) => text.toLowerCase().includes(needle.toLowerCase()));

beforeAll(async () => {
  app = await startTestApp();
  world = new World(app.url);
  [ana, bo, admin] = await Promise.all([
    member(app, world, 'user', NAME),
    member(app, world, 'user', 'Bo Friend'),
    member(app, world, 'admin', 'Ada Admin'),
  ]);
  await connectUsers(app.platform.deps.store, ana.id, bo.id);
  expect((await ana.client.patch('/api/me', { json: { bio: BIO, languages: ['Spanish'] } })).status).toBe(
    200,
  );
  const bosSkills = { teach: [], learn: [{ name: SHARED }] };
  expect((await bo.client.put('/api/me/skills', { json: bosSkills })).status).toBe(200);
  const before = { teach: [{ name: ANA_BEFORE }], learn: [] };
  expect((await ana.client.put('/api/me/skills', { json: before })).status).toBe(200);
  const skills = { teach: [{ name: 'Flamenco guitar' }, { name: ONLY_ANA }, { name: SHARED }], learn: [] };
  expect((await ana.client.put('/api/me/skills', { json: skills })).status).toBe(200);
  const hi = { body: 'Hola Bo, see you at the lesson' };
  expect((await ana.client.post(`/api/conversations/${bo.id}/messages`, { json: hi })).status).toBe(201);
  const reply = { body: 'See you, Ana!' };
  expect((await bo.client.post(`/api/conversations/${ana.id}/messages`, { json: reply })).status).toBe(201);
}, 60_000);
afterAll(async () => app?.close());

describe('DELETE /api/me', () => {
  let sessionId: string;
  let groupId: string;

  beforeAll(async () => {
    const later = new Date(Date.now() + 7 * 24 * 3600_000);
    ({ sessionId } = await sessionCommands(app.platform.deps.store).hostSession({
      hostId: ana.id,
      attendees: [bo.id],
      startsAt: later,
      held: false,
    }));
    const group = await ana.client.post<{ id: string }>('/api/groups', { json: { name: 'Guitar circle' } });
    expect(group.status).toBe(201);
    groupId = group.body.id;
    expect(
      (await ana.client.post(`/api/groups/${groupId}/members`, { json: { userId: bo.id } })).status,
    ).toBe(204);
    await app.platform.deps.projections.catchUp();
    const before = await dump(app.platform.deps.db);
    // The log itself holds only sealed personal data: the read models are what still show it.
    const log = await sql<{ row: string }>`select e::text as row from es_events e`.execute(
      app.platform.deps.db,
    );
    expect(mentions(log.rows.map((r) => r.row).join('\n'), ana, NAME, BIO)).toEqual([]);
    expect(mentions(before, ana, NAME, BIO).length).toBeGreaterThan(0);
    // The vocabulary holds the skill names she wrote, the one she took off too.
    for (const skill of [ONLY_ANA, ANA_BEFORE, SHARED]) expect(before).toContain(skill.toLowerCase());
  }, 30_000);

  it('refuses a wrong password with 403 and keeps the account', async () => {
    const res = await ana.client.delete('/api/me', { json: { password: 'not my password' } });
    expect(res.status).toBe(403);
    expect((await ana.client.get('/api/me')).status).toBe(200);
  });

  it('erases with the password: signed out, and nothing of the person is left in the database', async () => {
    const res = await ana.client.delete('/api/me', { json: { password: PASSWORD } });
    expect(res.status).toBe(204);
    expect((await ana.client.get('/api/me')).status).toBe(401);
    await app.platform.deps.projections.catchUp();
    const after = await dump(app.platform.deps.db);
    expect(mentions(after, ana, NAME, BIO)).toEqual([]);
    expect(readFileSync(erasureListFile(app.dataDir), 'utf8')).toContain(ana.id);
    // Skill names only she ever wrote left the shared vocabulary (in any case); Bo's stays.
    for (const skill of [ONLY_ANA, ANA_BEFORE])
      expect(after.toLowerCase()).not.toContain(skill.toLowerCase());
    expect(after).toContain(SHARED.toLowerCase());
    vocabularyAfterErasure = await vocabulary(app.platform.deps.db);
    expect(vocabularyAfterErasure.skills.map((s) => s.label)).toContain(SHARED);
  });

  it('keeps the conversation for the other side, from "Deleted user"', async () => {
    const list = await bo.client.get<{ conversations: { user: { id: string; displayName: string } }[] }>(
      '/api/conversations',
    );
    expect(list.body.conversations.find((c) => c.user.id === ana.id)?.user.displayName).toBe('Deleted user');
    const messages = await bo.client.get<{ messages: { body: string }[] }>(
      `/api/conversations/${ana.id}/messages`,
    );
    expect(messages.body.messages.map((m) => m.body)).toEqual([
      'Hola Bo, see you at the lesson',
      'See you, Ana!',
    ]);
  });

  it('cancels their upcoming hosted session and hands their group to its longest-standing member', async () => {
    const session = await bo.client.get<{ status: string }>(`/api/sessions/${sessionId}`);
    expect(session.body.status).toBe('cancelled');
    const groups = await bo.client.get<{ groups: { id: string; role: string }[] }>('/api/groups');
    expect(groups.body.groups.find((g) => g.id === groupId)?.role).toBe('admin');
  });

  it('reads as erased in the audit stream browser', async () => {
    const res = await admin.client.get<{ events: { type: string; data: Record<string, unknown> }[] }>(
      `/api/admin/streams/user-${ana.id}/events`,
    );
    const registered = res.body.events.find((e) => e.type === 'UserRegistered');
    expect(registered?.data).toMatchObject({ displayName: 'Deleted user', email: '' });
    expect(JSON.stringify(res.body)).not.toContain(BIO);
  });

  it('every read model rebuilds from the erased log, still with nothing of the person', async () => {
    const runner = app.platform.deps.projections;
    for (const p of runner.status()) await runner.rebuild(p.name);
    expect(await runner.catchUp()).toBe(true);
    expect(runner.status().filter((p) => p.status !== 'running')).toEqual([]);
    const rebuilt = await dump(app.platform.deps.db);
    expect(mentions(rebuilt, ana, NAME, BIO)).toEqual([]);
    for (const skill of [ONLY_ANA, ANA_BEFORE])
      expect(rebuilt.toLowerCase()).not.toContain(skill.toLowerCase());
    // The erasure left the vocabulary exactly as a rebuild from the erased log makes it.
    expect(await vocabulary(app.platform.deps.db)).toEqual(vocabularyAfterErasure);
    const row = await app.platform.deps.db
      .selectFrom('users')
      .select(['display_name', 'status'])
      .where('id', '=', ana.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ display_name: 'Deleted user', status: 'erased' });
  }, 30_000);
  it('frees the email to register again', async () => {
    const again = await world.client().post('/api/auth/register', {
      json: { email: ana.email, password: PASSWORD, displayName: 'Ana Again' },
    });
    expect(again.status).toBe(201);
  });
});

describe('DELETE /api/admin/users/:id', () => {
  it('is for admins; erases the account and records a receipt', async () => {
    const cy = await member(app, world, 'user', 'Cy Erased');
    expect((await bo.client.delete(`/api/admin/users/${cy.id}`)).status).toBe(403);
    const res = await admin.client.delete(`/api/admin/users/${cy.id}`);
    expect(res.status).toBe(204);
    expect(res.headers.get('location')).toBe(`/api/admin/erasures/${cy.id}`);
    const receipt = await admin.client.get<{
      streamsTouched: string[];
      projectionsUpdated: string[];
    }>(`/api/admin/erasures/${cy.id}`);
    expect(receipt.body).toMatchObject({
      userId: cy.id,
      erasedBy: admin.id,
      keyDestroyed: true,
      signInsEnded: true,
    });
    expect(receipt.body.streamsTouched).toContain(`user-${cy.id}`);
    expect(receipt.body.projectionsUpdated).toEqual(expect.arrayContaining(['users', 'activity_log']));
    expect((await cy.client.get('/api/me')).status).toBe(401);
    const view = await admin.client.get<{ status: string; displayName: string }>(`/api/admin/users/${cy.id}`);
    expect(view.body).toMatchObject({ status: 'erased', displayName: 'Deleted user' });
  });
});

describe('events written before encryption', () => {
  it('are sealed in place once, the sha256 email stream renamed to its HMAC name, and erasable', async () => {
    const { db } = app.platform.deps;
    const raw = (app.platform.deps.store as PersonalDataStore).inner;
    const userId = randomUUID();
    const email = `legacy-${randomUUID()}@example.com`;
    const legacyName = `Lee Legacy ${randomUUID().slice(0, 6)}`;
    const meta = { ...systemMetadata(), actorId: userId, actorRole: 'user' as const, ip: '203.0.113.9' };
    // What the app wrote before this change: plain values, the reservation named by a plain SHA-256.
    const sha = `email-${createHash('sha256').update(email).digest('hex')}`;
    await raw.append(sha, [{ type: 'EmailReserved', data: { userId, email }, metadata: meta }]);
    const passwordHash = await hashPassword(PASSWORD);
    await raw.append(`user-${userId}`, [
      {
        type: 'UserRegistered',
        data: { userId, email, displayName: legacyName, passwordHash, role: 'user' },
        metadata: { ...meta, schemaVersion: 1 },
      },
    ]);
    await db.deleteFrom('personal_data_migrations').execute();
    const summary = await sealLegacyEvents(
      db,
      (app.platform.deps.store as PersonalDataStore).codec,
      app.platform.deps.logger,
    );
    expect(summary?.renamedEmailStreams).toBeGreaterThanOrEqual(1);
    expect(summary?.sealedEvents).toBeGreaterThanOrEqual(2);
    const log = await sql<{ row: string }>`select e::text as row from es_events e`.execute(db);
    const text = log.rows.map((r) => r.row).join('\n');
    expect(text).not.toContain(email);
    expect(text).not.toContain(legacyName);
    expect(text).not.toContain('203.0.113.9');
    expect(text).not.toContain(sha);

    const lee = world.client();
    expect((await lee.post('/api/auth/login', { json: { email, password: PASSWORD } })).status).toBe(200);
    expect((await lee.delete('/api/me', { json: { password: PASSWORD } })).status).toBe(204);
    const events = await app.platform.deps.store.readStream(`user-${userId}`);
    expect(events[0]?.data).toMatchObject({ displayName: 'Deleted user', email: '' });
    expect(events[0]?.metadata.ip).toBeUndefined();
    // Running it again changes nothing.
    expect(
      await sealLegacyEvents(
        db,
        (app.platform.deps.store as PersonalDataStore).codec,
        app.platform.deps.logger,
      ),
    ).toBeUndefined();
  });
});
