import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchProfile } from './support/browser.ts';
import { HttpClient } from './support/http-client.ts';
import { readOutbox, recipientOf } from './support/mail.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signOut } from './support/app-shell.ts';

describe('resetting a forgotten password in the browser', () => {
  let app: TestApp;
  let profileDir: string;
  let context: BrowserContext;
  let page: Page;
  const email = `forgetful.${randomUUID()}@example.com`;
  const oldPassword = 'my old forgotten password';
  const newPassword = 'my brand new password';

  beforeAll(async () => {
    app = await startTestApp({ PUBLIC_URL: 'http://placeholder.invalid' });
    // Links in mails point at the public URL; the test opens the same path and query on the test server.
    profileDir = await mkdtemp(path.join(tmpdir(), 'skillswap-e2e-'));
    context = await launchProfile(profileDir, 390);
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
    const res = await new HttpClient(app.url).post('/api/auth/register', {
      json: { email, password: oldPassword, displayName: 'Forgetful Fran' },
    });
    expect(res.status).toBe(201);
  });
  afterAll(async () => {
    await context?.close();
    await app?.close();
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  });

  const field = (label: string) => page.getByLabel(label, { exact: true });
  const button = (name: string) => page.getByRole('button', { name, exact: true });

  it('asks for a link from the sign-in page, follows it from the .eml file and signs in anew', async () => {
    await page.goto(new URL('/signin', app.url).toString());
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.waitForURL((u) => u.pathname === '/forgot-password');
    await field('Email').fill(email);
    await button('Send reset link').click();
    await page.getByRole('status').getByText(email).waitFor();

    // The mail as written to DATA_DIR/outbox, parsed as RFC 5322 (mailparser), link from its text part.
    let link: string | undefined;
    await expect
      .poll(async () => {
        const mails = await readOutbox(path.join(app.dataDir, 'outbox'));
        const mail = mails.find(
          (m) => recipientOf(m) === email && m.subject === 'Reset your SkillSwap password',
        );
        link = /http:\/\/placeholder\.invalid\S+/.exec(mail?.text ?? '')?.[0];
        return link !== undefined;
      })
      .toBe(true);
    const fromMail = new URL(link!);
    await page.goto(new URL(`${fromMail.pathname}${fromMail.search}`, app.url).toString());

    await field('New password').fill('short');
    await button('Set new password').click();
    await expect.poll(() => field('New password').getAttribute('aria-invalid')).toBe('true');
    await field('New password').fill(newPassword);
    await button('Set new password').click();
    await page.getByText('Your new password is set').waitFor();

    await page.getByRole('link', { name: 'Sign in with your new password' }).click();
    await field('Email').fill(email);
    await field('Password').fill(oldPassword);
    await button('Sign in').click();
    await page.getByRole('alert').getByText('Wrong email or password.').waitFor();
    await field('Password').fill(newPassword);
    await button('Sign in').click();
    await page.waitForURL((u) => u.pathname === '/me');
    // The reset link proved the mailbox: no reminder to verify it.
    expect(await page.getByRole('region', { name: 'Email verification' }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  it('says so when the link was already used', async () => {
    const mails = await readOutbox(path.join(app.dataDir, 'outbox'));
    const mail = mails.find((m) => m.subject === 'Reset your SkillSwap password')!;
    const used = new URL(/http:\/\/placeholder\.invalid\S+/.exec(mail.text ?? '')![0]);
    await page.goto(new URL(`${used.pathname}${used.search}`, app.url).toString());
    await field('New password').fill('another new password');
    await button('Set new password').click();
    await page
      .getByRole('alert')
      .getByText(/not valid any more/)
      .waitFor();
  });

  it('verifies a new account’s address from the sign-up email, and the reminder goes', async () => {
    const address = `newcomer.${randomUUID()}@example.com`;
    await signOut(page);
    await page.goto(new URL('/signup', app.url).toString());
    await field('Display name').fill('Newcomer Nia');
    await field('Email').fill(address);
    await field('Password').fill('correct horse battery');
    await button('Sign up').click();
    await page.waitForURL((u) => u.pathname === '/me');
    const reminder = page.getByRole('region', { name: 'Email verification' });
    await reminder.waitFor();

    let link: string | undefined;
    await expect
      .poll(async () => {
        const mails = await readOutbox(path.join(app.dataDir, 'outbox'));
        const mail = mails.find((m) => recipientOf(m) === address && /Verify/.test(m.subject ?? ''));
        link = /http:\/\/placeholder\.invalid\S+/.exec(mail?.text ?? '')?.[0];
        return link !== undefined;
      })
      .toBe(true);
    const fromMail = new URL(link!);
    await page.goto(new URL(`${fromMail.pathname}${fromMail.search}`, app.url).toString());
    await page.getByText('Thank you: your email address is verified.').waitFor();
    await expect.poll(() => reminder.count()).toBe(0);
  });
});
