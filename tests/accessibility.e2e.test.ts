import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.ts';
import { registerUser } from '../src/features/identity/index.ts';
import { connectUsers } from './support/connect-users.ts';
import { systemMetadata } from './support/events.ts';
import { HttpClient } from './support/http-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp, type SignedInUser } from './support/users.ts';

/**
 * An automated accessibility pass: axe-core (injected from its own source, run in the page) over every page
 * of the web app at 1280 px and 375 px. Serious or critical violations fail the test; a summary table
 * (page × width × violations by impact) is printed for the closing note.
 */

/** What the pages need: people, a connection, a group, a session and a ticket. */
interface Fixture {
  me: SignedInUser;
  other: SignedInUser;
  groupId: string;
  sessionId: string;
  ticketId: string;
}

interface PageCase {
  name: string;
  signedIn: boolean;
  path: (f: Fixture) => string;
}

/** Every page checked, as data: add a row for a new page (admin pages, settings…). */
export const pages: readonly PageCase[] = [
  { name: 'home', signedIn: false, path: () => '/' },
  { name: 'sign in', signedIn: false, path: () => '/signin' },
  { name: 'sign up', signedIn: false, path: () => '/signup' },
  { name: 'forgot password', signedIn: false, path: () => '/forgot-password' },
  { name: 'sessions', signedIn: false, path: () => '/sessions' },
  { name: 'home', signedIn: true, path: () => '/' },
  { name: 'matches', signedIn: true, path: () => '/matches' },
  { name: 'mentors', signedIn: true, path: () => '/mentors' },
  { name: 'connections', signedIn: true, path: () => '/connections' },
  { name: 'wall', signedIn: true, path: () => '/wall' },
  { name: 'groups', signedIn: true, path: () => '/groups' },
  { name: 'a group', signedIn: true, path: (f) => `/groups/${f.groupId}` },
  { name: 'messages', signedIn: true, path: () => '/messages' },
  { name: 'a conversation', signedIn: true, path: (f) => `/messages/${f.other.id}` },
  { name: 'sessions', signedIn: true, path: () => '/sessions' },
  { name: 'a session', signedIn: true, path: (f) => `/sessions/${f.sessionId}` },
  { name: 'host a session', signedIn: true, path: () => '/sessions/new' },
  { name: 'my sessions', signedIn: true, path: () => '/sessions/mine' },
  { name: 'my profile', signedIn: true, path: () => '/me' },
  { name: 'a public profile', signedIn: true, path: (f) => `/users/${f.other.id}` },
  { name: 'progress', signedIn: true, path: () => '/me/progress' },
  { name: 'calls', signedIn: true, path: () => '/calls' },
  { name: 'help', signedIn: true, path: () => '/help' },
  { name: 'a ticket', signedIn: true, path: (f) => `/help/${f.ticketId}` },
  { name: 'settings', signedIn: true, path: () => '/settings' },
  // The signed-in person is an admin, so the staff pages are checked too.
  { name: 'admin dashboard', signedIn: true, path: () => '/admin/dashboard' },
  { name: 'admin users', signedIn: true, path: () => '/admin/users' },
  { name: 'admin user', signedIn: true, path: (f) => `/admin/users/${f.other.id}` },
  { name: 'admin reports', signedIn: true, path: () => '/admin/reports' },
  { name: 'admin tickets', signedIn: true, path: () => '/admin/tickets' },
  { name: 'admin ticket', signedIn: true, path: (f) => `/admin/tickets/${f.ticketId}` },
  { name: 'admin staff actions', signedIn: true, path: () => '/admin/staff-log' },
  { name: 'audit streams', signedIn: true, path: () => '/admin/audit' },
  { name: 'audit stream', signedIn: true, path: (f) => `/admin/audit/streams/user-${f.other.id}` },
  { name: 'audit log search', signedIn: true, path: () => '/admin/audit/log' },
  { name: 'projections console', signedIn: true, path: () => '/admin/projections' },
];

export const widths = [1280, 375] as const;
const impacts = ['critical', 'serious', 'moderate', 'minor'] as const;
type Impact = (typeof impacts)[number];

interface Violation {
  id: string;
  impact: Impact | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Opens `path` in the app as its own links do (History API + popstate, no reload), so axe, injected once
 * per context, stays in the page; then waits for the page's heading and for no loading placeholder.
 */
async function open(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.waitForFunction(
    (to) =>
      window.location.pathname === to &&
      document.querySelector('h1') !== null &&
      !/Loading…|Looking for matches…/.test(document.body.innerText),
    path,
  );
  // One frame for the render that follows the data.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
}

/** axe-core's violations on the whole document. */
function audit(page: Page): Promise<Violation[]> {
  return page.evaluate(async () => {
    const { violations } = await (
      window as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }
    ).axe.run();
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

describe('accessibility (axe-core) of every page at 1280 px and 375 px', () => {
  let app: TestApp;
  let browser: Browser;
  let fixture: Fixture;
  const contexts = new Map<boolean, BrowserContext>();

  beforeAll(async () => {
    app = await startTestApp();
    const [me, other] = await Promise.all([signUp(app.url, 'Ada Access'), signUp(app.url, 'Bo Access')]);
    await me.client.put('/api/me/skills', {
      json: { teach: [{ name: 'Guitar', level: 'expert' }], learn: [{ name: 'Python' }] },
    });
    await other.client.put('/api/me/skills', {
      json: { teach: [{ name: 'Python', level: 'advanced' }], learn: [{ name: 'Guitar' }] },
    });
    await connectUsers(app.platform.deps.store, me.id, other.id);
    const group = await me.client.post<{ id: string }>('/api/groups', { json: { name: 'Guitar circle' } });
    const session = await me.client.post<{ id: string }>('/api/sessions', {
      json: {
        title: 'Fingerstyle guitar for beginners',
        description: 'Bring a guitar.',
        skill: 'Guitar',
        level: 'beginner',
        prerequisites: [],
        startsAt: new Date(Date.now() + 48 * 3_600_000).toISOString(),
        durationMinutes: 60,
        capacity: 10,
        meetingUrl: 'https://meet.example.com/guitar',
      },
    });
    const ticket = await me.client.post<{ id: string }>('/api/support/tickets', {
      json: { subject: 'Cannot find the calendar', body: 'Where do I see my sessions?' },
    });
    expect([group.status, session.status, ticket.status]).toEqual([201, 201, 201]);
    // A super admin (made as `npm run admin` makes one) makes Ada an admin, so the staff pages are checked too.
    const superEmail = `super-${randomUUID()}@example.com`;
    await registerUser(
      app.platform.deps,
      { email: superEmail, password: 'correct horse battery', displayName: 'Sue Super', role: 'super_admin' },
      systemMetadata(),
    );
    const sue = new HttpClient(app.url);
    expect(
      (await sue.post('/api/auth/login', { json: { email: superEmail, password: 'correct horse battery' } }))
        .status,
    ).toBe(200);
    const promoted = await sue.put(`/api/admin/users/${me.id}/role`, { json: { role: 'admin' } });
    expect(promoted.status).toBe(200);
    const meNow = await me.client.get<{ role: string }>('/api/me', {
      headers: { 'x-min-position': promoted.headers.get('x-position') ?? '0' },
    });
    expect(meNow.body.role).toBe('admin');
    fixture = { me, other, groupId: group.body.id, sessionId: session.body.id, ticketId: ticket.body.id };

    browser = await launchBrowser();
    // The app's CSP forbids inline scripts, rightly; the audit's own script tag needs the exemption.
    contexts.set(false, await browser.newContext({ locale: 'en-US', bypassCSP: true }));
    const signedIn = await browser.newContext({ locale: 'en-US', bypassCSP: true });
    const host = new URL(app.url).hostname;
    await signedIn.addCookies(
      [...me.client.cookies].map(([name, value]) => ({ name, value, domain: host, path: '/' })),
    );
    contexts.set(true, signedIn);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('has no serious or critical violation on any page', async () => {
    const rows: { page: string; width: number; counts: Record<Impact, number>; rules: string[] }[] = [];
    const failures: string[] = [];
    for (const signedIn of [false, true]) {
      const page = await contexts.get(signedIn)!.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(new URL('/', app.url).toString());
      await page.addScriptTag({ content: axeSource });
      for (const width of widths) {
        await page.setViewportSize({ width, height: 800 });
        for (const entry of pages.filter((p) => p.signedIn === signedIn)) {
          const label = `${entry.name} (${signedIn ? 'signed in' : 'signed out'})`;
          await open(page, entry.path(fixture));
          const violations = await audit(page);
          const counts = Object.fromEntries(impacts.map((i) => [i, 0])) as Record<Impact, number>;
          for (const v of violations) {
            counts[v.impact ?? 'minor'] += v.nodes.length;
            if (v.impact === 'serious' || v.impact === 'critical')
              failures.push(
                `${label} at ${width} px: ${v.impact} ${v.id} (${v.help}) at ${v.nodes
                  .map((n) => n.target.join(' '))
                  .join(', ')}`,
              );
          }
          rows.push({ page: label, width, counts, rules: violations.map((v) => v.id) });
        }
      }
      if (signedIn) {
        // The audit can fail: an image without a text alternative is a critical violation.
        await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img src="/x.png">'));
        expect((await audit(page)).filter((v) => v.impact === 'critical').map((v) => v.id)).toContain(
          'image-alt',
        );
      }
      await page.close();
    }
    const table = [
      '| page | width | critical | serious | moderate | minor | rules |',
      '|---|---|---|---|---|---|---|',
      ...rows.map(
        (r) =>
          `| ${r.page} | ${r.width} px | ${impacts.map((i) => r.counts[i]).join(' | ')} | ${r.rules.join(', ')} |`,
      ),
    ].join('\n');
    console.log(`axe-core ${axeVersion()} violations (affected elements) by impact:\n${table}`);
    expect(failures).toEqual([]);
  }, 300_000);
});

function axeVersion(): string {
  return (createRequire(import.meta.url)('axe-core/package.json') as { version: string }).version;
}
