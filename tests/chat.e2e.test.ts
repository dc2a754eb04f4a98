import { mkdir } from 'node:fs/promises';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { launchBrowser } from './support/browser.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { appendMessage, RawDocClient, whenStored } from './support/yjs-client.ts';

const PASSWORD = 'correct horse battery staple';
const SHOTS = 'test-results/screenshots';
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 800 };
const longWord = `Supercalifragilistic${'expialidocious'.repeat(12)}`;

interface Person {
  id: string;
  context: BrowserContext;
  page: Page;
  cookie: string;
}

/**
 * The chat family at a phone's and a desktop's size: the wall and a direct-message chat open at their
 * newest message with the composer on screen, long words wrap, "Jump to latest" appears when reading
 * older messages, older history loads on scrolling up, and a send that failed offline can be retried.
 */
describe('chats fill the screen and behave like chats', () => {
  let app: TestApp;
  let browser: Browser;
  let ana: Person;
  let bo: Person;
  const url = (path: string) => new URL(path, app.url).toString();
  const shots: string[] = [];

  async function person(name: string, viewport: { width: number; height: number }): Promise<Person> {
    const context = await browser.newContext({ viewport, locale: 'en-US' });
    const res = await context.request.post(url('/api/auth/register'), {
      data: { email: `${name}.${Date.now()}@example.com`, password: PASSWORD, displayName: name },
    });
    expect(res.status()).toBe(201);
    const { user } = (await res.json()) as { user: { id: string } };
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    return { id: user.id, context, page, cookie };
  }

  async function shot(page: Page, name: string) {
    const path = `${SHOTS}/${name}.png`;
    await page.screenshot({ path });
    shots.push(path);
  }

  /**
   * Sends a direct message through the API with Node's fetch, whose pooled sockets follow the server's
   * keep-alive (Playwright's request context reused closed ones under a burst: ECONNRESET).
   */
  async function send(from: Person, to: Person, body: string) {
    const res = await fetch(url(`/api/conversations/${to.id}/messages`), {
      method: 'POST',
      headers: { cookie: from.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ body }),
    });
    expect(res.status).toBe(201);
  }

  const log = (page: Page) => page.getByRole('log');
  const composer = (page: Page) => page.getByLabel('Your message');
  const bubbles = (page: Page) => log(page).locator('[data-message-id]');

  /** The element lies wholly inside the window. */
  async function onScreen(page: Page, locator: Locator): Promise<boolean> {
    const box = await locator.boundingBox();
    const size = page.viewportSize()!;
    return (
      !!box &&
      box.y >= 0 &&
      box.x >= 0 &&
      box.y + box.height <= size.height &&
      box.x + box.width <= size.width
    );
  }

  /** The newest message shows at the bottom of the log (within a pixel of rounding). */
  async function newestInView(page: Page): Promise<boolean> {
    const logBox = (await log(page).boundingBox())!;
    const last = (await bubbles(page).last().boundingBox())!;
    return last.y >= logBox.y - 1 && last.y + last.height <= logBox.y + logBox.height + 1;
  }

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    app = await startTestApp();
    browser = await launchBrowser();
    ana = await person('Ana', PHONE);
    bo = await person('Bo', DESKTOP);
    const asked = await ana.context.request.post(url('/api/connections'), { data: { userId: bo.id } });
    expect(asked.status()).toBe(201);
    const { id } = (await asked.json()) as { id: string };
    expect((await bo.context.request.post(url(`/api/connections/${id}/accept`))).status()).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    console.log(`screenshots:\n${shots.join('\n')}`);
  });

  it('the wall with 16 posts opens at the newest, composer on screen, at 375 and 1280 px', async () => {
    // Posted as the stock client does, 8 to an update (the server takes at most 10 per update).
    const writer = await RawDocClient.connect(app.url, 'wall', bo.cookie);
    for (const batch of [0, 8]) {
      const update = writer.craft((doc) => {
        for (let i = batch + 1; i <= batch + 8; i++) {
          appendMessage(doc, { id: `wall-post-${i}`, authorId: bo.id, text: `Wall post number ${i}` });
        }
      });
      writer.sendUpdate(update);
      // Into the mirror too, so the second batch is appended after the first (not a concurrent insert).
      Y.applyUpdate(writer.doc, update);
    }
    writer.close();
    await whenStored(app.url, 'wall', bo.cookie);

    for (const { page, name } of [
      { page: ana.page, name: 'wall-375' },
      { page: bo.page, name: 'wall-1280' },
    ]) {
      await page.goto(url('/wall'));
      await log(page).getByText('Wall post number 16', { exact: true }).waitFor();
      expect(await bubbles(page).last().innerText()).toContain('Wall post number 16');
      await expect.poll(() => newestInView(page)).toBe(true);
      expect(await onScreen(page, composer(page))).toBe(true);
      expect(await onScreen(page, page.getByRole('button', { name: 'Send', exact: true }))).toBe(true);
      expect(await page.getByRole('button', { name: /Load older/ }).count()).toBe(0);
      await shot(page, name);
    }
    // Both are on the wall now: each sees the other, and only the other, as online.
    await ana.page.getByRole('list', { name: 'Online now' }).getByText('Bo', { exact: true }).waitFor();
    expect(await ana.page.getByRole('list', { name: 'Online now' }).getByText('Ana').count()).toBe(0);
  });

  it('a direct-message chat with 52 messages fits a phone: newest and composer on screen, long words wrap, older ones load upwards', async () => {
    // 52 messages: more than the first page of 50, so scrolling up has something to load. Sent ten at a
    // time (their order does not matter here), the long word last so that it is the newest.
    for (let batch = 0; batch < 51; batch += 10) {
      const numbers = Array.from({ length: Math.min(10, 51 - batch) }, (_, i) => batch + i + 1);
      await Promise.all(numbers.map((i) => send(i % 2 ? ana : bo, i % 2 ? bo : ana, `Message number ${i}`)));
    }
    await send(bo, ana, longWord);
    // The page reads the read model, which follows the log a moment later on a busy machine.
    await expect
      .poll(async () => {
        const res = await ana.context.request.get(url(`/api/conversations/${bo.id}/messages?limit=1`));
        return ((await res.json()) as { messages: Array<{ body: string }> }).messages[0]?.body;
      })
      .toBe(longWord);
    const { page } = ana;
    await page.goto(url(`/messages/${bo.id}`));
    const long = log(page).getByText(longWord, { exact: true });
    await long.waitFor();
    expect(await bubbles(page).last().innerText()).toContain(longWord.slice(0, 30));
    await expect.poll(() => newestInView(page)).toBe(true);
    expect(await onScreen(page, composer(page))).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);

    // The long word wraps inside its bubble, and the bubble inside the log.
    const bubble = (await long.boundingBox())!;
    const logBox = (await log(page).boundingBox())!;
    expect(bubble.x + bubble.width).toBeLessThanOrEqual(logBox.x + logBox.width);
    expect(await long.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await shot(page, 'dm-375');

    // Scrolling to the top loads the two older messages, and keeps the view where it was.
    expect(await bubbles(page).count()).toBe(50);
    await log(page).evaluate((el) => (el.scrollTop = 0));
    await log(page).getByText('This is the beginning of the conversation.').waitFor();
    await log(page).getByText('Message number 1', { exact: true }).waitFor({ state: 'attached' });
    expect(await bubbles(page).count()).toBe(52);
    expect(await log(page).evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  });

  it('reading older messages, new ones do not move the view; "Jump to latest" takes the reader down', async () => {
    const { page } = ana;
    const jump = page.getByRole('button', { name: /^Jump to latest/ });
    await log(page).evaluate((el) => (el.scrollTop = 200));
    await jump.waitFor();
    const before = await log(page).evaluate((el) => el.scrollTop);

    await send(bo, ana, 'A reply while Ana reads back');
    await page.getByRole('button', { name: 'Jump to latest (1 new)' }).waitFor({ timeout: 20_000 });
    expect(await log(page).evaluate((el) => el.scrollTop)).toBe(before);
    await shot(page, 'dm-jump-to-latest-375');

    await jump.click();
    await jump.waitFor({ state: 'detached' });
    await expect.poll(() => newestInView(page)).toBe(true);
    await log(page).getByText('A reply while Ana reads back', { exact: true }).waitFor();
  });

  it('text over the limit is refused with a reason, not cut', async () => {
    const { page } = ana;
    const tooLong = 'a'.repeat(4_001);
    await composer(page).fill(tooLong);
    await page
      .getByRole('alert')
      .filter({ hasText: 'Too long: 4,001 of 4,000 characters. Remove 1 character to send it.' })
      .waitFor();
    await composer(page).press('Enter');
    expect(await composer(page).inputValue()).toBe(tooLong);
    await composer(page).fill('');
  });

  it('a message sent offline fails, stays with "Retry", and is sent once on retry', async () => {
    const { page, context } = ana;
    await context.setOffline(true);
    await composer(page).fill('Sent from a tunnel');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const failed = bubbles(page).filter({ hasText: 'Sent from a tunnel' });
    await failed.getByText(/^Not sent:/).waitFor();
    expect(await composer(page).inputValue()).toBe('');
    await shot(page, 'dm-failed-send-375');

    await context.setOffline(false);
    await failed.getByRole('button', { name: 'Retry' }).click();
    await failed.getByText('Sent', { exact: true }).waitFor();
    expect(await failed.getByRole('button', { name: 'Retry' }).count()).toBe(0);

    const history = await bo.context.request.get(url(`/api/conversations/${ana.id}/messages?limit=5`));
    const { messages } = (await history.json()) as { messages: Array<{ body: string }> };
    expect(messages.filter((m) => m.body === 'Sent from a tunnel')).toHaveLength(1);
  });

  it('a message whose answer is lost on the way back shows once, as sent, and is stored once', async () => {
    const { page } = ana;
    const posted: Array<{ body?: string; clientId?: string }> = [];
    const route = `**/api/conversations/${bo.id}/messages`;
    await page.route(route, async (request) => {
      if (request.request().method() !== 'POST') return request.continue();
      posted.push(request.request().postDataJSON() as { body?: string; clientId?: string });
      await request.fetch(); // the server takes the message...
      await request.abort('connectionreset'); // ...and the page never hears the answer
    });
    try {
      await composer(page).fill('Lost on the way back');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      const copies = bubbles(page).filter({ hasText: 'Lost on the way back' });
      // The live frame names the page's own id for the message (clientId): the page knows it was sent.
      await copies.getByText('Sent', { exact: true }).waitFor();
      expect(await copies.count()).toBe(1);
      expect(await copies.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    } finally {
      await page.unroute(route);
    }
    expect(posted).toHaveLength(1);
    expect(posted[0]!.clientId).toMatch(/^[0-9a-f-]{36}$/);
    // Sent again with that clientId (what Retry does), the server answers with the same message.
    const again = await fetch(url(`/api/conversations/${bo.id}/messages`), {
      method: 'POST',
      headers: { cookie: ana.cookie, 'content-type': 'application/json' },
      body: JSON.stringify(posted[0]),
    });
    expect(again.status).toBe(201);
    const history = await bo.context.request.get(url(`/api/conversations/${ana.id}/messages?limit=5`));
    const { messages } = (await history.json()) as { messages: Array<{ id: string; body: string }> };
    const stored = messages.filter((m) => m.body === 'Lost on the way back');
    expect(stored).toHaveLength(1);
    expect(((await again.json()) as { id: string }).id).toBe(stored[0]!.id);
  });

  it('at 1280 px the same chat fills the window with the composer at the bottom', async () => {
    const { page } = bo;
    await page.goto(url(`/messages/${ana.id}`));
    await log(page).getByText('Sent from a tunnel', { exact: true }).waitFor();
    await expect.poll(() => newestInView(page)).toBe(true);
    expect(await onScreen(page, composer(page))).toBe(true);
    const composerBox = (await composer(page).boundingBox())!;
    // Pinned near the bottom of the window, not floating under a short list.
    expect(composerBox.y + composerBox.height).toBeGreaterThan(DESKTOP.height - 140);
    await shot(page, 'dm-1280');
  });
});
