import { launchBrowser } from './support/browser.ts';
import { type Browser, type BrowserContext, type Page, type WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from './support/test-app.ts';

const PASSWORD = 'correct horse battery staple';
let counter = 0;
const email = (name: string) => `${name}.${Date.now()}.${++counter}@example.com`;
const hostile = '<img src=x onerror=alert(1)> <b>hi</b>';
const longWord = `https://example.com/${'x'.repeat(150)}`;

interface Person {
  id: string;
  name: string;
  context: BrowserContext;
  page: Page;
  /** The page's document socket passes through here, so a test can cut it like a lost network. */
  link: { offline: boolean; socket?: WebSocketRoute };
}

describe('group chat and the wall, two people in two browsers', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;
  let url: (path: string) => string;
  let ana: Person;
  let bo: Person;
  let groupId: string;
  const dialogs: string[] = [];

  async function person(name: string): Promise<Person> {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'en-US' });
    const res = await context.request.post(url('/api/auth/register'), {
      data: { email: email(name), password: PASSWORD, displayName: name },
    });
    expect(res.status()).toBe(201);
    const { user } = (await res.json()) as { user: { id: string } };
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    // An alert() means user text ran as HTML; deleting asks inline, so no dialog is expected at all.
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void (dialog.type() === 'confirm' ? dialog.accept() : dialog.dismiss());
    });
    const link: Person['link'] = { offline: false };
    // Offline, the page's socket opens but reaches nothing: what it sends is lost, as on a dead network.
    await page.routeWebSocket(/\/yjs\//, (socket) => {
      link.socket = socket;
      if (!link.offline) socket.connectToServer();
    });
    return { id: user.id, name, context, page, link };
  }

  beforeAll(async () => {
    app = await startTestApp();
    url = (path) => new URL(path, app.url).toString();
    browser = await launchBrowser();
    ana = await person('Ana');
    bo = await person('Bo');
    const asked = await ana.context.request.post(url('/api/connections'), { data: { userId: bo.id } });
    expect(asked.status()).toBe(201);
    const { id } = (await asked.json()) as { id: string };
    expect((await bo.context.request.post(url(`/api/connections/${id}/accept`))).status()).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
  const log = (page: Page) => page.getByRole('log', { name: 'Messages' });
  const online = (page: Page) => page.getByRole('list', { name: 'Online now' });
  const noHorizontalScroll = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const messageItem = (page: Page, text: string) =>
    log(page)
      .getByRole('listitem')
      .filter({ has: page.getByText(text, { exact: true }) });

  /** Delete, then the inline confirmation's own Delete. */
  async function deleteMessage(page: Page, text: string) {
    const item = messageItem(page, text);
    await item.getByRole('button', { name: 'Delete' }).click();
    await item
      .getByRole('group', { name: 'Delete for everyone?' })
      .getByRole('button', { name: 'Delete' })
      .click();
  }

  async function send(page: Page, text: string) {
    await page.getByLabel('Your message').fill(text);
    await button(page, 'Send').click();
  }

  it('Ana creates a group and adds Bo from her connections', async () => {
    const { page } = ana;
    await page.goto(url('/groups'));
    await page.getByLabel('Name', { exact: true }).fill('Guitar circle');
    await button(page, 'Create group').click();
    await page.waitForURL((u) => /^\/groups\/[0-9a-f-]{36}$/.test(u.pathname));
    groupId = new URL(page.url()).pathname.split('/')[2]!;
    await page.getByRole('link', { name: 'Manage group' }).click();
    await button(page, 'Add Bo').click();
    await page.getByRole('status').filter({ hasText: 'Bo was added.' }).waitFor();
    await page.getByRole('heading', { name: 'Members (2)' }).waitFor();
    expect(await noHorizontalScroll(page)).toBe(true);
  });

  it('both open the chat and see each other online; Bo sees Ana typing', async () => {
    await ana.page.getByRole('link', { name: 'Back to the chat' }).click();
    await bo.page.goto(url(`/groups/${groupId}`));
    for (const [me, other] of [
      [ana, bo],
      [bo, ana],
    ] as const) {
      await me.page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
      await online(me.page).getByText(other.name, { exact: true }).waitFor();
    }
    await ana.page.getByLabel('Your message').pressSequentially('Hel');
    await bo.page.getByText('Ana is typing…').waitFor();
  });

  it('Ana posts, Bo sees it live as plain text, replies, and Ana sees the reply', async () => {
    await send(ana.page, `Hello Bo ${hostile}`);
    await messageItem(bo.page, `Hello Bo ${hostile}`).waitFor();
    await expect.poll(() => bo.page.getByText('Ana is typing…').count()).toBe(0);
    expect(await log(bo.page).locator('img').count()).toBe(0);

    await send(bo.page, 'Hi Ana, see you Tuesday');
    await messageItem(ana.page, 'Hi Ana, see you Tuesday').waitFor();
    await send(bo.page, longWord);
    await messageItem(ana.page, longWord).waitFor();
    expect(await noHorizontalScroll(ana.page)).toBe(true);
    expect(await noHorizontalScroll(bo.page)).toBe(true);
  });

  it('Bo, a plain member, cannot delete Ana’s message; Ana edits and deletes, and Bo sees it, also after a reload', async () => {
    const anasOnBo = messageItem(bo.page, `Hello Bo ${hostile}`);
    // Bo may only report Ana's message, not edit or delete it.
    expect(await anasOnBo.getByRole('button').allInnerTexts()).toEqual(['Report']);
    const bosOnBo = messageItem(bo.page, 'Hi Ana, see you Tuesday');
    expect(await bosOnBo.getByRole('button', { name: 'Delete' }).count()).toBe(1);

    await messageItem(ana.page, `Hello Bo ${hostile}`).getByRole('button', { name: 'Edit' }).click();
    await ana.page.getByLabel('Edit your message').fill('Hello Bo, Tuesday at six?');
    await button(ana.page, 'Save').click();
    const edited = messageItem(bo.page, 'Hello Bo, Tuesday at six?');
    await edited.getByText('edited', { exact: true }).waitFor();
    expect(await messageItem(bo.page, `Hello Bo ${hostile}`).count()).toBe(0);

    await deleteMessage(ana.page, 'Hello Bo, Tuesday at six?');
    await expect.poll(() => messageItem(bo.page, 'Hello Bo, Tuesday at six?').count()).toBe(0);
    await log(bo.page).getByText('Message deleted', { exact: true }).waitFor();
    expect(await log(ana.page).getByText('Message deleted', { exact: true }).count()).toBe(1);

    // A group admin may delete anyone's message in her group.
    await deleteMessage(ana.page, longWord);
    await expect.poll(() => log(bo.page).getByText('Message deleted', { exact: true }).count()).toBe(2);

    await bo.page.reload();
    await messageItem(bo.page, 'Hi Ana, see you Tuesday').waitFor();
    await expect.poll(() => log(bo.page).getByText('Message deleted', { exact: true }).count()).toBe(2);
    expect(await log(bo.page).getByText('Hello Bo', { exact: false }).count()).toBe(0);
    await online(bo.page).getByText('Ana', { exact: true }).waitFor();
  });

  /** Cuts or restores a person's network; 4000 is a transient close, so the stock client reconnects. */
  async function setOffline(who: Person, offline: boolean) {
    who.link.offline = offline;
    await who.link.socket!.close({ code: 4000, reason: 'test: network' });
  }

  it('after a lost connection, what was written offline and what others wrote meanwhile both arrive', async () => {
    await setOffline(ana, true);
    await online(bo.page).getByText('Ana', { exact: true }).waitFor({ state: 'detached' });
    await send(ana.page, 'Written on the train');
    await send(bo.page, 'Posted while Ana was away');
    await messageItem(ana.page, 'Written on the train').waitFor();
    expect(await messageItem(bo.page, 'Written on the train').count()).toBe(0);

    await setOffline(ana, false);
    await messageItem(bo.page, 'Written on the train').waitFor();
    await messageItem(ana.page, 'Posted while Ana was away').waitFor();
    await online(bo.page).getByText('Ana', { exact: true }).waitFor();
    expect(await ana.page.getByRole('alert').count()).toBe(0);
  });

  it('an offline edit of a message an admin deleted meanwhile is refused, undone and explained', async () => {
    await setOffline(bo, true);
    await messageItem(bo.page, 'Posted while Ana was away').getByRole('button', { name: 'Edit' }).click();
    await bo.page.getByLabel('Edit your message').fill('Posted while Ana was away (fixed)');
    await button(bo.page, 'Save').click();
    await messageItem(bo.page, 'Posted while Ana was away (fixed)').waitFor();
    await deleteMessage(ana.page, 'Posted while Ana was away');
    await expect.poll(() => log(ana.page).getByText('Message deleted', { exact: true }).count()).toBe(3);

    await setOffline(bo, false);
    await bo.page
      .getByRole('alert')
      .filter({ hasText: 'The server refused your last change: A deleted message cannot be edited.' })
      .waitFor();
    await expect.poll(() => log(bo.page).getByText('Message deleted', { exact: true }).count()).toBe(3);
    expect(await log(bo.page).getByText('Posted while Ana was away', { exact: false }).count()).toBe(0);
    await messageItem(bo.page, 'Written on the train').waitFor();
    await bo.page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
  });

  it('Bo sees a clear notice within two seconds when Ana removes him while his chat is open', async () => {
    const res = await ana.context.request.delete(url(`/api/groups/${groupId}/members/${bo.id}`));
    expect(res.status()).toBe(204);
    const notice = bo.page
      .getByRole('alert')
      .filter({ hasText: 'You are no longer a member of this group.' });
    await notice.waitFor({ timeout: 2_000 });
    await bo.page.getByRole('status').filter({ hasText: 'Disconnected' }).waitFor();
    await online(ana.page).getByText('Bo', { exact: true }).waitFor({ state: 'detached' });
  });

  it('on the wall both post, see each other, and search finds a message', async () => {
    await ana.page.goto(url('/wall'));
    await bo.page.goto(url('/wall'));
    await send(ana.page, 'Offering guitar lessons, want Spanish');
    await send(bo.page, `Learning ukulele ${hostile}`);
    await messageItem(bo.page, 'Offering guitar lessons, want Spanish').waitFor();
    await messageItem(ana.page, `Learning ukulele ${hostile}`).waitFor();
    expect(await log(ana.page).locator('img').count()).toBe(0);

    const queries: (string | null)[] = [];
    ana.page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname === '/api/wall') queries.push(u.searchParams.get('q'));
    });
    await ana.page.getByLabel('Search messages').fill('ukul');
    const results = ana.page.getByRole('region', { name: 'Search results' });
    // The read model follows the live document a moment later; a person would simply search again.
    const found = results.getByText(`Learning ukulele ${hostile}`, { exact: true });
    await expect
      .poll(
        async () => {
          await button(ana.page, 'Search').click();
          await found.waitFor({ timeout: 1_000 }).catch(() => undefined);
          return found.count();
        },
        { timeout: 10_000 },
      )
      .toBe(1);
    expect(queries).toContain('ukul');
    expect(await results.getByText('Offering guitar lessons', { exact: false }).count()).toBe(0);
    expect(await noHorizontalScroll(ana.page)).toBe(true);
    expect(await noHorizontalScroll(bo.page)).toBe(true);
    expect(dialogs).toEqual([]);
  });

  it('a post the server refuses (from a clock ten minutes fast) stays, marked with the reason and Retry', async () => {
    const skewed = await bo.context.newPage();
    await skewed.clock.setSystemTime(Date.now() + 10 * 60_000);
    await skewed.goto(url('/wall'));
    await messageItem(skewed, 'Offering guitar lessons, want Spanish').waitFor();
    await send(skewed, 'Sent from the future');
    // The refused post is not lost: it stays, marked as not sent with the server's reason, with Retry.
    const refused = messageItem(skewed, 'Sent from the future');
    await refused
      .getByRole('alert')
      .filter({ hasText: 'Not sent: "createdAt" lies in the future.' })
      .waitFor({ timeout: 5_000 });
    await refused.getByRole('button', { name: 'Retry' }).waitFor();
    await messageItem(skewed, 'Offering guitar lessons, want Spanish').waitFor();
    await skewed.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    expect(await messageItem(ana.page, 'Sent from the future').count()).toBe(0);
    await skewed.close();
  });
});
