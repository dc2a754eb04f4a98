import { randomUUID } from 'node:crypto';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.ts';
import { TestClock } from './support/clock.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { navLink } from './support/app-shell.ts';

/** Live updates should land within a second; the margin is for a busy 2-core machine. */
const live = { timeout: 5_000 };

interface Person {
  id: string;
  name: string;
  context: BrowserContext;
  page: Page;
}

// Issue 9's loop in three browsers: Hana hosts one seat, Ben takes it, Cy waits in line and gets it live
// when Ben leaves, Hana marks Cy present, Cy reviews after the end, Hana's profile shows the rating and a
// badge. The app runs on a TestClock (start, end and the scheduler's "session held" are moved by hand).
describe('a session from hosting to a badge, in three browsers', () => {
  const clock = new TestClock('2030-01-06T09:00:00.000Z');
  let app: TestApp;
  let browser: Browser;
  let hana: Person;
  let ben: Person;
  let cy: Person;
  let sessionId: string;
  const url = (path: string) => new URL(path, app.url).toString();

  async function person(name: string, width: number, timezoneId: string): Promise<Person> {
    const context = await browser.newContext({
      viewport: { width, height: 800 },
      locale: 'en-US',
      timezoneId,
    });
    const res = await context.request.post(url('/api/auth/register'), {
      data: { email: `${randomUUID()}@example.com`, password: 'correct horse battery', displayName: name },
    });
    expect(res.status()).toBe(201);
    const { user } = (await res.json()) as { user: { id: string } };
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    return { id: user.id, name, context, page };
  }

  beforeAll(async () => {
    // The browser starts while the app migrates its database.
    [app, browser] = await Promise.all([
      startTestApp({}, undefined, { clock: clock.now, timers: false }),
      launchBrowser(),
    ]);
    [hana, ben, cy] = await Promise.all([
      person('Hana Host', 1024, 'Europe/Berlin'),
      person('Ben Learner', 1024, 'America/New_York'),
      person('Cy Phone', 375, 'Asia/Tokyo'),
    ]);
    const zone = await hana.context.request.patch(url('/api/me'), { data: { timezone: 'Europe/Berlin' } });
    expect(zone.status()).toBe(200);
    const skills = await hana.context.request.put(url('/api/me/skills'), {
      data: { teach: [{ name: 'Guitar', level: 'expert' }], learn: [] },
    });
    expect(skills.status()).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
  const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
  const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });
  const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  /** Runs the session scheduler at the clock's now (it records "session held"), then the read models. */
  const schedulerAt = async (iso: string) => {
    clock.set(iso);
    await app.platform.deps.projections.catchUp();
    await app.jobs.sessions.tick(clock.now());
    await app.platform.deps.projections.catchUp();
  };

  it('Hana hosts a one-seat session from the header, its times typed in her zone', async () => {
    const page = hana.page;
    await page.goto(url('/'));
    await (await navLink(page, 'Sessions')).click();
    await page.getByRole('link', { name: 'Host a session' }).click();
    await page.getByRole('group', { name: 'When, in Europe/Berlin' }).waitFor();

    await field(page, 'Topic').fill('Fingerstyle guitar for beginners');
    await field(page, 'Skill').fill('Guitar');
    await field(page, 'Level').selectOption('beginner');
    await field(page, 'Description (optional)').fill('Bring a guitar; we start with the thumb.');
    await field(page, 'Prerequisites (optional, one per line)').fill('Own a guitar\nKnow three chords');
    await field(page, 'Starts (Europe/Berlin)').fill('2030-01-08T18:00');
    await field(page, 'Length in minutes').fill('60');
    await page.getByText('Ends Tue, Jan 8, 2030, 7:00 PM (Europe/Berlin)').waitFor();
    await field(page, 'Seats').fill('1');
    await field(page, 'Meeting link (optional)').fill('https://meet.example.com/guitar');
    await button(page, 'Publish session').click();

    await page.waitForURL((u) => /^\/sessions\/[0-9a-f-]{36}$/.test(u.pathname));
    sessionId = new URL(page.url()).pathname.split('/')[2]!;
    await page.getByRole('heading', { name: 'Fingerstyle guitar for beginners', level: 1 }).waitFor();
    await page.getByText('1 of 1 seat left').waitFor();
    await page.getByRole('heading', { name: 'Attendees (0 of 1)' }).waitFor();
  });

  it('Ben finds it with a typo, sees it in his own zone, and takes the last seat (a double click registers once)', async () => {
    const page = ben.page;
    await page.goto(url('/sessions'));
    await field(page, 'Skill').fill('guitarr');
    await button(page, 'Search').click();
    const card = page.getByRole('article', { name: 'Fingerstyle guitar for beginners' });
    // 18:00 in Berlin is noon in New York.
    await card.getByText(/Tue, Jan 8, 2030, 12:00 PM EST – 1:00 PM EST/).waitFor();
    await card.getByRole('link', { name: 'Fingerstyle guitar for beginners' }).click();
    await page.waitForURL((u) => u.pathname === `/sessions/${sessionId}`);
    await page.getByRole('link', { name: 'Hana Host' }).waitFor();
    expect(await page.getByText('https://meet.example.com/guitar').count()).toBe(0);

    await button(page, 'Register').dblclick();
    await status(page, 'You are registered.').waitFor();
    await page.getByText('You have a seat.').waitFor();
    await page.getByRole('link', { name: 'https://meet.example.com/guitar' }).waitFor();
    await page.getByText('Full', { exact: true }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: /./ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Add to calendar' }).getAttribute('href')).toBe(
      `/api/sessions/${sessionId}/calendar.ics`,
    );
  });

  it('Cy, on a phone, joins the waitlist and gets Ben’s seat live when he leaves', async () => {
    const page = cy.page;
    await page.goto(url(`/sessions/${sessionId}`));
    await button(page, 'Join waitlist').click();
    await page.getByText(/^You are number 1 on the waitlist\./).waitFor();
    expect(await fits(page)).toBe(true);
    await page.evaluate(() => ((window as { marker?: boolean }).marker = true));

    await button(ben.page, 'Leave session').click();
    await status(ben.page, 'You gave up your seat.').waitFor();

    await status(page, 'A seat freed up: you are now registered.').waitFor(live);
    await page.getByText('You have a seat.').waitFor();
    await page.getByRole('link', { name: 'https://meet.example.com/guitar' }).waitFor();
    expect(await page.evaluate(() => (window as { marker?: boolean }).marker)).toBe(true);
  });

  it('after the start, Hana marks Cy as attended', async () => {
    clock.set('2030-01-08T17:05:00.000Z');
    const page = hana.page;
    await page.reload();
    const cyRow = page.getByRole('group', { name: 'Attendance of Cy Phone' });
    await cyRow.getByRole('button', { name: 'Attended' }).click();
    await expect
      .poll(() => cyRow.getByRole('button', { name: 'Attended' }).getAttribute('aria-pressed'))
      .toBe('true');
    await page.getByText(/Has a seat · since .* · attended/).waitFor();
    // Ben left: he has no attendance buttons.
    expect(await page.getByRole('group', { name: 'Attendance of Ben Learner' }).count()).toBe(0);
  });

  it('after the end, Cy reviews the session; a missing rating is explained first', async () => {
    await schedulerAt('2030-01-08T18:05:00.000Z');
    const page = cy.page;
    await page.reload();
    await page.getByText('This session has ended.').waitFor();
    await button(page, 'Post review').click();
    await page.getByText('Choose a rating from 1 to 5 stars.').waitFor();

    await page.getByText('5 stars', { exact: true }).click();
    await field(page, 'Comment (optional)').fill('Patient and clear. <b>Loved it</b>');
    await button(page, 'Post review').click();
    const review = page.getByRole('article', { name: 'Review by Cy Phone' });
    await review.getByText('Patient and clear. <b>Loved it</b>', { exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Reviews (1)' }).waitFor();
    expect(await page.getByRole('button', { name: 'Post review' }).count()).toBe(0);
    expect(await fits(page)).toBe(true);
  });

  it('Hana replies, and her profile shows the rating, the counts and the badge', async () => {
    await app.platform.deps.projections.catchUp();
    const page = hana.page;
    await page.reload();
    await button(page, 'Reply to Cy Phone').click();
    await field(page, 'Your reply').fill('Thank you, Cy!');
    await button(page, 'Post reply').click();
    await page.getByText('Thank you, Cy!', { exact: true }).waitFor();

    await page.getByRole('link', { name: 'Hana Host' }).first().click();
    await page.waitForURL((u) => u.pathname === `/users/${hana.id}`);
    const reputation = page.getByRole('region', { name: 'Reputation' });
    // Bayesian: (5 × 4.0 + 5) / (5 + 1) = 4.17.
    await reputation.getByText('4.2 / 5').waitFor();
    await reputation.getByText('Plain average 5.0 / 5', { exact: false }).waitFor();
    const stats = await reputation.locator('dl').innerText();
    expect(stats).toMatch(/Reviews\s+1/);
    expect(stats).toMatch(/Sessions hosted\s+1/);
    expect(stats).toMatch(/Students taught\s+1/);
    await reputation.getByRole('list', { name: 'Badges' }).getByText('First session hosted').waitFor();
    await page
      .getByRole('region', { name: 'Reviews of their sessions' })
      .getByText('Thank you, Cy!')
      .waitFor();
  });

  it('Cy’s progress charts the hour learned; Ben finds Hana among guitar mentors, with her rating', async () => {
    await cy.page.goto(url('/me/progress'));
    await cy.page.getByRole('img', { name: /Hours learned and taught per skill/ }).waitFor();
    const guitar = cy.page.getByRole('region', { name: 'Guitar' });
    expect(await guitar.locator('dl').innerText()).toMatch(/Sessions attended\s+1\s+Hours learned\s+1/);
    expect(await fits(cy.page)).toBe(true);

    await (await navLink(ben.page, 'Mentors')).click();
    await field(ben.page, 'Skill').fill('gitar');
    await button(ben.page, 'Find mentors').click();
    const card = ben.page.getByRole('article', { name: 'Hana Host' });
    await card.getByText('Rated 4.2 / 5 (1 review) · 1 session · 1 student').waitFor();
    await card.getByText('Badges: First session hosted').waitFor();
  });

  it('browsing pages with “Load more” and narrows to one day in the viewer’s zone', async () => {
    const days = Array.from({ length: 21 }, (_, i) => String(i + 1).padStart(2, '0'));
    const created = await Promise.all(
      days.map((day) =>
        hana.context.request.post(url('/api/sessions'), {
          data: {
            title: `Ukulele strumming ${Number(day)}`,
            skill: 'Ukulele',
            level: 'beginner',
            startsAt: `2030-03-${day}T10:00:00.000Z`,
            durationMinutes: 45,
            capacity: 5,
          },
        }),
      ),
    );
    expect(created.map((res) => res.status())).toEqual(days.map(() => 201));
    const page = ben.page;
    await page.goto(url('/sessions'));
    await field(page, 'Skill').fill('ukulele');
    await button(page, 'Search').click();
    await page.getByRole('heading', { name: '20+ sessions' }).waitFor();
    await button(page, 'Load more').click();
    await page.getByRole('heading', { name: '21 sessions' }).waitFor();
    expect(await button(page, 'Load more').count()).toBe(0);
    const titles = await page.getByRole('article').locator('h3').allInnerTexts();
    expect(titles[0]).toBe('Ukulele strumming 1');
    expect(titles[20]).toBe('Ukulele strumming 21');

    // 10:00 UTC on March 5 is 5 AM on March 5 in New York.
    await field(page, 'From').fill('2030-03-05');
    await field(page, 'Until').fill('2030-03-05');
    await button(page, 'Search').click();
    await page.getByRole('heading', { name: '1 session' }).waitFor();
    await page.getByRole('article', { name: 'Ukulele strumming 5' }).waitFor();
  });

  it('at 375 px the host form fits and explains what the server refused; a new time reaches a registrant on another page', async () => {
    const page = cy.page;
    await page.goto(url('/sessions/new'));
    await page.getByText('Times are in Asia/Tokyo (this browser’s time zone', { exact: false }).waitFor();
    await field(page, 'Topic').fill('Sushi knife skills');
    await field(page, 'Skill').fill('Cooking');
    await field(page, 'Starts (Asia/Tokyo)').fill('2030-02-01T10:00');
    await field(page, 'Seats').fill('0');
    await field(page, 'Meeting link (optional)').fill('http://meet.example.com/sushi');
    await button(page, 'Publish session').click();

    await expect.poll(() => field(page, 'Seats').getAttribute('aria-invalid')).toBe('true');
    expect(await field(page, 'Meeting link (optional)').getAttribute('aria-invalid')).toBe('true');
    // The form takes the person to the first refused field.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('session-capacity');
    expect((await page.locator('#session-capacity-error').innerText()).length).toBeGreaterThan(5);
    expect(await fits(page)).toBe(true);

    await field(page, 'Seats').fill('4');
    await field(page, 'Meeting link (optional)').fill('https://meet.example.com/sushi');
    await button(page, 'Publish session').click();
    await page.getByRole('heading', { name: 'Sushi knife skills', level: 1 }).waitFor();
    await page.getByText('4 of 4 seats left').waitFor();
    expect(await fits(page)).toBe(true);

    // Ben registers and waits on another page; Cy moves the session an hour later and adds seats.
    const sushiId = new URL(page.url()).pathname.split('/')[2]!;
    expect((await ben.context.request.post(url(`/api/sessions/${sushiId}/registrations`))).status()).toBe(
      201,
    );
    await ben.page.goto(url('/sessions/mine'));
    await ben.page.getByRole('article', { name: 'Sushi knife skills' }).waitFor();

    await page.getByRole('link', { name: 'Edit session' }).click();
    await field(page, 'Seats').fill('6');
    await field(page, 'Starts (Asia/Tokyo)').fill('2030-02-01T11:00');
    await button(page, 'Save changes').click();
    await page.getByText('5 of 6 seats left').waitFor();

    const notice = ben.page.getByRole('status').filter({ hasText: '“Sushi knife skills” has a new time.' });
    await notice.waitFor(live);
    await notice.getByRole('link', { name: 'Open' }).click();
    // 11:00 in Tokyo is 9 PM the evening before in New York.
    await ben.page.getByText(/Thu, Jan 31, 2030, 9:00 PM EST/).waitFor();

    // Cy cancels with a reason; Ben, now on the session's page, sees it there without reloading.
    await button(page, 'Cancel session').click();
    await field(page, 'Reason (optional, sent to everyone registered)').fill(
      'My knives are at the sharpener.',
    );
    await button(page, 'Cancel the session').click();
    await page.getByText('This session was cancelled.').waitFor();
    expect(await fits(page)).toBe(true);
    await status(ben.page, 'This session has been cancelled.').waitFor(live);
    await ben.page.getByText('This session was cancelled, so there is nothing to attend.').waitFor();
    expect(await button(ben.page, 'Leave session').count()).toBe(0);

    await page.goto(url('/sessions/mine'));
    const hosting = page.getByRole('region', { name: 'Hosting' });
    await hosting.getByRole('article', { name: 'Sushi knife skills' }).waitFor();
    const attending = page.getByRole('region', { name: 'Attending' });
    await attending
      .getByRole('article', { name: 'Fingerstyle guitar for beginners' })
      .getByText('Ended')
      .waitFor();
    await button(page, 'Show my calendar link').click();
    expect(await field(page, 'Your private calendar link').inputValue()).toMatch(/\/api\/calendar\/.+\.ics$/);
    expect(await fits(page)).toBe(true);
  });
});
