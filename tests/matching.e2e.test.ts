import { launchProfile } from './support/browser.ts';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideUser, type UserCommand } from '../src/features/identity/user.decide.ts';
import { userStream } from '../src/features/identity/events.ts';
import { userAggregate } from '../src/features/identity/user.ts';
import { handleCommand } from '../src/platform/commands.ts';
import { systemMetadata } from './support/events.ts';
import { HttpClient } from './support/http-client.ts';
import { startTestApp } from './support/test-app.ts';

describe('matches page in the browser', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let profileDir: string;
  let context: BrowserContext;
  let page: Page;
  let me: HttpClient;
  const teacherId = randomUUID();
  const teacherName = `Rosa <i>Teacher</i> ${Date.now()}`;

  beforeAll(async () => {
    app = await startTestApp();
    const commands: UserCommand[] = [
      {
        type: 'RegisterUser',
        userId: teacherId,
        email: `${teacherId}@example.com`,
        displayName: teacherName,
        passwordHash: 'x',
        role: 'user',
      },
      { type: 'UpdateProfile', changes: { languages: ['Spanish'], timezone: 'Europe/Madrid' } },
      {
        type: 'ChangeSkills',
        teach: [{ name: 'Guitar', level: 'expert' }],
        learn: [{ name: 'Python', level: 'beginner' }],
      },
    ];
    for (const command of commands) {
      await handleCommand(
        app.platform.deps.store,
        userStream(teacherId),
        userAggregate,
        (s) => decideUser(command, s),
        systemMetadata(),
      );
    }

    me = new HttpClient(app.url);
    await me.post('/api/auth/register', {
      json: { email: `me.${randomUUID()}@example.com`, password: 'correct horse battery', displayName: 'Me' },
    });
    await me.put('/api/me/skills', { json: { teach: [{ name: 'Pyhton' }], learn: [{ name: 'guitarr' }] } });

    profileDir = await mkdtemp(join(tmpdir(), 'skillswap-e2e-'));
    context = await launchProfile(profileDir, 375);
    const host = new URL(app.url).hostname;
    await context.addCookies(
      [...me.cookies].map(([name, value]) => ({ name, value, domain: host, path: '/' })),
    );
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await context?.close();
    await app?.close();
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  });

  const card = () => page.getByRole('article', { name: teacherName });

  it('shows a two-way match with its reasons, the name as text, and no sideways scrolling at 375 px', async () => {
    await page.goto(new URL('/matches', app.url).toString());
    await card().waitFor();
    const text = await card().innerText();
    expect(text).toContain('Two-way match');
    expect(text).toMatch(/Teaches Guitar, which you want to learn \(your “guitarr”, \d+% similar\)/);
    expect(text).toMatch(/Wants to learn Python, which you teach \(your “Pyhton”, \d+% similar\)/);
    expect(await card().locator('i').count()).toBe(0);
    // The note box opens on "Connect" only.
    expect(await card().getByRole('textbox').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  it('filters with typos, says what to try when nothing fits, and links to everyone who teaches the skill', async () => {
    const skill = page.getByLabel('Skill', { exact: true });
    await skill.fill('piano');
    await page.getByRole('button', { name: 'Show matches' }).click();
    await page.getByText('None of your matches fit these filters.').waitFor();
    expect(await page.getByText(/your profile/).count()).toBe(0);
    await page.getByRole('link', { name: 'See everyone who teaches “piano”' }).waitFor();

    // "gitar" was never written by anyone: the filter resolves it like a profile would, to Guitar.
    await skill.fill('gitar');
    await page.getByRole('button', { name: 'Show matches' }).click();
    await card().waitFor();
    await page.getByRole('link', { name: 'Everyone who teaches “gitar”' }).click();
    await page.getByRole('heading', { name: 'Mentors', level: 1 }).waitFor();
    expect(new URL(page.url()).search).toBe('?skill=gitar');
    await page.getByText(teacherName).first().waitFor();
    await page.goBack();
    await card().waitFor();
  });

  it('opens the note box on Connect, refuses a note that is too long instead of cutting it, then sends', async () => {
    await card().getByRole('button', { name: 'Connect' }).click();
    const note = card().getByLabel(`Note to ${teacherName} (optional)`);
    await note.fill('x'.repeat(501));
    expect(await note.inputValue()).toHaveLength(501);
    await card().getByText('1 character too many (at most 500)').waitFor();
    await card().getByRole('button', { name: 'Send request' }).click();
    await card().getByText('The note must be at most 500 characters.').waitFor();

    await note.fill('Hola! Guitar for Python?');
    await card().getByText('476 characters left').waitFor();
    await card().getByRole('button', { name: 'Send request' }).click();
    await card()
      .getByRole('status')
      .filter({ hasText: `Request sent to ${teacherName}.` })
      .waitFor();
    expect((await card().getByRole('alert').allInnerTexts()).join('').trim()).toBe('');
    expect(await card().getByRole('button', { name: 'Connect' }).count()).toBe(0);

    const lists = await me.get<{ outgoing: { user: { id: string }; message: string | null }[] }>(
      '/api/connections',
    );
    expect(lists.body.outgoing.map((c) => [c.user.id, c.message])).toEqual([
      [teacherId, 'Hola! Guitar for Python?'],
    ]);

    // Back on the list later, the card remembers the request instead of offering it again.
    await page.reload();
    await card()
      .getByRole('status')
      .filter({ hasText: `Request sent to ${teacherName}.` })
      .waitFor();
    expect(await card().getByRole('button', { name: 'Connect' }).count()).toBe(0);
  });
});
