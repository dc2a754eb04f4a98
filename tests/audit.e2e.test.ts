import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '../src/features/identity/index.ts';
import { launchBrowser } from './support/browser.ts';
import { systemMetadata } from './support/events.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp, type SignedInUser } from './support/users.ts';

describe('audit: an admin travels back in a user stream and rebuilds a read model', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let ana: SignedInUser;
  const email = `admin-${randomUUID()}@example.com`;
  const password = 'admin password 123';

  beforeAll(async () => {
    app = await startTestApp();
    await registerUser(
      app.platform.deps,
      { email, password, displayName: 'Ada Admin', role: 'admin' },
      systemMetadata(),
    );
    ana = await signUp(app.url, 'Ana');
    expect((await ana.client.patch('/api/me', { json: { bio: 'Guitar teacher' } })).status).toBe(200);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    page.setDefaultTimeout(15_000);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const button = (name: string) => page.getByRole('button', { name, exact: true });

  it("opens a user's stream, travels to an earlier revision and sees the changed field; rebuilds users from the console", async () => {
    await page.goto(new URL('/signin', app.url).toString());
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await button('Sign in').click();
    await page.waitForURL((u) => u.pathname !== '/signin');

    // The stream browser, by prefix: Ana's user stream, with its revision.
    await page.evaluate(() => {
      window.history.pushState(null, '', '/admin/audit');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    const stream = `user-${ana.id}`;
    await page.getByLabel('Stream name starts with').fill(stream);
    await button('List streams').click();
    await page.getByRole('link', { name: stream }).click();
    await page.waitForURL((u) => u.pathname === `/admin/audit/streams/${stream}`);

    // Now: nothing changed since, and the state agrees with the users row.
    await page.getByRole('status').filter({ hasText: 'State at revision' }).waitFor();
    await page.getByText('Nothing: this is the current state.').waitFor();
    await page.getByText(/All \d+ shared fields agree with the row/).waitFor();

    // Back to the registration: the bio is what changed since, and what differs from the row.
    await button('State at #0').click();
    await page
      .getByRole('status')
      .filter({ hasText: /State at revision 0 of \d+/ })
      .waitFor();
    const since = page.getByRole('table', { name: 'Changed since' });
    const bio = since.getByRole('row').filter({ hasText: 'profile.bio' });
    await expect.poll(() => bio.innerText()).toContain('Guitar teacher');
    const row = page.getByRole('table', { name: 'Differs from the read model' });
    expect(await row.getByRole('row').filter({ hasText: 'profile.bio (bio)' }).count()).toBe(1);

    // The projections console: rebuild users and watch it finish.
    await page.getByRole('navigation', { name: 'Audit' }).getByRole('link', { name: 'Projections' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/projections');
    const users = page.getByRole('row', { name: 'users', exact: true });
    await users.waitFor();
    await users.getByRole('button', { name: 'Rebuild users' }).click();
    await page.getByRole('status').filter({ hasText: 'Rebuilding users beside the live tables' }).waitFor();
    await users.locator('[data-rebuild="done"]').waitFor();
    expect(await users.innerText()).toContain('Running');
    // Reads answer from the rebuilt table as before.
    const profile = await ana.client.get<{ bio: string }>(`/api/users/${ana.id}`);
    expect(profile.body.bio).toBe('Guitar teacher');
  });
});
