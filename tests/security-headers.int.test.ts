import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, type ApiResponse } from './support/http-client.ts';
import { onePixelPng } from './support/images.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp, type SignedInUser } from './support/users.ts';

// Every answer carries the site-wide security headers, whatever produced it (route, thrown error, no
// route); the avatar keeps its own stricter policy.
let app: TestApp;
let ada: SignedInUser;
beforeAll(async () => {
  app = await startTestApp();
  ada = await signUp(app.url, 'Ada');
});
afterAll(async () => {
  await app?.close();
});

function expectSiteHeaders(res: ApiResponse) {
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res.headers.get('x-request-id')).toBeTruthy();
}

describe('site-wide security headers', () => {
  it('are on /healthz', async () => {
    const res = await new HttpClient(app.url).get('/healthz');
    expect(res.status).toBe(200);
    expectSiteHeaders(res);
  });

  it('are on JSON answers (signed in, signed out, the OpenAPI document)', async () => {
    const me = await ada.client.get('/api/me');
    expect(me.status).toBe(200);
    expectSiteHeaders(me);
    const profile = await new HttpClient(app.url).get(`/api/users/${ada.id}`);
    expect(profile.status).toBe(200);
    expectSiteHeaders(profile);
    const doc = await new HttpClient(app.url).get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expectSiteHeaders(doc);
  });

  it('are on problem answers: 401, 403, 404, 422 and 400', async () => {
    const anonymous = new HttpClient(app.url);
    const answers = [
      [401, await anonymous.get('/api/me')],
      [403, await ada.client.post('/api/groups', { json: { name: 'x' }, headers: { origin: 'http://[' } })],
      [404, await anonymous.get('/api/no-such-route')],
      [404, await anonymous.get('/media/avatars/nothing.png')],
      [422, await anonymous.get('/api/users/not-a-uuid')],
      [422, await ada.client.patch('/api/me', { json: { bio: 'x'.repeat(2001) } })],
      [400, await ada.client.get('/api/me', { headers: { 'x-min-position': 'soon' } })],
    ] as const;
    for (const [status, res] of answers) {
      expect(res.status).toBe(status);
      expect(res.contentType).toBe('application/problem+json');
      expectSiteHeaders(res);
    }
  });
});

describe('the avatar', () => {
  it("keeps its own default-src 'none' policy and nosniff", async () => {
    const upload = await ada.client.put<{ avatarUrl: string }>('/api/me/avatar', {
      body: onePixelPng(),
      headers: { 'content-type': 'image/png' },
    });
    expect(upload.status).toBe(200);
    expectSiteHeaders(upload);
    const image = await new HttpClient(app.url).get(upload.body.avatarUrl);
    expect(image.status).toBe(200);
    expect(image.contentType).toBe('image/png');
    expect(image.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(image.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});
