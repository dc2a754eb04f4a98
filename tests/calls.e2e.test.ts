import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.ts';
import { connectUsers } from './support/connect-users.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp, type SignedInUser } from './support/users.ts';
import { navLink } from './support/app-shell.ts';

// Records every RTCPeerConnection the page makes, so the test can read its getStats().
const recordPeers = () => {
  const w = window as unknown as { __peers: RTCPeerConnection[] };
  w.__peers = [];
  const Original = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Original {
    constructor(config?: RTCConfiguration) {
      super(config);
      w.__peers.push(this);
    }
  };
};

async function inboundVideoBytes(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const peers = (window as unknown as { __peers: RTCPeerConnection[] }).__peers;
    const pc = peers[peers.length - 1];
    if (!pc) return 0;
    let bytes = 0;
    (await pc.getStats()).forEach((r: { type: string; kind?: string; bytesReceived?: number }) => {
      if (r.type === 'inbound-rtp' && r.kind === 'video') bytes += r.bytesReceived ?? 0;
    });
    return bytes;
  });
}

const remoteWidth = (page: Page) =>
  page
    .locator('[data-testid=call-view] video')
    .first()
    .evaluate((v: HTMLVideoElement) => v.videoWidth);

describe('built-in video calls in the browser (fake camera and microphone)', () => {
  let app: TestApp;
  let browser: Browser;
  let ana: SignedInUser, bo: SignedInUser;
  let anaPage: Page, boPage: Page;

  async function pageFor(user: SignedInUser): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, locale: 'en-US' });
    await context.addCookies(
      [...user.client.cookies].map(([name, value]) => ({ name, value, url: app.url })),
    );
    await context.addInitScript(recordPeers);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }

  beforeAll(async () => {
    app = await startTestApp();
    [ana, bo] = await Promise.all([signUp(app.url, 'Ana Caller'), signUp(app.url, 'Bo Callee')]);
    await connectUsers(app.platform.deps.store, ana.id, bo.id);
    browser = await launchBrowser(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']);
    anaPage = await pageFor(ana);
    boPage = await pageFor(bo);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** One call from Ana's conversation page to Bo on any page; answers the set-up time in ms. */
  async function oneCall(): Promise<number> {
    const started = Date.now();
    await anaPage.getByRole('button', { name: 'Video call' }).click();
    await boPage.getByRole('alertdialog').getByText('Ana Caller is calling you').waitFor();
    await boPage.getByRole('button', { name: 'Accept' }).click();
    // Each side receives the other's video.
    for (const page of [anaPage, boPage])
      await page.waitForFunction(() => {
        const v = document.querySelector<HTMLVideoElement>('[data-testid=call-view] video');
        return v !== null && v.videoWidth > 0;
      });
    return Date.now() - started;
  }

  async function hangUp(by: Page, other: Page) {
    await by.getByRole('button', { name: 'Hang up' }).click();
    for (const page of [by, other]) {
      await page.locator('[data-testid=call-view]').waitFor({ state: 'detached' });
      await page.getByTestId('call-ended').getByRole('button', { name: 'Close' }).click();
    }
  }

  it('places a call, each side sees and receives the other, hang-up ends it on both, history shows it', async () => {
    await anaPage.goto(new URL(`/messages/${bo.id}`, app.url).toString());
    await boPage.goto(new URL('/wall', app.url).toString());
    await anaPage.getByRole('button', { name: 'Video call' }).waitFor();

    const times = [await oneCall()];
    expect(await remoteWidth(anaPage)).toBeGreaterThan(0);
    expect(await remoteWidth(boPage)).toBeGreaterThan(0);
    for (const page of [anaPage, boPage]) {
      const before = await inboundVideoBytes(page);
      expect(before).toBeGreaterThan(0);
      // getStats() is a snapshot: read it again until the bytes received have grown.
      const deadline = Date.now() + 10_000;
      let after = before;
      while (after <= before && Date.now() < deadline) {
        await page.waitForTimeout(250);
        after = await inboundVideoBytes(page);
      }
      expect(after).toBeGreaterThan(before);
    }
    // Camera and microphone toggles.
    await anaPage.getByRole('button', { name: 'Mute' }).click();
    await anaPage.getByRole('button', { name: 'Unmute' }).waitFor();
    await anaPage.getByRole('button', { name: 'Camera off' }).click();
    await anaPage.getByRole('button', { name: 'Camera on' }).waitFor();
    await hangUp(anaPage, boPage);

    for (let i = 0; i < 4; i++) {
      times.push(await oneCall());
      await hangUp(i % 2 ? anaPage : boPage, i % 2 ? boPage : anaPage);
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`call set-up times (ms): ${times.join(', ')}; median ${sorted[2]}`);

    await (await navLink(anaPage, 'Calls')).click();
    const history = anaPage.getByTestId('call-history');
    await history.getByText('Bo Callee').first().waitFor();
    expect(await history.locator('li').count()).toBe(5);
    expect(await history.locator('li[data-missed=true]').count()).toBe(0);

    // The other side drops mid-call (tab closed): Ana's call ends on its own.
    await anaPage.goto(new URL(`/messages/${bo.id}`, app.url).toString());
    await oneCall();
    await boPage.close();
    await anaPage.getByTestId('call-ended').waitFor({ timeout: 30_000 });
    await anaPage.locator('[data-testid=call-view]').waitFor({ state: 'detached' });
  }, 180_000);
});
