import { readFileSync } from 'node:fs';
import { launchProfile } from './support/browser.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type Page, type Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onePixelPng } from './support/images.ts';
import { startTestApp } from './support/test-app.ts';
import { accountMenu, signOut } from './support/app-shell.ts';

const browserTimeZone = 'Europe/Berlin';
const user = {
  displayName: 'Ada Example',
  email: `ada.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.com`,
  password: 'correct horse battery staple',
  // Angle brackets prove user text is rendered as text, never as HTML.
  bio: 'I teach guitar on weekends.\nLearning Japanese <b>slowly</b>.',
  timezone: 'Asia/Tokyo',
};

describe('identity and profile in the browser', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let profileDir: string;
  let context: BrowserContext;
  let page: Page;
  let url: (path: string) => string;

  beforeAll(async () => {
    app = await startTestApp();
    url = (path) => new URL(path, app.url).toString();
    profileDir = await mkdtemp(join(tmpdir(), 'skillswap-e2e-'));
    context = await launchProfile(profileDir, 1280, { timezoneId: browserTimeZone });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await context?.close();
    await app?.close();
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  });

  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const field = (label: string) => page.getByLabel(label, { exact: true });
  const header = () => page.getByRole('banner');
  const bodyText = () => page.locator('body').innerText();
  const noHorizontalScroll = () =>
    page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it('shows the server’s password rule next to the password field', async () => {
    await page.goto(url('/signup'));
    await field('Display name').fill(user.displayName);
    await field('Email').fill(user.email);
    await field('Password').fill('short');
    await button('Sign up').click();

    await expect.poll(() => field('Password').getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await field('Password').getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
    expect(errorId).toBeDefined();
    expect((await page.locator(`#${errorId}`).innerText()).trim()).not.toBe('');
    expect(new URL(page.url()).pathname).toBe('/signup');
  });

  it('signs up and shows the user in the header', async () => {
    await field('Password').fill(user.password);
    await button('Sign up').click();

    await page.waitForURL((u) => u.pathname === '/me');
    await (await accountMenu(page)).getByText(user.displayName).waitFor();
    await page.keyboard.press('Escape');
    expect(await field('Password').count()).toBe(0);
  });

  it('suggests the browser’s time zone for a new profile', async () => {
    await expect.poll(() => field('Time zone').inputValue()).toBe(browserTimeZone);
  });

  it('saves bio, languages and time zone', async () => {
    await field('Bio').fill(user.bio);
    await field('Languages').fill('Spanish');
    await field('Languages').press('Enter');
    await field('Languages').fill('Japanese, English');
    await field('Languages').press('Enter');
    await field('Time zone').selectOption(user.timezone);
    await button('Save profile').click();

    await page.getByRole('status').filter({ hasText: 'Profile saved' }).waitFor();
    const chips = page.getByRole('list', { name: 'Selected languages' }).getByRole('listitem');
    expect(await chips.allInnerTexts()).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Spanish'),
        expect.stringContaining('Japanese'),
        expect.stringContaining('English'),
      ]),
    );
  });

  it('saves skills to teach and learn with levels', async () => {
    await button('Add skill to teach').click();
    await field('Skill to teach 1').fill('Guitar');
    await field('Level of skill to teach 1').selectOption('advanced');
    await button('Add skill to teach').click();
    await field('Skill to teach 2').fill('Spanish cooking');
    await field('Level of skill to teach 2').selectOption('expert');
    await button('Add skill to learn').click();
    await field('Skill to learn 1').fill('Japanese');
    await field('Level of skill to learn 1').selectOption('beginner');
    await page.getByRole('status').filter({ hasText: 'Unsaved changes' }).waitFor();
    await button('Save profile').click();

    await page.getByRole('status').filter({ hasText: 'Profile saved' }).waitFor();
  });

  it('downloads my data from Settings as a JSON file holding what I saved', async () => {
    await (await accountMenu(page)).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download my data (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^skillswap-export-\d{4}-\d\d-\d\d\.json$/);
    const saved = await download.path();
    const data = JSON.parse(readFileSync(saved, 'utf8')) as { skills: { name: string }[] };
    expect(data.skills.map((s) => s.name)).toEqual(expect.arrayContaining(['Guitar', 'Japanese']));
    await (await accountMenu(page)).getByRole('link', { name: 'My profile' }).click();
  });

  it('refuses an avatar over 2 MB before uploading it', async () => {
    const requests: string[] = [];
    const onRequest = (req: Request) => requests.push(req.url());
    page.on('request', onRequest);
    await field('Avatar').setInputFiles({
      name: 'huge.png',
      mimeType: 'image/png',
      buffer: Buffer.concat([onePixelPng(), Buffer.alloc(2 * 1024 * 1024)]),
    });
    await expect.poll(() => field('Avatar').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#avatar-error').innerText()).toContain('at most 2 MB');
    page.off('request', onRequest);
    expect(requests.filter((u) => u.includes('/api/me/avatar'))).toEqual([]);
  });

  it('uploads an avatar and previews it', async () => {
    const upload = page.waitForResponse(
      (res) => res.url().endsWith('/api/me/avatar') && res.request().method() === 'PUT',
    );
    await field('Avatar').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: onePixelPng() });
    expect((await upload).status()).toBe(200);
    await page.getByRole('status').filter({ hasText: 'Avatar updated' }).waitFor();
    await page.getByRole('img', { name: 'Avatar preview' }).waitFor();
    await header().locator('img').waitFor();
  });

  it('fits a 375px wide screen without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await noHorizontalScroll()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });

  it('shows the public profile with everything but the email', async () => {
    await (await accountMenu(page)).getByRole('link', { name: user.displayName }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/users/'));
    await page.getByRole('heading', { level: 1, name: user.displayName }).waitFor();

    const text = await bodyText();
    expect(text).toContain('I teach guitar on weekends.');
    expect(text).toContain('Learning Japanese <b>slowly</b>.');
    for (const value of [
      'Spanish',
      'Japanese',
      'English',
      user.timezone,
      'Guitar',
      'Spanish cooking',
      'Reputation',
    ]) {
      expect(text).toContain(value);
    }
    const teaches = await page.getByRole('region', { name: 'Teaches' }).innerText();
    expect(teaches).toMatch(/Guitar\s+Advanced/);
    expect(teaches).toMatch(/Spanish cooking\s+Expert/);
    expect(await page.getByRole('region', { name: 'Wants to learn' }).innerText()).toMatch(
      /Japanese\s+Beginner/,
    );
    expect(text.toLowerCase()).not.toContain(user.email.toLowerCase());
    expect(await page.content()).not.toContain(user.email);
    expect(await page.locator('main b').count()).toBe(0);

    const avatar = page.getByRole('img', { name: `${user.displayName}'s avatar` });
    await expect
      .poll(() =>
        avatar.evaluate(
          (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth,
        ),
      )
      .toBe(1);

    // Still at 375px: the public profile must fit too.
    expect(await noHorizontalScroll()).toBe(true);
  });

  it('signs out', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await signOut(page);
    await page.waitForURL((u) => u.pathname === '/signin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).waitFor();

    await page.goto(url('/me'));
    await page.waitForURL((u) => u.pathname === '/signin');
  });

  it('rejects a wrong password with a message', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await field('Email').fill(user.email);
    await field('Password').fill('not the right password');
    await button('Sign in').click();
    await expect
      .poll(async () => (await page.getByRole('alert').allInnerTexts()).join('').trim())
      .not.toBe('');
    expect(await noHorizontalScroll()).toBe(true);
  });

  it('signs in again and finds the profile as it was saved', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await field('Password').fill(user.password);
    await button('Sign in').click();
    await page.waitForURL((u) => u.pathname === '/me');

    expect(await field('Display name').inputValue()).toBe(user.displayName);
    expect(await field('Bio').inputValue()).toBe(user.bio);
    expect(await field('Time zone').inputValue()).toBe(user.timezone);
    const chips = await page.getByRole('list', { name: 'Selected languages' }).innerText();
    for (const language of ['Spanish', 'Japanese', 'English']) expect(chips).toContain(language);
    expect(await field('Skill to teach 1').inputValue()).toBe('Guitar');
    expect(await field('Level of skill to teach 1').inputValue()).toBe('advanced');
    expect(await field('Skill to teach 2').inputValue()).toBe('Spanish cooking');
    expect(await field('Level of skill to teach 2').inputValue()).toBe('expert');
    expect(await field('Skill to learn 1').inputValue()).toBe('Japanese');
    expect(await field('Level of skill to learn 1').inputValue()).toBe('beginner');
    await header().locator('img').waitFor();
  });
});
