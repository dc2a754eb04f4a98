import { projections as allProjections } from '../projections/index.ts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '../src/features/identity/index.ts';
import { HttpClient } from './support/http-client.ts';
import { systemMetadata } from './support/events.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

interface Status {
  head: number;
  projections: { name: string; position: number; status: string; lag: number }[];
}

describe('admin: projections', () => {
  let app: TestApp;
  const admin = () => new HttpClient(app.url);
  let superAdmin: HttpClient;

  beforeAll(async () => {
    app = await startTestApp();
    const email = `root-${randomUUID()}@example.com`;
    await registerUser(
      app.platform.deps,
      { email, password: 'root password 123', displayName: 'Root', role: 'super_admin' },
      systemMetadata(),
    );
    superAdmin = admin();
    expect(
      (await superAdmin.post('/api/auth/login', { json: { email, password: 'root password 123' } })).status,
    ).toBe(200);
  });
  afterAll(async () => app.close());

  it('refuses signed-out callers and plain users', async () => {
    expect((await admin().get('/api/admin/projections')).status).toBe(401);
    const user = admin();
    await user.post('/api/auth/register', {
      json: { email: `u-${randomUUID()}@example.com`, password: 'long enough pw', displayName: 'U' },
    });
    const refused = await user.get('/api/admin/projections');
    expect(refused.status).toBe(403);
    expect(refused.contentType).toBe('application/problem+json');
  });

  it('shows every projection with its position and lag, and rebuilds one from zero', async () => {
    const status = await superAdmin.get<Status>('/api/admin/projections');
    expect(status.status).toBe(200);
    expect(status.body.projections.map((p) => p.name).sort()).toEqual(
      allProjections.map((p) => p.name).sort(),
    );

    const before = await app.platform.database.db.selectFrom('users').selectAll().orderBy('id').execute();
    expect((await superAdmin.post('/api/admin/projections/users/rebuild')).status).toBe(202);
    await expect
      .poll(async () =>
        (await superAdmin.get<Status>('/api/admin/projections')).body.projections.find(
          (p) => p.name === 'users',
        ),
      )
      .toMatchObject({ status: 'running', lag: 0 });
    const after = await app.platform.database.db.selectFrom('users').selectAll().orderBy('id').execute();
    expect(after).toEqual(before);
    expect((await superAdmin.post('/api/admin/projections/nope/rebuild')).status).toBe(404);
  });
});
