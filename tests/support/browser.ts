import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's chromium: browsers are never downloaded (see README). */
const launchOptions = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** A browser profile of its own in `dir` (cookies and storage apart from other profiles). */
export function launchProfile(
  dir: string,
  width: number,
  extra: { timezoneId?: string } = {},
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, {
    ...launchOptions,
    viewport: { width, height: 800 },
    locale: 'en-US',
    ...extra,
  });
}

/** One browser for tests that open several contexts in it; `args` adds flags (fake media devices). */
export function launchBrowser(args: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ ...launchOptions, args: [...launchOptions.args, ...args] });
}
