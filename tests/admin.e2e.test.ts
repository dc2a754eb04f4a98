import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountMenu } from './support/app-shell.ts';
import { launchBrowser } from './support/browser.ts';
import { World, type Person } from './support/sessions.ts';
import { member, PASSWORD, type Member } from './support/staff.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/**
 * Reports and the admin area in the browser: a user reports a wall post, staff remove it from the queue
 * and suspend its author, whose open page loses its live connection and who, signing in again, reads why.
 * The reporter and the staff member use a phone-sized window (375 px), which the admin pages must fit.
 */
describe('moderation in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let author: Person & { email: string };
  let reporter: Person;
  let staff: Member;

  async function pageFor(who: { client: Person['client'] }, width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 800 }, locale: 'en-US' });
    await context.addCookies([...who.client.cookies].map(([name, value]) => ({ name, value, url: app.url })));
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }
  const url = (path: string) => new URL(path, app.url).toString();
  const fitsPhone = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  beforeAll(async () => {
    app = await startTestApp();
    const world = new World(app.url);
    const email = `wally-${crypto.randomUUID()}@example.com`;
    const client = world.client();
    const res = await client.post<{ user: { id: string } }>('/api/auth/register', {
      json: { email, password: PASSWORD, displayName: 'Wally Writer' },
    });
    expect(res.status).toBe(201);
    author = { id: res.body.user.id, displayName: 'Wally Writer', client, email };
    reporter = await world.person('Rita Reporter');
    // An admin: moderators work the queue, and the user page (to suspend) is for admins.
    staff = await member(app, world, 'admin', 'Ada Admin');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('reports a wall post; staff remove it and suspend the author, who is cut off and reads why', async () => {
    const authorPage = await pageFor(author, 1024);
    await authorPage.goto(url('/wall'));
    const presence = authorPage
      .getByRole('status')
      .filter({ hasText: /^(Live|Connecting…|Disconnected|Offline, reconnecting…)$/ });
    await expect.poll(() => presence.innerText()).toBe('Live');
    await authorPage.getByLabel('Your message', { exact: true }).fill('Buy cheap followers at spam.example');
    await authorPage.getByLabel('Your message', { exact: true }).press('Enter');

    // The reporter, on a phone, reports the post from the wall.
    const reporterPage = await pageFor(reporter, 375);
    await reporterPage.goto(url('/wall'));
    const post = reporterPage.getByRole('listitem').filter({ hasText: 'Buy cheap followers' });
    await post.getByRole('button', { name: 'Report' }).click();
    const dialog = reporterPage.getByRole('dialog', { name: 'Report this wall post' });
    await dialog.getByLabel('Spam or advertising').check();
    await dialog.getByLabel('Details (optional)').fill('Advertising again');
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await dialog.getByText('Thank you. Moderators will look at it').waitFor();
    expect(await fitsPhone(reporterPage)).toBe(true);

    // Staff, on a phone too: the admin link, the queue with the post in context, removal with a note.
    const staffPage = await pageFor(staff, 375);
    await staffPage.goto(url('/'));
    await (await accountMenu(staffPage)).getByRole('link', { name: 'Admin', exact: true }).click();
    await staffPage.waitForURL((u) => u.pathname === '/admin/dashboard');
    await staffPage
      .getByRole('link', { name: 'Open reports' })
      .or(staffPage.getByText('Open reports'))
      .first()
      .waitFor();
    expect(await fitsPhone(staffPage)).toBe(true);
    await staffPage.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Reports' }).click();
    const item = staffPage.getByRole('article', { name: 'Wall post by Wally Writer' });
    await item.getByText('Buy cheap followers at spam.example').waitFor();
    await item.getByText('“Advertising again”').waitFor();
    expect(await fitsPhone(staffPage)).toBe(true);
    await item.getByLabel('Remove the content').check();
    await item.getByLabel('Note', { exact: true }).fill('Advertising is not allowed');
    await item.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => item.getByTestId('report-outcome').innerText()).toBe('Content removed');
    // Removed for everyone, the author's open page included.
    await authorPage.getByText('Message deleted').waitFor();

    await item.getByRole('link', { name: 'Wally Writer' }).click();
    await staffPage.waitForURL((u) => u.pathname === `/admin/users/${author.id}`);
    await staffPage.getByRole('heading', { name: 'Wally Writer' }).waitFor();
    expect(await fitsPhone(staffPage)).toBe(true);
    await staffPage.getByLabel('Reason (the person reads it)').fill('Repeated spam on the wall');
    await staffPage.getByRole('button', { name: 'Suspend account' }).click();
    await expect.poll(() => staffPage.getByTestId('account-status').innerText()).toBe('Suspended');
    // Only actions the admin may take: no role change for an admin's equal is offered, edit is.
    await staffPage.getByRole('button', { name: 'Lift the suspension' }).waitFor();

    // The author's page loses its live connection at once and shows why.
    await expect
      .poll(() => presence.count().then(async (n) => (n ? presence.innerText() : 'gone')))
      .not.toBe('Live');
    await authorPage.getByTestId('suspension-reason').waitFor();
    await authorPage.getByRole('button', { name: 'Sign out' }).first().click();
    await authorPage.waitForURL((u) => u.pathname === '/signin');
    await authorPage.getByLabel('Email', { exact: true }).fill(author.email);
    await authorPage.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await authorPage.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect
      .poll(() => authorPage.getByTestId('suspension-reason').innerText())
      .toBe('Reason: Repeated spam on the wall');

    // The reporter sees the outcome under Help.
    await reporterPage.goto(url('/help'));
    await reporterPage.getByText('Reviewed: the content was removed').waitFor();
  });

  it('shows people who are not staff that the admin area is not for them', async () => {
    const page = await pageFor(reporter, 375);
    await page.goto(url('/admin/users'));
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    const menu = await accountMenu(page);
    await menu.getByRole('link', { name: 'Settings', exact: true }).waitFor();
    expect(await menu.getByRole('link', { name: 'Admin', exact: true }).count()).toBe(0);
  });
});
