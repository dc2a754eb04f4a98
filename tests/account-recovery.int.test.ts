import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from './support/clock.ts';
import { HttpClient, type Problem } from './support/http-client.ts';
import { LiveClient } from './support/live-client.ts';
import { readOutbox, recipientOf } from './support/mail.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

const password = 'correct horse battery';
const env = { PUBLIC_URL: 'https://skillswap.test' };

/** The latest account email to `address` whose subject matches, once the outbox has it. */
async function mailTo(app: TestApp, address: string, subject: RegExp) {
  let found: Awaited<ReturnType<typeof readOutbox>>[number] | undefined;
  await expect
    .poll(async () => {
      const mails = await readOutbox(path.join(app.dataDir, 'outbox'));
      const mine = mails.filter((m) => recipientOf(m) === address && subject.test(m.subject ?? ''));
      found = mine.sort((a, b) => (a.date?.getTime() ?? 0) - (b.date?.getTime() ?? 0)).at(-1);
      return found !== undefined;
    })
    .toBe(true);
  return found!;
}
const countMails = async (app: TestApp, address: string, subject: RegExp) =>
  (await readOutbox(path.join(app.dataDir, 'outbox'))).filter(
    (m) => recipientOf(m) === address && subject.test(m.subject ?? ''),
  ).length;

/** The `token` query parameter of the one link in a mail's plain text. */
function tokenIn(text: string | undefined, pagePath: string): string {
  const link = /https:\/\/skillswap\.test\S+/.exec(text ?? '')?.[0];
  expect(link).toBeDefined();
  const url = new URL(link!);
  expect(url.pathname).toBe(pagePath);
  return url.searchParams.get('token')!;
}

async function register(app: TestApp, email = `${randomUUID()}@example.com`) {
  const client = new HttpClient(app.url);
  const res = await client.post<{ user: { id: string; emailVerified: boolean } }>('/api/auth/register', {
    json: { email, password, displayName: 'Rita Recover' },
  });
  expect(res.status).toBe(201);
  expect(res.body.user.emailVerified).toBe(false);
  return { client, email, id: res.body.user.id };
}

describe('password reset', () => {
  const clock = new TestClock('2030-01-06T09:00:00.000Z');
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(env, undefined, { clock: clock.now, timers: false });
  });
  afterAll(() => app?.close());

  const ask = (email: string, client = new HttpClient(app.url)) =>
    client.post('/api/auth/password-reset', { json: { email } });
  const confirm = (token: string, newPassword = 'a brand new password') =>
    new HttpClient(app.url).post<Problem>('/api/auth/password-reset/confirm', {
      json: { token, newPassword },
    });

  it('mails a single-use link that sets a new password and signs every browser out', async () => {
    const rita = await register(app);
    const otherBrowser = new HttpClient(app.url);
    expect(
      (await otherBrowser.post('/api/auth/login', { json: { email: rita.email, password } })).status,
    ).toBe(200);
    const live = await LiveClient.open(app.url, otherBrowser);

    const asked = await ask(rita.email.toUpperCase());
    expect(asked.status).toBe(202);
    expect(asked.bytes.length).toBe(0);
    const mail = await mailTo(app, rita.email, /Reset your SkillSwap password/);
    expect(mail.file).toMatch(/^account-reset-[0-9a-f]{32}\.eml$/);
    const token = tokenIn(mail.text, '/reset-password');
    // Only the token's hash is stored: the log holds no usable link.
    const stream = await app.platform.deps.store.readStream(`user-${rita.id}`);
    expect(JSON.stringify(stream)).not.toContain(token.split('.')[1]);

    expect((await confirm(token)).status).toBe(204);
    await expect.poll(() => live.closed).toBe(true);
    expect((await rita.client.get('/api/me')).status).toBe(401);
    expect((await otherBrowser.get('/api/me')).status).toBe(401);
    const old = await new HttpClient(app.url).post('/api/auth/login', {
      json: { email: rita.email, password },
    });
    expect(old.status).toBe(401);
    const fresh = new HttpClient(app.url);
    const signIn = await fresh.post<{ user: { emailVerified: boolean } }>('/api/auth/login', {
      json: { email: rita.email, password: 'a brand new password' },
    });
    expect(signIn.status).toBe(200);
    // The link reached the mailbox: the address counts as verified.
    expect(signIn.body.user.emailVerified).toBe(true);

    const reused = await confirm(token, 'yet another password');
    expect(reused.status).toBe(400);
    expect(reused.contentType).toBe('application/problem+json');
  });

  it('answers the same for an unknown address and mails nobody', async () => {
    const unknown = `${randomUUID()}@example.com`;
    const res = await ask(unknown);
    expect(res.status).toBe(202);
    expect(res.bytes.length).toBe(0);
    const rita = await register(app);
    expect((await ask(rita.email)).status).toBe(202);
    await mailTo(app, rita.email, /Reset/);
    expect(await countMails(app, unknown, /./)).toBe(0);
  });

  it('refuses a link after one hour by the app’s clock', async () => {
    const rita = await register(app);
    await ask(rita.email);
    const token = tokenIn((await mailTo(app, rita.email, /Reset/)).text, '/reset-password');
    clock.advance({ minutes: 61 });
    const late = await confirm(token);
    expect(late.status).toBe(400);
    expect(late.body.detail).toMatch(/expired/);
    expect((await rita.client.get('/api/me')).status).toBe(200);
  });

  it('refuses unknown and malformed tokens with 400, and bad input with 422', async () => {
    expect((await confirm(`${randomUUID()}.${'A'.repeat(43)}`)).status).toBe(400);
    expect((await confirm('not-a-token')).status).toBe(400);
    expect((await confirm('<script>alert(1)</script>')).status).toBe(400);
    const short = await confirm(`${randomUUID()}.${'A'.repeat(43)}`, 'short');
    expect(short.status).toBe(422);
    expect(short.body.errors?.[0]?.path).toBe('newPassword');
    const noEmail = await new HttpClient(app.url).post<Problem>('/api/auth/password-reset', {
      json: { email: 'nope' },
    });
    expect(noEmail.status).toBe(422);
    expect(noEmail.body.errors?.[0]?.path).toBe('email');
  });
});

describe('password reset limits', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      ...env,
      RATE_LIMIT_PASSWORD_RESETS_PER_EMAIL_PER_HOUR: '2',
      RATE_LIMIT_PASSWORD_RESETS_PER_IP_PER_HOUR: '5',
    });
  });
  afterAll(() => app?.close());

  it('sends at most the configured mails per address, still answering 202, then 429s the network', async () => {
    const rita = await register(app);
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const res = await new HttpClient(app.url).post('/api/auth/password-reset', {
        json: { email: rita.email },
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([202, 202, 202]);
    await expect.poll(() => countMails(app, rita.email, /Reset/)).toBe(2);
    // The network's own limit (5 an hour) is a 429 with Retry-After, whatever the address.
    const more = [];
    for (let i = 0; i < 3; i++)
      more.push(
        await new HttpClient(app.url).post('/api/auth/password-reset', {
          json: { email: `${i}@example.com` },
        }),
      );
    expect(more.map((r) => r.status)).toEqual([202, 202, 429]);
    expect(Number(more[2]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await countMails(app, rita.email, /Reset/)).toBe(2);
  });
});

describe('email verification and change', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      ...env,
      REQUIRE_VERIFIED_EMAIL_TO_HOST: 'true',
      RATE_LIMIT_VERIFICATION_EMAILS_PER_HOUR: '3',
    });
  });
  afterAll(() => app?.close());

  const session = {
    title: 'Guitar basics',
    skill: 'Guitar',
    level: 'beginner',
    startsAt: '2099-01-01T10:00:00.000Z',
    durationMinutes: 60,
    capacity: 5,
  };
  const verify = (token: string) =>
    new HttpClient(app.url).post<Problem>('/api/auth/verify-email', { json: { token } });

  it('mails a link at sign-up; until it is followed the person cannot host', async () => {
    const rita = await register(app);
    const refused = await rita.client.post<Problem>('/api/sessions', { json: session });
    expect(refused.status).toBe(403);
    expect(refused.contentType).toBe('application/problem+json');
    expect(refused.body.type).toBe('https://skillswap.dev/problems/email-not-verified');

    const mail = await mailTo(app, rita.email, /Verify your SkillSwap email/);
    const token = tokenIn(mail.text, '/verify-email');
    expect((await verify(token)).status).toBe(204);
    expect((await rita.client.get<{ emailVerified: boolean }>('/api/me')).body.emailVerified).toBe(true);
    expect((await rita.client.post('/api/sessions', { json: session })).status).toBe(201);
    expect((await verify(token)).status).toBe(400);
    const again = await rita.client.post<Problem>('/api/me/email/verification');
    expect(again.status).toBe(409);
  });

  it('resends a link (limited per person); only the latest works', async () => {
    const rita = await register(app);
    const first = tokenIn((await mailTo(app, rita.email, /Verify/)).text, '/verify-email');
    const resent = await rita.client.post<{ email: string }>('/api/me/email/verification');
    expect(resent.status).toBe(202);
    expect(resent.body).toEqual({ email: rita.email });
    await expect.poll(() => countMails(app, rita.email, /Verify/)).toBe(2);
    // Both mails may carry the same Date (to the second): the new link is the one that is not the first.
    const links = (await readOutbox(path.join(app.dataDir, 'outbox')))
      .filter((m) => recipientOf(m) === rita.email && /Verify/.test(m.subject ?? ''))
      .map((m) => tokenIn(m.text, '/verify-email'));
    expect(links).toHaveLength(2);
    expect(links.filter((link) => link !== first)).toHaveLength(1);
    expect((await verify(first)).status).toBe(400);
    expect((await rita.client.post('/api/me/email/verification')).status).toBe(202);
    expect((await rita.client.post('/api/me/email/verification')).status).toBe(202);
    const limited = await rita.client.post('/api/me/email/verification');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('changes the email once the new address’s link is followed; a taken address is 409', async () => {
    const rita = await register(app);
    const taken = await register(app);
    const newAddress = `${randomUUID()}@example.com`;

    const wrong = await rita.client.post<Problem>('/api/me/email', {
      json: { email: newAddress, password: 'nope' },
    });
    expect(wrong.status).toBe(403);
    const same = await rita.client.post<Problem>('/api/me/email', { json: { email: rita.email, password } });
    expect(same.status).toBe(422);
    expect(same.body.errors?.[0]?.path).toBe('email');
    const dup = await rita.client.post('/api/me/email', {
      json: { email: taken.email.toUpperCase(), password },
    });
    expect(dup.status).toBe(409);
    expect((await rita.client.post('/api/me/email', { json: { email: 'bad', password } })).status).toBe(422);

    const asked = await rita.client.post<{ email: string }>('/api/me/email', {
      json: { email: newAddress, password },
    });
    expect(asked.status).toBe(202);
    const me = await rita.client.get<{ email: string; pendingEmail: string | null }>('/api/me');
    expect(me.body).toMatchObject({ email: rita.email, pendingEmail: newAddress });
    const token = tokenIn(
      (await mailTo(app, newAddress, /Confirm your new SkillSwap email/)).text,
      '/verify-email',
    );
    expect((await verify(token)).status).toBe(204);

    const after = await rita.client.get<{
      email: string;
      pendingEmail: string | null;
      emailVerified: boolean;
    }>('/api/me');
    expect(after.body).toEqual(
      expect.objectContaining({ email: newAddress, pendingEmail: null, emailVerified: true }),
    );
    const signIn = (email: string) =>
      new HttpClient(app.url).post('/api/auth/login', { json: { email, password } });
    expect((await signIn(newAddress)).status).toBe(200);
    expect((await signIn(rita.email)).status).toBe(401);
    // The old address is free again.
    const reuse = await new HttpClient(app.url).post('/api/auth/register', {
      json: { email: rita.email, password, displayName: 'Someone New' },
    });
    expect(reuse.status).toBe(201);
  });

  it('refuses a change whose new address was taken before the link was followed', async () => {
    const rita = await register(app);
    const address = `${randomUUID()}@example.com`;
    expect((await rita.client.post('/api/me/email', { json: { email: address, password } })).status).toBe(
      202,
    );
    const token = tokenIn((await mailTo(app, address, /Confirm/)).text, '/verify-email');
    await register(app, address);
    expect((await verify(token)).status).toBe(409);
    const me = await rita.client.get<{ email: string }>('/api/me');
    expect(me.body.email).toBe(rita.email);
  });
});
