import { launchProfile } from './support/browser.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectUsers } from './support/connect-users.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp, type SignedInUser } from './support/users.ts';
import { waitForNavLink } from './support/app-shell.ts';

describe('direct messages in the browser', () => {
  let app: TestApp;
  let ana: SignedInUser;
  let bo: SignedInUser;
  const contexts: BrowserContext[] = [];
  const dirs: string[] = [];

  /** A separate browser profile signed in as `user` (cookies taken from the API client). */
  async function browserFor(user: SignedInUser, width = 1024): Promise<Page> {
    const dir = await mkdtemp(join(tmpdir(), 'skillswap-e2e-dm-'));
    dirs.push(dir);
    const context = await launchProfile(dir, width);
    contexts.push(context);
    await context.addCookies(
      [...user.client.cookies].map(([name, value]) => ({ name, value, url: app.url })),
    );
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
    return page;
  }

  beforeAll(async () => {
    app = await startTestApp();
    ana = await signUp(app.url, 'Ana Sender');
    bo = await signUp(app.url, 'Bo Reader');
    await connectUsers(app.platform.deps.store, ana.id, bo.id);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await app?.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('delivers, marks read, shows typing, edits and deletes live, with user text as text', async () => {
    const anaPage = await browserFor(ana);
    const boPage = await browserFor(bo, 375);
    await anaPage.goto(new URL(`/messages/${bo.id}`, app.url).toString());
    await anaPage.getByText('No messages yet').waitFor();
    await boPage.goto(new URL('/messages', app.url).toString());
    await boPage.getByText('No conversations yet').waitFor();
    // An empty inbox offers the connections to write to.
    await boPage.getByRole('link', { name: 'Write to Ana Sender' }).waitFor();

    const html = '<b>bold?</b> hi Bo';
    await anaPage.getByLabel('Your message').fill(html);
    await anaPage.getByRole('button', { name: 'Send', exact: true }).click();
    await anaPage.getByText(html, { exact: true }).waitFor();

    // Bo's list and header badge update without a reload.
    await waitForNavLink(boPage, /1 unread message\b/);
    await boPage.getByRole('link', { name: /Ana Sender/ }).click();
    const received = boPage.getByText(html, { exact: true });
    await received.waitFor();
    expect(await boPage.locator('main b').count()).toBe(0);
    // Opening the chat read it: Ana sees the double tick, Bo's badge goes.
    await anaPage.getByText('Read', { exact: true }).waitFor();
    await boPage
      .locator('#main-nav')
      .getByText(/unread message/)
      .waitFor({ state: 'detached' });

    // Typing, then an edit and a delete, all live on Bo's side.
    await anaPage.getByLabel('Your message').pressSequentially('typing…', { delay: 20 });
    await boPage.getByText('Ana Sender is typing…').waitFor();
    await anaPage.getByRole('button', { name: 'Edit', exact: true }).click();
    await anaPage.getByLabel('Edit your message').fill('edited text');
    await anaPage.getByRole('button', { name: 'Save', exact: true }).click();
    await boPage.getByText('edited text', { exact: true }).waitFor();
    await boPage.getByText('edited', { exact: true }).waitFor();
    // Delete asks inline (no native dialog): the confirming button takes the place of the first.
    await anaPage.getByRole('button', { name: 'Delete', exact: true }).click();
    await anaPage
      .getByRole('group', { name: 'Delete for both of you?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await boPage.getByText('Message deleted', { exact: true }).waitFor();

    const overflow = await boPage.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
  });
});
