import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyst, runAsAnalyst } from '../projections/analytics.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp } from './support/users.ts';

// The analytics schema: every documented view readable by analysts, everything else refused. On PGlite
// through the read-only console (`runAsAnalyst`); on the Postgres server also through a real login role.
const VIEWS = [
  'users',
  'user_skills',
  'skills',
  'connections',
  'sessions',
  'session_registrations',
  'reviews',
  'badges',
  'tickets',
  'messages_daily',
];
const FORBIDDEN = ['public.es_events', 'public.users', 'public.auth_sessions', 'public.analytics_salt'];

let app: TestApp;
let userId: string;

beforeAll(async () => {
  app = await startTestApp();
  const ana = await signUp(app.url, 'Ana Analysed');
  userId = ana.id;
  expect((await ana.client.patch('/api/me', { json: { bio: 'A private bio' } })).status).toBe(200);
  expect(
    (await ana.client.put('/api/me/skills', { json: { teach: [{ name: 'Guitar' }], learn: [] } })).status,
  ).toBe(200);
  await app.platform.deps.projections.catchUp();
});
afterAll(async () => app?.close());

describe('analytics views', () => {
  it('documents every view and every column with a comment', async () => {
    const db = app.platform.deps.db;
    const views = await sql<{ name: string; comment: string | null }>`
      select c.relname as name, obj_description(c.oid, 'pg_class') as comment
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'analytics' and c.relkind = 'v' order by 1`.execute(db);
    expect(views.rows.map((v) => v.name).sort()).toEqual([...VIEWS].sort());
    for (const view of views.rows) expect(view.comment, view.name).toBeTruthy();
    const columns = await sql<{ view: string; column: string; comment: string | null }>`
      select c.relname as view, a.attname as column, col_description(c.oid, a.attnum) as comment
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0
      where n.nspname = 'analytics'`.execute(db);
    for (const column of columns.rows) expect(column.comment, `${column.view}.${column.column}`).toBeTruthy();
  });

  it('shows people as stable pseudonymous keys, without their name, email or bio', async () => {
    const users = await runAsAnalyst(app.platform.deps.db, 'select * from users');
    const dump = JSON.stringify(users);
    expect(dump).not.toContain(userId);
    expect(dump).not.toContain('Ana Analysed');
    expect(dump).not.toContain('A private bio');
    expect(dump).not.toContain('@example.com');
    const skills = await runAsAnalyst(
      app.platform.deps.db,
      "select user_key from user_skills where skill = 'guitar'",
    );
    expect(skills).toHaveLength(1);
    expect(users.map((u) => u.user_key)).toContain(skills[0]!.user_key);
  });

  it("answers docs/analytics.md's example questions", async () => {
    const doc = readFileSync(new URL('../docs/analytics.md', import.meta.url), 'utf8');
    const queries = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(queries).toHaveLength(5);
    for (const query of queries)
      await expect(runAsAnalyst(app.platform.deps.db, query), query).resolves.toBeDefined();
  });

  it('lets the console read every view and nothing else, and write nothing', async () => {
    const db = app.platform.deps.db;
    for (const view of VIEWS)
      await expect(runAsAnalyst(db, `select * from ${view} limit 1`)).resolves.toBeDefined();
    for (const table of FORBIDDEN)
      await expect(runAsAnalyst(db, `select * from ${table} limit 1`), table).rejects.toThrow(
        /permission denied/,
      );
    await expect(runAsAnalyst(db, "insert into public.rate_limits (key) values ('x')")).rejects.toThrow(
      /read-only|permission denied/,
    );
    await expect(runAsAnalyst(db, 'select 1; select * from public.users')).rejects.toThrow(/one statement/);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('an analyst login on the Postgres server', () => {
  const name = `analyst_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  let client: pg.Client;

  beforeAll(async () => {
    await createAnalyst(app.platform.deps.db, name, password);
    const url = new URL(app.platform.config.databaseUrl!);
    url.username = name;
    url.password = password;
    client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    const db = app.platform.deps.db;
    await sql`drop owned by ${sql.id(name)}`.execute(db);
    await sql`drop role ${sql.id(name)}`.execute(db);
  });

  it('reads every documented view, unqualified, and nothing else; writes nothing', async () => {
    for (const view of VIEWS)
      await expect(client.query(`select * from ${view} limit 1`)).resolves.toBeDefined();
    for (const table of FORBIDDEN)
      await expect(client.query(`select * from ${table} limit 1`), table).rejects.toThrow(
        /permission denied/,
      );
    await expect(client.query("insert into public.rate_limits (key) values ('x')")).rejects.toThrow(
      /read-only|permission denied/,
    );
    await expect(client.query('create table analytics.mine (x int)')).rejects.toThrow(
      /read-only|permission denied/,
    );
  });

  it('refuses a second role of the same name and a name that is not a plain identifier', async () => {
    await expect(createAnalyst(app.platform.deps.db, name, password)).rejects.toThrow(/exists already/);
    await expect(createAnalyst(app.platform.deps.db, 'Robert"; drop', password)).rejects.toThrow(
      /identifier/,
    );
  });
});
