import { launchProfile } from './support/browser.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp, type SignedInUser } from './support/users.ts';
import { navLink, waitForNavLink } from './support/app-shell.ts';

/** Live updates should land within a second; the margin is for a busy 2-core machine. */
const LIVE_TIMEOUT = 5_000;

describe('live updates for connections and groups in the browser', () => {
  let app: TestApp;
  let ana: SignedInUser;
  let bo: SignedInUser;
  let anaPage: Page;
  let boPage: Page;
  const contexts: BrowserContext[] = [];
  const dirs: string[] = [];

  /** A separate browser profile signed in as `user`, with a marker a reload would wipe. */
  async function browserFor(user: SignedInUser, path: string, width = 1024): Promise<Page> {
    const dir = await mkdtemp(join(tmpdir(), 'skillswap-e2e-live-'));
    dirs.push(dir);
    const context = await launchProfile(dir, width);
    contexts.push(context);
    await context.addCookies(
      [...user.client.cookies].map(([name, value]) => ({ name, value, url: app.url })),
    );
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
    await page.goto(new URL(path, app.url).toString());
    return page;
  }

  const markPage = (page: Page) => page.evaluate(() => ((window as { marker?: boolean }).marker = true));
  const notReloaded = (page: Page) => page.evaluate(() => (window as { marker?: boolean }).marker === true);
  const live = { timeout: LIVE_TIMEOUT };

  beforeAll(async () => {
    app = await startTestApp();
    ana = await signUp(app.url, 'Ana');
    bo = await signUp(app.url, 'Bo');
    [anaPage, boPage] = await Promise.all([
      browserFor(ana, '/connections'),
      browserFor(bo, `/users/${ana.id}`, 375),
    ]);
    await anaPage.getByRole('heading', { name: 'Requests for you (0)' }).waitFor();
    await boPage.getByRole('button', { name: 'Connect', exact: true }).waitFor();
    await Promise.all([markPage(anaPage), markPage(boPage)]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await app?.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('shows Bo’s request in Ana’s header count and inbox without a reload', async () => {
    await boPage.getByRole('button', { name: 'Connect', exact: true }).click();
    await boPage.getByLabel('Note to Ana (optional)').fill('Chess for <i>Spanish</i>?');
    await boPage.getByRole('button', { name: 'Send request', exact: true }).click();
    await boPage.getByText('You asked to connect; Ana has not answered yet.').waitFor();

    await waitForNavLink(anaPage, 'Connections 1 request waiting', LIVE_TIMEOUT);
    await anaPage.getByRole('heading', { name: 'Requests for you (1)' }).waitFor(live);
    await anaPage.getByText('Bo wants to connect with you.').waitFor(live);
    await anaPage.getByText('“Chess for <i>Spanish</i>?”').waitFor();
    expect(await anaPage.locator('main i').count()).toBe(0);
    expect(await notReloaded(anaPage)).toBe(true);
  });

  it('shows Ana’s acceptance on the profile Bo is looking at without a reload', async () => {
    await anaPage.getByRole('button', { name: 'Accept Bo', exact: true }).click();
    await anaPage.getByRole('heading', { name: 'Your connections (1)' }).waitFor();

    await boPage.getByText('You are connected with Ana.').waitFor(live);
    await boPage.getByText('Ana accepted your connection request.').waitFor(live);
    expect(await notReloaded(boPage)).toBe(true);
    const overflow = await boPage.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
  });

  it('shows the group Ana adds Bo to in his groups list without a reload', async () => {
    await (await navLink(boPage, 'Groups')).click();
    await boPage.getByText('You are not in any group yet.').waitFor();

    const group = await ana.client.post<{ id: string }>('/api/groups', { json: { name: 'Chess club' } });
    expect(group.status).toBe(201);
    const added = await ana.client.post(`/api/groups/${group.body.id}/members`, { json: { userId: bo.id } });
    expect(added.status).toBe(204);

    const groups = boPage.getByRole('region', { name: 'Groups you belong to' });
    await groups.getByRole('link', { name: 'Chess club' }).waitFor(live);
    await boPage.getByText('Ana added you to Chess club.').waitFor(live);
    expect(await notReloaded(boPage)).toBe(true);
  });

  it('tells Bo in an open chat that messaging stopped when Ana blocks him', async () => {
    await boPage.goto(new URL(`/messages/${ana.id}`, app.url).toString());
    await boPage.getByText('No messages yet').waitFor();
    await boPage.getByLabel('Your message').waitFor();

    const blocked = await ana.client.post('/api/blocks', { json: { userId: bo.id } });
    expect(blocked.status).toBe(204);
    await boPage
      .getByText("You and Ana are no longer connected, so you can't send messages here.")
      .waitFor(live);
    expect(await boPage.getByLabel('Your message').count()).toBe(0);
  });
});
