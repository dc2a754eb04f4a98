import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountMenu, navLink, openNav, signOut } from './support/app-shell.ts';
import { launchBrowser } from './support/browser.ts';
import { HttpClient } from './support/http-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp, type SignedInUser } from './support/users.ts';

const SHOTS = join(process.cwd(), 'test-results', 'screenshots');

/** The app shell at 375 px and 1280 px: header, menus, bell, home, settings, guards, cross-tab sign-out. */
describe('app shell in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ana: SignedInUser;
  let bo: SignedInUser;
  const url = (path: string) => new URL(path, app.url).toString();
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, name), fullPage: false });
  const button = (name: string | RegExp) =>
    page.getByRole('button', typeof name === 'string' ? { name, exact: true } : { name });
  const headerHeight = () =>
    page.getByRole('banner').evaluate((header) => header.getBoundingClientRect().height);
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startTestApp();
    [ana, bo] = await Promise.all([signUp(app.url, 'Ana Shell'), signUp(app.url, 'Bo Teacher')]);
    const cy = await signUp(app.url, 'Cy Asker');
    // Ana's profile is complete; Bo teaches what she learns and the other way round (a match).
    expect(
      (await ana.client.patch('/api/me', { json: { languages: ['English'], timezone: 'Europe/Berlin' } }))
        .status,
    ).toBe(200);
    const skills = (teach: string, learn: string) => ({
      json: { teach: [{ name: teach }], learn: [{ name: learn }] },
    });
    expect((await ana.client.put('/api/me/skills', skills('Spanish', 'Guitar'))).status).toBe(200);
    expect((await bo.client.put('/api/me/skills', skills('Guitar', 'Spanish'))).status).toBe(200);
    // Bo is connected to Ana and wrote to her; Cy's request waits.
    const asked = await bo.client.post<{ id: string }>('/api/connections', { json: { userId: ana.id } });
    expect((await ana.client.post(`/api/connections/${asked.body.id}/accept`)).status).toBe(200);
    const wrote = await bo.client.post(`/api/conversations/${ana.id}/messages`, {
      json: { body: 'Hola Ana!' },
    });
    expect(wrote.status).toBe(201);
    expect((await cy.client.post('/api/connections', { json: { userId: ana.id } })).status).toBe(201);

    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'en-US' });
    await context.addCookies([...ana.client.cookies].map(([name, value]) => ({ name, value, url: app.url })));
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('home at 375 px: one header row, the sections behind Menu, and what is new instead of the pitch', async () => {
    await page.goto(url('/'));
    await page.getByRole('heading', { level: 1, name: 'Welcome back, Ana Shell' }).waitFor();
    expect(await headerHeight()).toBeLessThanOrEqual(64);
    expect(await fits()).toBe(true);

    const requests = page.getByRole('region', { name: 'Requests waiting' });
    await requests.getByText('Cy Asker').waitFor();
    await page.getByRole('region', { name: 'Unread conversations' }).getByText('Bo Teacher').waitFor();
    await page.getByRole('region', { name: 'Your matches' }).getByText('Bo Teacher').waitFor();
    await page.getByRole('region', { name: 'Upcoming sessions' }).getByText('Nothing booked.').waitFor();
    const text = await page.locator('main').innerText();
    expect(text).not.toContain('Teach what you know');
    expect(text).not.toContain('Complete your profile');
    await shot('home-375.png');
  });

  it('opens and closes the Menu as a disclosure: aria-expanded, Escape, focus back on the button', async () => {
    const menu = button('Menu');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0); // hidden
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of ['Matches', 'Sessions', 'Mentors', 'Wall', 'Groups', 'Calls']) {
      await nav.getByRole('link', { name, exact: true }).waitFor();
    }
    await nav.getByRole('link', { name: 'Connections 1 request waiting' }).waitFor();
    await shot('header-375-menu-open.png');
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Menu');
    expect(await headerHeight()).toBeLessThanOrEqual(64);
  });

  it('shows unread notifications on the bell and lists them; opening marks them read', async () => {
    const bell = button(/^Notifications, \d+ unread$/);
    await bell.waitFor();
    await bell.click();
    const panel = page.locator('#notifications-panel');
    await panel.getByText('Cy Asker wants to connect').waitFor();
    await panel.getByText('New message from Bo Teacher').waitFor();
    await shot('notifications-375.png');
    await page.keyboard.press('Escape');
    await button('Notifications').waitFor();
    const unread = await ana.client.get<{ unread: number }>('/api/notifications');
    expect(unread.body.unread).toBe(0);
  });

  it('has an account menu with the public profile, My profile, Settings, Help and Sign out, and no Admin', async () => {
    const menu = await accountMenu(page);
    for (const name of ['Ana Shell', 'My profile', 'Settings', 'Help']) {
      await menu.getByRole('link', { name, exact: true }).waitFor();
    }
    await menu.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await menu.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await shot('account-menu-375.png');
    await menu.getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL((u) => u.pathname === '/settings');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(await button('Account menu').getAttribute('aria-expanded')).toBe('false');
  });

  it('tells Ana about a new message while she is elsewhere, with a way to the chat', async () => {
    const wrote = await bo.client.post(`/api/conversations/${ana.id}/messages`, {
      json: { body: 'Still there?' },
    });
    expect(wrote.status).toBe(201);
    const notice = page.getByRole('status').filter({ hasText: 'New message from Bo Teacher.' });
    await notice.waitFor();
    expect(await notice.getByRole('link', { name: 'Open chat' }).getAttribute('href')).toBe(
      `/messages/${bo.id}`,
    );
  });

  it('settings: lists signed-in browsers and signs out the others', async () => {
    const email = (await ana.client.get<{ email: string }>('/api/me')).body.email;
    const phone = new HttpClient(app.url, new Map(), {
      'user-agent': 'Mozilla/5.0 (Linux; Android 14) Chrome/131.0',
    });
    expect(
      (await phone.post('/api/auth/login', { json: { email, password: 'correct horse battery' } })).status,
    ).toBe(200);
    // The phone is a browser too, open on the home page.
    const phoneContext = await browser.newContext({ viewport: { width: 375, height: 800 } });
    await phoneContext.addCookies([...phone.cookies].map(([name, value]) => ({ name, value, url: app.url })));
    const phonePage = await phoneContext.newPage();
    await phonePage.goto(url('/'));
    await phonePage.getByRole('heading', { level: 1, name: 'Welcome back, Ana Shell' }).waitFor();

    await page.reload();
    const list = page.getByRole('list', { name: 'Signed-in browsers' });
    await list.getByText('Chrome on Android').waitFor();
    await list.getByText('This browser').waitFor();
    await button('Sign out all other browsers').click();
    await button('Sign them out').click();
    await page.getByRole('status').getByText('Signed out 1 other browser.').waitFor();
    expect((await phone.get('/api/me')).status).toBe(401);
    await list.getByText('Chrome on Android').waitFor({ state: 'detached' });
    // The phone's page hears it at once (its live socket closes) and shows itself signed out.
    await phonePage
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Sign in' })
      .waitFor();
    await phoneContext.close();
  });

  it('settings: changes the password (a wrong current one is refused) and saves the email preference', async () => {
    await page.getByLabel('Current password', { exact: true }).first().fill('not my password at all');
    await page.getByLabel('New password', { exact: true }).fill('a brand new password');
    await button('Change password').click();
    await page.getByRole('alert').getByText('Your current password is not correct.').waitFor();
    await page.getByLabel('Current password', { exact: true }).first().fill('correct horse battery');
    await button('Change password').click();
    await page.getByRole('status').getByText('Password changed.', { exact: false }).waitFor();

    const emails = page.getByRole('checkbox', { name: /Email me about/ });
    expect(await emails.isChecked()).toBe(true);
    await emails.uncheck();
    await page.getByRole('status').getByText('Saved: no more emails about activity.').waitFor();
    expect((await ana.client.get<{ emailNotifications: boolean }>('/api/me/settings')).body).toEqual({
      emailNotifications: false,
    });
    await page.getByRole('link', { name: 'Download my data (JSON)' }).waitFor();
    expect(await fits()).toBe(true);
    await shot('settings-375.png');
  });

  it('says "Could not reach SkillSwap" while offline and takes it back once the connection returns', async () => {
    await context.setOffline(true);
    try {
      // The preference flips back at once, as the save failed.
      await page.getByRole('checkbox', { name: /Email me about/ }).click();
      const alert = page.getByRole('alert').getByText('Could not reach SkillSwap.', { exact: false });
      await alert.waitFor();
      await page.getByText('Could not reach SkillSwap. Trying again…').waitFor();
      await shot('offline-375.png');
      await context.setOffline(false);
      await alert.waitFor({ state: 'detached' });
      await page.getByText('Could not reach SkillSwap. Trying again…').waitFor({ state: 'detached' });
    } finally {
      await context.setOffline(false);
    }
  });

  it('asks before leaving My profile with unsaved changes; one Save keeps everything', async () => {
    await (await accountMenu(page)).getByRole('link', { name: 'My profile' }).click();
    await page.getByLabel('Bio', { exact: true }).fill('Spanish teacher, guitar beginner.');
    await page.getByRole('status').filter({ hasText: 'Unsaved changes' }).waitFor();
    // Closing or reloading the tab is refused too (the browser asks its own question).
    expect(
      await page.evaluate(() => {
        const event = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(event);
        return event.defaultPrevented;
      }),
    ).toBe(true);

    await (await navLink(page, 'Matches')).click();
    const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
    await dialog.waitFor();
    await shot('unsaved-guard-375.png');
    await dialog.getByRole('button', { name: 'Stay on this page' }).click();
    expect(new URL(page.url()).pathname).toBe('/me');
    expect(await page.getByLabel('Bio', { exact: true }).inputValue()).toBe(
      'Spanish teacher, guitar beginner.',
    );

    // The time zone list is searchable, the detected zone first.
    const zones = page.getByLabel('Time zone', { exact: true });
    expect(await zones.locator('option').first().innerText()).toMatch(/\(detected\)$/);
    await page.getByLabel('Search time zones').fill('tokyo');
    await expect.poll(() => zones.locator('option').allInnerTexts()).toContain('Asia/Tokyo');
    await zones.selectOption('Asia/Tokyo');
    await button('Add skill to learn').click();
    await page.getByLabel('Skill to learn 2', { exact: true }).fill('Japanese');
    await button('Save profile').click();
    await page.getByRole('status').filter({ hasText: 'Profile saved.' }).waitFor();
    const me = await ana.client.get<{ bio: string; timezone: string; learn: { name: string }[] }>('/api/me');
    expect(me.body.bio).toBe('Spanish teacher, guitar beginner.');
    expect(me.body.timezone).toBe('Asia/Tokyo');
    expect(me.body.learn.map((s) => s.name)).toContain('Japanese');

    await (await navLink(page, 'Matches')).click();
    await page.waitForURL((u) => u.pathname === '/matches');
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('says "This profile does not exist" for a bad or unknown profile link', async () => {
    for (const id of ['not-a-user-id', randomUUID()]) {
      await page.goto(url(`/users/${id}`));
      await page.getByRole('heading', { level: 1, name: 'This profile does not exist' }).waitFor();
      expect(await page.locator('main').innerText()).not.toMatch(/Invalid param|UUID/);
    }
  });

  it('at 1280 px shows the sections inline in one row, without the Menu button', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(url('/'));
    await page.getByRole('heading', { level: 1, name: 'Welcome back, Ana Shell' }).waitFor();
    expect(await button('Menu').isVisible()).toBe(false);
    const nav = page.getByRole('navigation', { name: 'Main' });
    const tops = await nav
      .getByRole('link')
      .evaluateAll((links) => links.map((l) => Math.round(l.getBoundingClientRect().top)));
    expect(tops.length).toBeGreaterThanOrEqual(8);
    expect(new Set(tops).size).toBe(1);
    expect(await headerHeight()).toBeLessThanOrEqual(64);
    await page.getByRole('region', { name: 'New matches since your last visit' }).waitFor();
    await shot('home-1280.png');
    await page.setViewportSize({ width: 375, height: 800 });
  });

  it('signing out in one tab signs out the other', async () => {
    const other = await context.newPage();
    await other.goto(url('/settings'));
    await other.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await openNav(other);
    await signOut(page);
    await page.waitForURL((u) => u.pathname === '/signin');
    await other.waitForURL((u) => u.pathname === '/signin');
    await other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await other.getByRole('button', { name: 'Account menu' }).count()).toBe(0);
    await other.close();
  });
});
