import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '../src/features/identity/index.ts';
import { launchProfile } from './support/browser.ts';
import { systemMetadata } from './support/events.ts';
import { HttpClient } from './support/http-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { accountMenu } from './support/app-shell.ts';

describe('help: a user opens a ticket and support answers it live', () => {
  let app: TestApp;
  let profileDir: string;
  let context: BrowserContext;
  let page: Page;
  let admin: HttpClient;

  beforeAll(async () => {
    app = await startTestApp();
    const email = `admin-${randomUUID()}@example.com`;
    const password = 'admin password 123';
    const metadata = systemMetadata();
    await registerUser(
      app.platform.deps,
      { email, password, displayName: 'Sam Support', role: 'admin' },
      metadata,
    );
    admin = new HttpClient(app.url);
    expect((await admin.post('/api/auth/login', { json: { email, password } })).status).toBe(200);
    profileDir = await mkdtemp(path.join(tmpdir(), 'skillswap-e2e-'));
    context = await launchProfile(profileDir, 390);
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
  });
  afterAll(async () => {
    await context?.close();
    await app?.close();
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  });

  const field = (label: string) => page.getByLabel(label, { exact: true });
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const messages = () => page.getByRole('list', { name: 'Messages' }).getByRole('listitem');

  it('opens a request from Help and sees the answer arrive without reloading', async () => {
    await page.goto(new URL('/signup', app.url).toString());
    await field('Display name').fill('Hana Help');
    await field('Email').fill(`hana-${randomUUID()}@example.com`);
    await field('Password').fill('correct horse battery');
    await button('Sign up').click();
    await page.waitForURL((u) => u.pathname === '/me');
    // Not verified yet: reminded, with a way to get the link again.
    await page
      .getByRole('region', { name: 'Email verification' })
      .getByRole('button', { name: 'Send the link again' })
      .waitFor();

    await (await accountMenu(page)).getByRole('link', { name: 'Help', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/help');
    await button('Send request').click();
    await expect.poll(() => field('Subject').getAttribute('aria-invalid')).toBe('true');
    await field('Topic').selectOption('sessions');
    await field('Subject').fill('My calendar <b>link</b> fails');
    await field('How can we help?').fill('The feed says 404.');
    await button('Send request').click();
    await page.waitForURL((u) => /^\/help\/[0-9a-f-]{36}$/.test(u.pathname));
    const ticketId = new URL(page.url()).pathname.split('/').at(-1)!;
    // HTML typed by people is shown as text.
    await page.getByRole('heading', { name: 'My calendar <b>link</b> fails' }).waitFor();
    expect(await page.getByTestId('ticket-status').innerText()).toBe('Waiting for support');
    await expect.poll(() => messages().count()).toBe(1);

    const note = await admin.post(`/api/support/tickets/${ticketId}/messages`, {
      json: { body: 'Internal: check feed tokens', internal: true },
    });
    expect(note.status).toBe(201);
    const answer = await admin.post(`/api/support/tickets/${ticketId}/messages`, {
      json: { body: 'Renew it under <i>Calendar</i>, then try again.' },
    });
    expect(answer.status).toBe(201);
    await page.getByText('Renew it under <i>Calendar</i>, then try again.').waitFor();
    await expect.poll(() => messages().count()).toBe(2);
    expect(await page.locator('body').innerText()).not.toContain('Internal: check feed tokens');
    expect(await messages().nth(1).innerText()).toContain('Sam Support (support)');

    await admin.post(`/api/admin/tickets/${ticketId}/status`, { json: { status: 'pending' } });
    await expect.poll(() => page.getByTestId('ticket-status').innerText()).toBe('Waiting for your answer');
    await field('Your reply').fill('Works now, thanks!');
    await button('Send reply').click();
    await expect.poll(() => messages().count()).toBe(3);
    await expect.poll(() => page.getByTestId('ticket-status').innerText()).toBe('Waiting for support');

    await admin.post(`/api/admin/tickets/${ticketId}/status`, { json: { status: 'closed' } });
    await page.getByText('This request is closed.').waitFor();
    expect(await field('Your reply').count()).toBe(0);

    await page.getByRole('link', { name: 'All your requests' }).click();
    await page.getByRole('link', { name: 'My calendar <b>link</b> fails' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});
