import { launchProfile } from './support/browser.ts';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp, type SignedInUser } from './support/users.ts';
import { navLink, waitForNavLink } from './support/app-shell.ts';

// Issue 3's journey: two people go from a fuzzy match to a read receipt, each in their own browser.
describe('from a match to a read receipt, in two browsers', () => {
  let app: TestApp;
  let bo: SignedInUser;
  let ana: Page;
  let boPage: Page;
  const contexts: BrowserContext[] = [];
  const dirs: string[] = [];
  const url = (path: string) => new URL(path, app.url).toString();

  async function browser(width: number, cookies?: Map<string, string>): Promise<Page> {
    const dir = await mkdtemp(join(tmpdir(), 'skillswap-e2e-journey-'));
    dirs.push(dir);
    const context = await launchProfile(dir, width);
    contexts.push(context);
    if (cookies) {
      await context.addCookies([...cookies].map(([name, value]) => ({ name, value, url: app.url })));
    }
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
    return page;
  }

  beforeAll(async () => {
    app = await startTestApp();
    bo = await signUp(app.url, 'Bo Guitarist');
    const skills = await bo.client.put('/api/me/skills', {
      json: { teach: [{ name: 'Guitar', level: 'advanced' }], learn: [{ name: 'spanish' }] },
    });
    expect(skills.status).toBe(200);
    [ana, boPage] = await Promise.all([browser(1024), browser(375, bo.client.cookies)]);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await app?.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
  const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
  const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it('Ana signs up and sets what she teaches and wants to learn, typo included', async () => {
    await ana.goto(url('/signup'));
    await field(ana, 'Display name').fill('Ana Profesora');
    await field(ana, 'Email').fill(`ana.${randomUUID()}@example.com`);
    await field(ana, 'Password').fill('correct horse battery staple');
    await button(ana, 'Sign up').click();
    await ana.waitForURL((u) => u.pathname === '/me');

    await button(ana, 'Add skill to teach').click();
    await field(ana, 'Skill to teach 1').fill('Spanish');
    await field(ana, 'Level of skill to teach 1').selectOption('expert');
    await button(ana, 'Add skill to learn').click();
    await field(ana, 'Skill to learn 1').fill('guitarr');
    await button(ana, 'Save profile').click();
    await ana.getByRole('status').filter({ hasText: 'Profile saved' }).waitFor();
  });

  it('Ana finds Bo as a two-way match with reasons and asks to connect from his card', async () => {
    // Bo waits on his connections page, so the request has to reach him live.
    await boPage.goto(url('/connections'));
    await boPage.getByRole('heading', { name: 'Requests for you (0)' }).waitFor();

    await (await navLink(ana, 'Matches')).click();
    const card = ana.getByRole('article', { name: 'Bo Guitarist' });
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain('Two-way match');
    expect(text).toMatch(/Teaches Guitar, which you want to learn \(your “guitarr”, \d+% similar\)/);
    expect(text).toMatch(/Wants to learn spanish, which you teach/i);

    await card.getByRole('button', { name: 'Connect' }).click();
    await card.getByLabel('Note to Bo Guitarist (optional)').fill('Hola Bo! <i>Spanish</i> for guitar?');
    await card.getByRole('button', { name: 'Send request' }).click();
    await card.getByRole('status').filter({ hasText: 'Request sent to Bo Guitarist.' }).waitFor();

    // His profile knows about the request sent from the card.
    await card.getByRole('link', { name: 'Bo Guitarist' }).click();
    await ana.getByText('You asked to connect; Bo Guitarist has not answered yet.').waitFor();
  });

  it('Bo sees the request arrive, with the note as text, and accepts it', async () => {
    await waitForNavLink(boPage, 'Connections 1 request waiting');
    await boPage.getByRole('heading', { name: 'Requests for you (1)' }).waitFor();
    await boPage.getByText('“Hola Bo! <i>Spanish</i> for guitar?”', { exact: true }).waitFor();
    expect(await boPage.locator('main i').count()).toBe(0);

    await button(boPage, 'Accept Ana Profesora').click();
    await boPage.getByRole('heading', { name: 'Your connections (1)' }).waitFor();
    expect(await fits(boPage)).toBe(true);
  });

  it('Ana, still on his profile, sees the answer live, messages Bo; he reads it; she sees the read tick', async () => {
    await ana.getByText('You are connected with Bo Guitarist.').waitFor();
    await ana.getByRole('main').getByRole('link', { name: 'Message', exact: true }).click();
    await ana.waitForURL((u) => u.pathname === `/messages/${bo.id}`);
    await ana.getByText('No messages yet').waitFor();

    const html = '<b>¡Hola!</b> When do we start?';
    await ana.getByLabel('Your message').fill(html);
    await button(ana, 'Send').click();
    const sent = ana.getByRole('listitem').filter({ hasText: html });
    await sent.getByText('Sent', { exact: true }).waitFor();

    // Bo is still on his connections page: the header badge appears without a reload.
    await waitForNavLink(boPage, /1 unread message\b/);
    await (await navLink(boPage, /Messages/)).click();
    await boPage.getByRole('link', { name: /Ana Profesora/ }).click();
    await boPage.getByText(html, { exact: true }).waitFor();
    expect(await boPage.locator('main b').count()).toBe(0);

    await sent.getByText('Read', { exact: true }).waitFor();
    // The badge leaves the DOM (the menu may be closed, so look past visibility).
    await boPage
      .locator('#main-nav')
      .getByText(/unread message/)
      .waitFor({ state: 'detached' });
    expect(await fits(boPage)).toBe(true);
  });

  it('Ana’s match card for Bo now offers the chat instead of another request', async () => {
    await (await navLink(ana, 'Matches')).click();
    const card = ana.getByRole('article', { name: 'Bo Guitarist' });
    await card.getByText('You are connected with Bo Guitarist.').waitFor();
    expect(await card.getByRole('button', { name: 'Connect' }).count()).toBe(0);
    expect(await card.getByRole('link', { name: 'Message', exact: true }).getAttribute('href')).toBe(
      `/messages/${bo.id}`,
    );
  });
});
