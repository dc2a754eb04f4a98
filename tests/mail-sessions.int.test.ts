import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimMail, findMail } from '../projections/mail-outbox.ts';
import { TestClock } from './support/clock.ts';
import { calendarOf, FakeSmtpServer, readOutbox as readAllMail, recipientOf } from './support/mail.ts';
import { scheduledSessions } from './support/scheduled-sessions.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp, type SignedInUser } from './support/users.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const at = (start: Date, offsetMs: number) => new Date(start.getTime() + offsetMs);
/** Notification emails only: sign-ups also mail a verification link (account-*.eml), tested elsewhere. */
const readOutbox = async (dir: string) =>
  (await readAllMail(dir)).filter((m) => !m.file.startsWith('account-'));
const notificationMessages = (smtp: FakeSmtpServer) =>
  smtp.messages.filter((m) => !/^Subject: Verify your SkillSwap email/m.test(m.raw));

const env = { PUBLIC_URL: 'https://skillswap.test', MAIL_FROM: 'SkillSwap <no-reply@skillswap.test>' };

interface Notification {
  id: string;
  type: string;
  title: string;
}

describe('emails about sessions', () => {
  const clock = new TestClock('2030-01-06T09:00:00.000Z');
  let app: TestApp;
  let outbox: string;
  let sessions: ReturnType<typeof scheduledSessions>;
  let host: SignedInUser, ana: SignedInUser, bo: SignedInUser, cy: SignedInUser;
  const emails = new Map<string, string>();
  const startsAt = new Date('2030-01-08T17:00:00.000Z');
  const newStart = at(startsAt, HOUR);
  let sessionId: string;

  beforeAll(async () => {
    app = await startTestApp(env, undefined, { clock: clock.now, timers: false });
    outbox = path.join(app.dataDir, 'outbox');
    sessions = scheduledSessions(app.platform.deps.store);
    [host, ana, bo, cy] = (await Promise.all(
      ['Hana Host', 'Ana', 'Bo', 'Cy'].map((n) => signUp(app.url, n)),
    )) as [SignedInUser, SignedInUser, SignedInUser, SignedInUser];
    for (const user of [host, ana, bo, cy]) {
      const me = await user.client.get<{ email: string }>('/api/me');
      emails.set(me.body.email, user.displayName);
    }
    expect((await ana.client.patch('/api/me', { json: { timezone: 'Europe/Berlin' } })).status).toBe(200);
    const off = await bo.client.patch('/api/me/settings', { json: { emailNotifications: false } });
    expect(off.body).toEqual({ emailNotifications: false });
  });
  afterAll(() => app?.close());

  /** Brings the read models up to the log, runs the session scheduler and the mail sender at `now`. */
  const deliver = async (now: Date, options: { scheduler?: boolean } = {}) => {
    clock.set(now);
    await app.platform.deps.projections.catchUp();
    if (options.scheduler) {
      await app.jobs.sessions.tick(now);
      await app.platform.deps.projections.catchUp();
    }
    return app.jobs.mail.tick(now);
  };
  const mailTo = async (user: SignedInUser, subject?: string) => {
    const all = await readOutbox(outbox);
    return all.filter(
      (m) =>
        emails.get(recipientOf(m) ?? '') === user.displayName &&
        (subject === undefined || m.subject === subject),
    );
  };
  const notificationOf = async (user: SignedInUser, type: string) => {
    const res = await user.client.get<{ notifications: Notification[] }>('/api/notifications?limit=100');
    return res.body.notifications.find((n) => n.type === type)!;
  };

  it('sends reminders with the session calendar, to everyone but those who turned email off', async () => {
    sessionId = await sessions.schedule({
      hostId: host.id,
      startsAt,
      now: clock.now(),
      people: [ana.id, bo.id, cy.id],
      capacity: 2,
      title: 'Guitar basics',
    });
    const reminderTime = at(startsAt, -23 * HOUR);
    expect(await deliver(reminderTime, { scheduler: true })).toEqual({ sent: 2, skipped: 1, failed: 0 });

    const [toAna] = await mailTo(ana);
    const notice = await notificationOf(ana, 'session.reminder');
    expect(toAna).toBeDefined();
    expect(toAna!.file).toBe(`${notice.id}.eml`);
    expect(toAna!.messageId).toBe(`<${notice.id}@skillswap.test>`);
    expect(toAna!.subject).toBe('Reminder: “Guitar basics” is coming up');
    expect(toAna!.from?.value[0]).toEqual({ address: 'no-reply@skillswap.test', name: 'SkillSwap' });
    expect(toAna!.date?.toISOString()).toBe(reminderTime.toISOString());
    expect(toAna!.headers.get('auto-submitted')).toBe('auto-generated');
    expect(toAna!.text).toContain('Hello Ana,');
    expect(toAna!.text).toContain('It starts Tue 8 Jan 2030, 18:00 (Europe/Berlin) and lasts 1 hour.');
    expect(toAna!.text).toContain(`https://skillswap.test/sessions/${sessionId}`);
    expect(toAna!.text).toContain('https://skillswap.test/settings');
    const calendar = calendarOf(toAna!)!;
    expect(calendar).toContain('METHOD:PUBLISH');
    expect(calendar).toContain(`UID:${sessionId}@skillswap`);
    expect(calendar).toContain('DTSTART:20300108T170000Z');
    expect(calendar).toContain('SEQUENCE:0');
    // Ana has a seat: her calendar carries the meeting link.
    expect(calendar).toContain('URL:https://meet.example.com/guitar');

    const [toHost] = await mailTo(host);
    expect(toHost!.text).toContain('You are hosting it Tue 8 Jan 2030, 17:00 (UTC), for 1 hour.');
    // Bo turned email off: the notification is there, the email is not.
    expect(await mailTo(bo)).toEqual([]);
    const boNotice = await notificationOf(bo, 'session.reminder');
    expect(await findMail(app.platform.deps.db, boNotice.id)).toMatchObject({
      status: 'skipped',
      last_error: 'email notifications are off',
    });
    // Cy waits for a seat: no reminder.
    expect(await mailTo(cy)).toEqual([]);

    expect(await deliver(at(reminderTime, MINUTE))).toEqual({ sent: 0, skipped: 0, failed: 0 });
    expect(await readOutbox(outbox)).toHaveLength(2);
  });

  it('sends a changed time with the updated calendar, the waitlist included', async () => {
    const now = at(startsAt, -22 * HOUR);
    await sessions.run(
      sessionId,
      { type: 'EditSession', by: host.id, changes: { startsAt: newStart.toISOString() }, now },
      host.id,
    );
    expect(await deliver(now)).toEqual({ sent: 2, skipped: 1, failed: 0 });
    const [toCy] = await mailTo(cy, '“Guitar basics” has a new time');
    expect(toCy!.text).toContain(
      'It now starts Tue 8 Jan 2030, 18:00 (UTC) (it was Tue 8 Jan 2030, 17:00 (UTC)) and lasts 1 hour.',
    );
    const calendar = calendarOf(toCy!)!;
    expect(calendar).toContain('DTSTART:20300108T180000Z');
    expect(calendar).toContain('SEQUENCE:1');
    // Cy is on the waitlist: no meeting link.
    expect(calendar).not.toContain('meet.example.com');
    expect(await mailTo(ana, '“Guitar basics” has a new time')).toHaveLength(1);
  });

  it('delivers at least once: a claim whose sender died is sent after its lease, and a resend replaces the file', async () => {
    const now = at(startsAt, -21 * HOUR);
    // Bo leaves: Cy gets the seat.
    await sessions.run(sessionId, { type: 'UnregisterFromSession', userId: bo.id, now }, bo.id);
    clock.set(now);
    await app.platform.deps.projections.catchUp();
    // Another process claims the email and dies before marking it sent.
    const claimed = await claimMail(app.platform.deps.db, now, 5 * MINUTE, 25);
    expect(claimed.map((r) => r.kind)).toEqual(['session.promoted']);
    expect(await deliver(at(now, MINUTE))).toEqual({ sent: 0, skipped: 0, failed: 0 });
    expect(await deliver(at(now, 6 * MINUTE))).toEqual({ sent: 1, skipped: 0, failed: 0 });
    const [promoted] = await mailTo(cy, 'You have a seat in “Guitar basics”');
    expect(promoted!.messageId).toBe(`<${claimed[0]!.id}@skillswap.test>`);
    expect(calendarOf(promoted!)).toContain('URL:https://meet.example.com/guitar');
    expect(await findMail(app.platform.deps.db, claimed[0]!.id)).toMatchObject({
      status: 'sent',
      attempts: 2,
    });

    // Sent again (as after a crash between sending and marking): the same file, the same Message-ID.
    const files = (await readOutbox(outbox)).length;
    await app.platform.deps.db
      .updateTable('mail_outbox')
      .set({ status: 'pending', next_attempt_at: null })
      .where('id', '=', claimed[0]!.id)
      .execute();
    expect(await deliver(at(now, 7 * MINUTE))).toEqual({ sent: 1, skipped: 0, failed: 0 });
    expect(await readOutbox(outbox)).toHaveLength(files);
    expect((await mailTo(cy, 'You have a seat in “Guitar basics”'))[0]!.messageId).toBe(promoted!.messageId);
  });

  it('sends a cancellation whose calendar cancels the event', async () => {
    const now = at(startsAt, -20 * HOUR);
    await sessions.run(
      sessionId,
      { type: 'CancelSession', by: host.id, role: 'user', reason: 'I am ill.', now },
      host.id,
    );
    expect(await deliver(now)).toEqual({ sent: 2, skipped: 0, failed: 0 });
    const [toAna] = await mailTo(ana, '“Guitar basics” was cancelled');
    expect(toAna!.text).toContain(
      'The host cancelled it. It was planned for Tue 8 Jan 2030, 19:00 (Europe/Berlin).',
    );
    expect(toAna!.text).toContain('Reason: I am ill.');
    const calendar = calendarOf(toAna!)!;
    expect(calendar).toContain('METHOD:CANCEL');
    expect(calendar).toContain('STATUS:CANCELLED');
    expect(calendar).toContain('SEQUENCE:2');
    expect(await mailTo(cy, '“Guitar basics” was cancelled')).toHaveLength(1);
    expect(await mailTo(bo)).toEqual([]);
  });

  it('does not send news that is too late: a reminder after the start is skipped', async () => {
    const start = at(startsAt, 48 * HOUR);
    const id = await sessions.schedule({
      hostId: host.id,
      startsAt: start,
      now: clock.now(),
      people: [ana.id],
    });
    clock.set(at(start, -10 * MINUTE));
    await app.platform.deps.projections.catchUp();
    await app.jobs.sessions.tick(clock.now());
    // The mail sender runs only after the session started (the app was down, say).
    expect(await deliver(at(start, 5 * MINUTE))).toEqual({ sent: 0, skipped: 2, failed: 0 });
    const notice = await notificationOf(ana, 'session.reminder');
    expect(notice.title).toBe('“Guitar basics” starts soon');
    expect(await findMail(app.platform.deps.db, notice.id)).toMatchObject({
      status: 'skipped',
      last_error: 'the session has already started',
    });
    expect((await readOutbox(outbox)).filter((m) => m.text?.includes(id))).toEqual([]);
  });
});

describe('emails by SMTP when SMTP_URL is set', () => {
  const clock = new TestClock('2030-01-06T09:00:00.000Z');
  const smtp = new FakeSmtpServer();
  let app: TestApp;

  beforeAll(async () => {
    const url = await smtp.start();
    app = await startTestApp({ ...env, SMTP_URL: url }, undefined, { clock: clock.now, timers: false });
  });
  afterAll(async () => {
    await app?.close();
    await smtp.close();
  });

  it('hands the reminder, calendar attached, to the SMTP server and writes no file', async () => {
    const [host, ana] = (await Promise.all(['Host', 'Ana'].map((n) => signUp(app.url, n)))) as [
      SignedInUser,
      SignedInUser,
    ];
    const startsAt = new Date('2030-01-07T12:00:00.000Z');
    const id = await scheduledSessions(app.platform.deps.store).schedule({
      hostId: host.id,
      startsAt,
      now: clock.now(),
      people: [ana.id],
    });
    const now = at(startsAt, -20 * HOUR);
    await app.platform.deps.projections.catchUp();
    await app.jobs.sessions.tick(now);
    await app.platform.deps.projections.catchUp();
    expect(await app.jobs.mail.tick(now)).toEqual({ sent: 2, skipped: 0, failed: 0 });
    expect(notificationMessages(smtp)).toHaveLength(2);
    const parsed = await Promise.all(notificationMessages(smtp).map((m) => simpleParser(m.raw)));
    expect(parsed.map((m) => m.subject)).toEqual([
      'Reminder: “Guitar basics” is coming up',
      'Reminder: “Guitar basics” is coming up',
    ]);
    expect(parsed.every((m) => calendarOf(m)?.includes(`UID:${id}@skillswap`))).toBe(true);
    expect(await readOutbox(path.join(app.dataDir, 'outbox'))).toEqual([]);
  });
});

describe('a session made, joined, changed and cancelled over HTTP', () => {
  const clock = new TestClock('2030-03-01T09:00:00.000Z');
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(env, undefined, { clock: clock.now, timers: false });
  });
  afterAll(() => app?.close());

  it('notifies and emails the people concerned', async () => {
    const [host, ana, bo] = (await Promise.all(['Host', 'Ana', 'Bo'].map((n) => signUp(app.url, n)))) as [
      SignedInUser,
      SignedInUser,
      SignedInUser,
    ];
    const created = await host.client.post<{ id: string }>('/api/sessions', {
      json: {
        title: 'Sourdough from scratch',
        skill: 'Baking',
        level: 'beginner',
        startsAt: '2030-03-05T16:00:00.000Z',
        durationMinutes: 90,
        capacity: 1,
        meetingUrl: 'https://meet.example.com/bread',
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await ana.client.post(`/api/sessions/${id}/registrations`)).body).toMatchObject({
      status: 'registered',
    });
    expect((await bo.client.post(`/api/sessions/${id}/registrations`)).body).toMatchObject({
      status: 'waitlisted',
    });
    const moved = await host.client.patch(`/api/sessions/${id}`, {
      json: { startsAt: '2030-03-05T17:00:00.000Z' },
    });
    expect(moved.status).toBe(200);
    const freed = await ana.client.request('DELETE', `/api/sessions/${id}/registrations/me`);
    expect(freed.status).toBe(204);
    const cancelled = await host.client.post(`/api/sessions/${id}/cancel`, {
      json: { reason: 'Oven broke.' },
    });
    expect(cancelled.status).toBe(200);

    const seen = { headers: { 'x-min-position': cancelled.headers.get('x-position') ?? '0' } };
    const titles = async (user: SignedInUser) =>
      (
        await user.client.get<{ notifications: Notification[] }>('/api/notifications', seen)
      ).body.notifications.map((n) => n.title);
    expect(await titles(bo)).toEqual([
      '“Sourdough from scratch” was cancelled',
      'You have a seat in “Sourdough from scratch”',
      '“Sourdough from scratch” has a new time',
    ]);
    // Ana left before the cancellation.
    expect(await titles(ana)).toEqual(['“Sourdough from scratch” has a new time']);
    expect(await titles(host)).toEqual([]);

    expect(await app.jobs.mail.tick(clock.now())).toEqual({ sent: 4, skipped: 0, failed: 0 });
    const mails = await readOutbox(path.join(app.dataDir, 'outbox'));
    expect(mails.map((m) => m.subject).sort()).toEqual(
      [
        '“Sourdough from scratch” has a new time',
        '“Sourdough from scratch” has a new time',
        'You have a seat in “Sourdough from scratch”',
        '“Sourdough from scratch” was cancelled',
      ].sort(),
    );
    expect(mails.every((m) => calendarOf(m)?.includes(`UID:${id}@skillswap`))).toBe(true);
  });
});
