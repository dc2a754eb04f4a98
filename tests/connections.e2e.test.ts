import { launchProfile } from './support/browser.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from './support/http-client.ts';
import { startTestApp } from './support/test-app.ts';
import { closeNav, navLink, waitForNavLink } from './support/app-shell.ts';

const PASSWORD = 'correct horse battery staple';
let counter = 0;
const email = (name: string) => `${name}.${Date.now()}.${++counter}@example.com`;

describe('connections in the browser', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let profileDir: string;
  let context: BrowserContext;
  let page: Page;
  let url: (path: string) => string;
  const others: Record<'bo' | 'cy', { id: string; http: HttpClient }> = {} as never;

  async function apiUser(name: string) {
    const http = new HttpClient(app.url);
    const res = await http.post<{ user: { id: string } }>('/api/auth/register', {
      json: { email: email(name), password: PASSWORD, displayName: name },
    });
    expect(res.status).toBe(201);
    return { id: res.body.user.id, http };
  }

  beforeAll(async () => {
    app = await startTestApp();
    url = (path) => new URL(path, app.url).toString();
    others.bo = await apiUser('Bo');
    others.cy = await apiUser('Cy');
    profileDir = await mkdtemp(join(tmpdir(), 'skillswap-e2e-'));
    context = await launchProfile(profileDir, 375);
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
    // Ana signs up through the API from inside the browser context, so the page holds her cookies.
    const res = await context.request.post(url('/api/auth/register'), {
      data: { email: email('ana'), password: PASSWORD, displayName: 'Ana' },
    });
    expect(res.status()).toBe(201);
  });

  afterAll(async () => {
    await context?.close();
    await app?.close();
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  });

  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const noHorizontalScroll = () =>
    page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it('sends a request with a note from a profile; the note arrives as plain text', async () => {
    await page.goto(url(`/users/${others.bo.id}`));
    await button('Connect').click();
    await page.getByLabel('Note to Bo (optional)').fill('Swap <b>guitar</b> for Spanish?');
    await button('Send request').click();
    await page.getByText('You asked to connect; Bo has not answered yet.').waitFor();
    expect(await noHorizontalScroll()).toBe(true);

    const lists = await others.bo.http.get<{ incoming: { id: string; message: string }[] }>(
      '/api/connections',
    );
    expect(lists.body.incoming.map((c) => c.message)).toEqual(['Swap <b>guitar</b> for Spanish?']);
    expect((await others.bo.http.post(`/api/connections/${lists.body.incoming[0]!.id}/accept`)).status).toBe(
      200,
    );

    await page.reload();
    await page.getByText('You are connected with Bo.').waitFor();
    const message = page.getByRole('main').getByRole('link', { name: 'Message', exact: true });
    expect(await message.getAttribute('href')).toBe(`/messages/${others.bo.id}`);
  });

  it('counts waiting requests in the header and accepts one from the inbox', async () => {
    const asked = await others.cy.http.post('/api/connections', { json: { userId: (await me()).id } });
    expect(asked.status).toBe(201);
    await page.goto(url('/connections'));
    await waitForNavLink(page, 'Connections 1 request waiting');
    await page.getByRole('heading', { name: 'Requests for you (1)' }).waitFor();
    await button('Accept Cy').click();
    await page.getByRole('heading', { name: 'Your connections (2)' }).waitFor();
    await page.getByRole('heading', { name: 'Requests for you (0)' }).waitFor();
    expect(await (await navLink(page, 'Connections')).count()).toBe(1);
    await closeNav(page);
    expect(await noHorizontalScroll()).toBe(true);
  });

  it('blocks after a confirm step, which ends the connection and refuses their requests; then unblocks', async () => {
    await page.goto(url(`/users/${others.bo.id}`));
    await button('Block').click();
    await button('Cancel').click();
    await button('Block').click();
    await button('Yes, block Bo').click();
    await page.getByText('You blocked Bo.', { exact: false }).waitFor();
    expect(
      (await others.bo.http.post('/api/connections', { json: { userId: (await me()).id } })).status,
    ).toBe(403);

    await page.goto(url('/connections'));
    await page.getByRole('heading', { name: 'Your connections (1)' }).waitFor();
    await page.getByRole('heading', { name: 'People you blocked (1)' }).waitFor();
    await button('Unblock Bo').click();
    await page.getByRole('heading', { name: 'People you blocked (0)' }).waitFor();
    expect(await noHorizontalScroll()).toBe(true);
  });

  async function me() {
    const res = await context.request.get(url('/api/me'));
    return (await res.json()) as { id: string };
  }
});
