import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { Logger } from '../logger.ts';

/** One email as a feature writes it; the mailer turns it into RFC 5322. */
export interface MailMessage {
  /**
   * Stable for one logical message (e.g. one event for one person), so a retry is the same message: it
   * becomes the `Message-ID` (`<id@domain>`) and the outbox file name. Letters, digits, `.`, `_`, `-`.
   */
  id: string;
  to: { address: string; name?: string | null };
  subject: string;
  text: string;
  html?: string;
  /** The `Date` header; the app's clock, so tests see their own time. */
  date?: Date;
  /** An RFC 5545 calendar, sent as a `text/calendar` alternative and as an `.ics` attachment. */
  calendar?: { content: string; filename?: string };
  /** Extra headers, e.g. `Auto-Submitted`. */
  headers?: Record<string, string>;
}

export interface SentMail {
  messageId: string;
  /** The `.eml` file written, when mail goes to the outbox directory. */
  file?: string;
}

/** The platform's one way to send mail; features get it as `Deps.mail`. */
export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  send(message: MailMessage): Promise<SentMail>;
  close(): Promise<void>;
}

export interface MailerOptions {
  /** `smtp://user:pass@host:587` or `smtps://…:465`; unset writes `.eml` files to `outboxDir` instead. */
  smtpUrl: string | undefined;
  /** `Name <address>`: the sender of every message. */
  from: string;
  outboxDir: string;
  logger: Logger;
}

const safeId = /^[A-Za-z0-9._-]{1,200}$/;

/** Builds the mailer: SMTP when a URL is configured, else `.eml` files in the outbox directory. */
export function createMailer(options: MailerOptions): Mailer {
  return options.smtpUrl ? smtpMailer(options, options.smtpUrl) : outboxMailer(options);
}

/** The domain of the sender's address, the right side of every Message-ID. */
function senderDomain(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.split('@')[1]?.trim() || 'skillswap.local';
}

function toOptions(message: MailMessage, from: string): SendMailOptions {
  if (!safeId.test(message.id)) throw new Error(`Mail id "${message.id}" is not a safe identifier`);
  const { to, calendar } = message;
  return {
    from,
    to: to.name ? { name: to.name, address: to.address } : to.address,
    subject: message.subject,
    text: message.text,
    ...(message.html !== undefined && { html: message.html }),
    messageId: `<${message.id}@${senderDomain(from)}>`,
    ...(message.date && { date: message.date }),
    ...(calendar && {
      icalEvent: {
        method: /^METHOD:(\w+)/m.exec(calendar.content)?.[1] ?? 'PUBLISH',
        filename: calendar.filename ?? 'session.ics',
        content: calendar.content,
      },
    }),
    ...(message.headers && { headers: message.headers }),
  };
}

function smtpMailer(options: MailerOptions, smtpUrl: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  const host = new URL(smtpUrl).host;
  return {
    kind: 'smtp',
    async send(message) {
      const info = await transport.sendMail(toOptions(message, options.from));
      options.logger.info({ messageId: info.messageId, smtp: host }, 'mail sent by SMTP');
      return { messageId: info.messageId };
    },
    async close() {
      transport.close();
    },
  };
}

/**
 * No SMTP: each message is written as `<id>.eml` (RFC 5322, as it would go on the wire) under the outbox
 * directory. Written to a temporary name and renamed, so a reader never sees half a file, and a retry of
 * the same id replaces the file instead of adding another.
 */
function outboxMailer(options: MailerOptions): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    kind: 'outbox',
    async send(message) {
      const info = await transport.sendMail(toOptions(message, options.from));
      await mkdir(options.outboxDir, { recursive: true });
      const file = path.join(options.outboxDir, `${message.id}.eml`);
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, info.message as Buffer);
      await rename(temporary, file);
      options.logger.info(
        { messageId: info.messageId, file },
        `mail written to ${file} (no SMTP_URL is set, so nothing was sent)`,
      );
      return { messageId: info.messageId, file };
    },
    async close() {
      transport.close();
    },
  };
}
