import {
  claimMail,
  markMailFailed,
  markMailSent,
  markMailSkipped,
  type MailOutboxRow,
} from '../../../projections/mail-outbox.ts';
import { findNotification, findPeople } from '../../../projections/notifications.ts';
import type { Deps } from '../../platform/http/context.ts';
import { Periodic } from '../../platform/periodic.ts';
import type { MailMessage } from '../../platform/mail/mailer.ts';
import { sessionMailCalendar } from '../sessions/index.ts';
import { accountTypes } from './events.ts';
import { goneStatuses, loadSettings } from './service.ts';
import { notificationText, type NotificationFacts } from './texts.ts';

const MINUTE = 60_000;
/** A claimed email is this sender's for this long; after that another process may send it. */
const LEASE_MS = 5 * MINUTE;
const BATCH = 25;
const MAX_PER_TICK = 500;
const MAX_ATTEMPTS = 8;

export interface MailTickResult {
  sent: number;
  skipped: number;
  failed: number;
}

type Outcome = { sent: true } | { skipped: string } | { failed: string };

/**
 * Delivers the email outbox (`mail_outbox`, filled by the notifications projection), in every app process:
 * claims due rows (a lease; `skip locked` across processes), writes each email from its notification, sends
 * it through `Deps.mail` and marks it sent. At least once: a sender that dies after sending and before
 * marking lets the lease run out and the email goes again with the same Message-ID.
 *
 * Checked at sending time, not when queued: the person's address (users read model), their email setting
 * (`settings-<userId>`), and that the news is not stale (a reminder after the start, a change after the end).
 */
export class NotificationMailer {
  private readonly periodic: Periodic;

  constructor(
    private readonly deps: Pick<Deps, 'db' | 'store' | 'mail' | 'clock' | 'logger'>,
    private readonly options: { publicUrl: string; intervalMs?: number },
  ) {
    this.periodic = new Periodic(
      () => this.tick(this.deps.clock()),
      this.options.intervalMs ?? 5_000,
      (err) => this.deps.logger.error({ err }, 'mail outbox tick failed'),
    );
  }

  start(): void {
    this.periodic.start();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** Sends what is due at `now`. Tests call it directly. */
  async tick(now: Date = this.deps.clock()): Promise<MailTickResult> {
    const result: MailTickResult = { sent: 0, skipped: 0, failed: 0 };
    for (let done = 0; done < MAX_PER_TICK;) {
      const rows = await claimMail(this.deps.db, now, LEASE_MS, BATCH);
      if (rows.length === 0) break;
      done += rows.length;
      for (const row of rows) {
        const outcome = await this.deliver(row, now).catch((err: unknown): Outcome => ({
          failed: err instanceof Error ? err.message : String(err),
        }));
        if ('sent' in outcome) {
          await markMailSent(this.deps.db, row.id, now);
          result.sent++;
        } else if ('skipped' in outcome) {
          await markMailSkipped(this.deps.db, row.id, outcome.skipped);
          result.skipped++;
        } else {
          const retryAt =
            row.attempts >= MAX_ATTEMPTS
              ? null
              : new Date(now.getTime() + Math.min(60 * MINUTE, MINUTE * 2 ** (row.attempts - 1)));
          await markMailFailed(this.deps.db, row.id, outcome.failed, retryAt);
          this.deps.logger.warn(
            { mailId: row.id, attempts: row.attempts, err: outcome.failed, retryAt },
            retryAt ? 'email not sent; will retry' : 'email not sent; giving up',
          );
          result.failed++;
        }
      }
    }
    return result;
  }

  private async deliver(row: MailOutboxRow, now: Date): Promise<Outcome> {
    const notification = await findNotification(this.deps.db, row.id);
    // Missing while the notifications read model rebuilds: try again later.
    if (!notification) return { failed: 'its notification is not in the read model (yet)' };
    const person = (await findPeople(this.deps.db, [row.user_id])).get(row.user_id);
    if (!person || goneStatuses.includes(person.status)) return { skipped: 'the account is gone' };
    // About the account itself (a suspension, removed content): sent whatever the setting.
    if (
      !accountTypes.includes(notification.type) &&
      !(await loadSettings(this.deps, row.user_id)).emailNotifications
    )
      return { skipped: 'email notifications are off' };
    const facts: NotificationFacts = {
      type: notification.type,
      actorId: notification.actor_id,
      subjectId: notification.subject_id,
      data: notification.data,
    };
    const stale = staleness(facts, now);
    if (stale) return { skipped: stale };

    const text = notificationText(facts, { names: new Map(), timeZone: person.timeZone });
    const page = `${this.options.publicUrl}${text.link}`;
    const message: MailMessage = {
      id: row.id,
      to: { address: person.email, name: person.displayName },
      subject: text.title,
      text: [
        `Hello ${person.displayName},`,
        '',
        text.body,
        '',
        page,
        '',
        '-- ',
        'SkillSwap. You get this email because email notifications are on for your account.',
        `Turn them off in your settings: ${this.options.publicUrl}/settings`,
        '',
      ].join('\n'),
      date: now,
      headers: { 'Auto-Submitted': 'auto-generated' },
    };
    if (facts.type.startsWith('session.')) {
      const calendar = await sessionMailCalendar(this.deps, facts.subjectId, row.user_id, {
        now,
        pageUrl: page,
      });
      if (calendar) message.calendar = calendar;
    }
    await this.deps.mail.send(message);
    return { sent: true };
  }
}

/** Why a session email is no longer worth sending at `now`, or null. */
function staleness(n: NotificationFacts, now: Date): string | null {
  const { startsAt, durationMinutes } = n.data;
  if (!startsAt) return null;
  const start = Date.parse(startsAt);
  if (n.type === 'session.reminder') return now.getTime() >= start ? 'the session has already started' : null;
  if (n.type.startsWith('session.'))
    return now.getTime() >= start + (durationMinutes ?? 0) * MINUTE ? 'the session is over' : null;
  return null;
}
