import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, type ApiResponse, type Problem } from './support/http-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp } from './support/users.ts';

// The CSRF check reads Origin and the host the browser talked to; neither may be trusted blindly.
let direct: TestApp;
let proxied: TestApp;
beforeAll(async () => {
  [direct, proxied] = await Promise.all([startTestApp(), startTestApp({ TRUST_PROXY: 'true' })]);
});
afterAll(async () => {
  await Promise.all([direct?.close(), proxied?.close()]);
});

const register = (app: TestApp, headers: Record<string, string>) =>
  new HttpClient(app.url).post('/api/auth/register', {
    json: { email: `${randomUUID()}@example.com`, password: 'correct horse battery', displayName: 'Origin' },
    headers,
  });

function expectForbidden(res: ApiResponse) {
  expect(res.status).toBe(403);
  expect(res.contentType).toBe('application/problem+json');
  expect((res.body as Problem).detail.length).toBeGreaterThan(0);
}

describe('a malformed Origin header', () => {
  for (const origin of ['http://[bad', 'not a url', 'http://', '://x', 'http://a b']) {
    it(`answers 403 problem+json for ${JSON.stringify(origin)} (was a 500)`, async () => {
      expectForbidden(await register(direct, { origin }));
    });
  }

  it('answers 403 on a signed-in, non-JSON request too', async () => {
    const user = await signUp(direct.url);
    expectForbidden(await user.client.post('/api/auth/logout', { headers: { origin: 'http://[::1' } }));
  });
});

describe('X-Forwarded-Host', () => {
  const fromProxy = { origin: 'https://skillswap.example', 'x-forwarded-host': 'skillswap.example' };

  it('is ignored without TRUST_PROXY: an Origin matching only it is cross-site', async () => {
    expectForbidden(await register(direct, fromProxy));
  });

  it('names the public host with TRUST_PROXY=true', async () => {
    expect((await register(proxied, fromProxy)).status).toBe(201);
    expectForbidden(await register(proxied, { ...fromProxy, origin: 'https://evil.example' }));
  });

  it('leaves same-origin requests alone either way', async () => {
    const self = new URL(direct.url).host;
    expect((await register(direct, { origin: `http://${self}` })).status).toBe(201);
    expect((await register(direct, {})).status).toBe(201);
  });
});
