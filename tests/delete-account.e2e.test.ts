import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.ts';
import { connectUsers } from './support/connect-users.ts';
import { HttpClient } from './support/http-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp, type SignedInUser } from './support/users.ts';

const PASSWORD = 'correct horse battery';

/** "Delete my account" in Settings, on a phone: warning, password, signed out, gone for the others. */
describe('deleting one’s account in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let dee: SignedInUser;
  const email = `${randomUUID()}@example.com`;
  let cy: { id: string; client: HttpClient };

  beforeAll(async () => {
    app = await startTestApp();
    const client = new HttpClient(app.url);
    const res = await client.post<{ user: { id: string } }>('/api/auth/register', {
      json: { email, password: PASSWORD, displayName: 'Cy Leaving' },
    });
    expect(res.status).toBe(201);
    cy = { id: res.body.user.id, client };
    dee = await signUp(app.url, 'Dee Staying');
    await connectUsers(app.platform.deps.store, cy.id, dee.id);
    const sent = await cy.client.post(`/api/conversations/${dee.id}/messages`, {
      json: { body: 'Bye for now' },
    });
    expect(sent.status).toBe(201);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('asks for the password, erases the account, signs out; the other side keeps the message from “Deleted user”', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'en-US' });
    await context.addCookies([...cy.client.cookies].map(([name, value]) => ({ name, value, url: app.url })));
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(new URL('/settings', app.url).toString());
    const section = page.getByRole('region', { name: 'Delete my account' });
    await section.getByRole('button', { name: 'Delete my account…' }).click();

    // A wrong password erases nothing and says why.
    await section.getByLabel('Current password').fill('not my password');
    await section.getByRole('button', { name: 'Delete my account for good' }).click();
    await section.getByRole('alert').first().waitFor();
    expect((await cy.client.get('/api/me')).status).toBe(200);

    await section.getByLabel('Current password').fill(PASSWORD);
    await section.getByRole('button', { name: 'Delete my account for good' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
    expect((await cy.client.get('/api/me')).status).toBe(401);

    const list = await dee.client.get<{ conversations: { user: { displayName: string } }[] }>(
      '/api/conversations',
    );
    expect(list.body.conversations.map((c) => c.user.displayName)).toEqual(['Deleted user']);
    const messages = await dee.client.get<{ messages: { body: string }[] }>(
      `/api/conversations/${cy.id}/messages`,
    );
    expect(messages.body.messages.map((m) => m.body)).toEqual(['Bye for now']);
    // The address is free again.
    const again = await new HttpClient(app.url).post('/api/auth/register', {
      json: { email, password: PASSWORD, displayName: 'Cy Returning' },
    });
    expect(again.status).toBe(201);
    await context.close();
  });
});
