import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';
import { createMailer, type MailMessage } from '../src/platform/mail/mailer.ts';
import { createLogger } from '../src/platform/logger.ts';
import { calendarOf, FakeSmtpServer, readOutbox, recipientOf } from './support/mail.ts';

const logger = createLogger('silent');
const calendar = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//SkillSwap//Sessions//EN',
  'METHOD:PUBLISH',
  'BEGIN:VEVENT',
  'UID:abc@skillswap',
  'DTSTART:20300107T180000Z',
  'DTEND:20300107T190000Z',
  'SUMMARY:Guitar basics',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

const message = (id: string, subject = 'Guitar basics starts in 24 hours'): MailMessage => ({
  id,
  to: { address: 'ana@example.com', name: 'Ana Ñandú' },
  subject,
  text: 'Hello Ana,\n\nGuitar basics starts tomorrow at 18:00.\n',
  date: new Date('2030-01-06T18:00:00.000Z'),
  calendar: { content: calendar },
});

describe('the platform mailer', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('without SMTP writes one RFC 5322 .eml per message id, a retry replacing it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'skillswap-outbox-'));
    dirs.push(dir);
    const mailer = createMailer({
      smtpUrl: undefined,
      from: 'SkillSwap <no-reply@skillswap.test>',
      outboxDir: dir,
      logger,
    });
    expect(mailer.kind).toBe('outbox');
    const sent = await mailer.send(message('reminder-1'));
    expect(sent.file).toBe(path.join(dir, 'reminder-1.eml'));
    await mailer.send(message('reminder-1', 'Guitar basics starts in 24 hours (again)'));
    await mailer.send(message('reminder-2'));

    const mails = await readOutbox(dir);
    expect(mails.map((m) => m.file)).toEqual(['reminder-1.eml', 'reminder-2.eml']);
    const [first] = mails;
    expect(first!.messageId).toBe('<reminder-1@skillswap.test>');
    expect(first!.subject).toBe('Guitar basics starts in 24 hours (again)');
    expect(recipientOf(first!)).toBe('ana@example.com');
    expect(first!.to && !Array.isArray(first!.to) && first!.to.value[0]?.name).toBe('Ana Ñandú');
    expect(first!.date?.toISOString()).toBe('2030-01-06T18:00:00.000Z');
    expect(first!.text).toContain('starts tomorrow at 18:00');
    expect(calendarOf(first!)).toBe(calendar);
    // Lines end in CRLF, as on the wire.
    expect(first!.raw).toMatch(/^From: .*\r\n/m);
    expect(first!.raw).not.toMatch(/[^\r]\n/);
    await mailer.close();
  });

  it('refuses an id that could escape the outbox directory', async () => {
    const mailer = createMailer({ smtpUrl: undefined, from: 'x@y.z', outboxDir: tmpdir(), logger });
    await expect(mailer.send(message('../escape'))).rejects.toThrow(/not a safe identifier/);
  });

  it('with SMTP_URL hands the same message to the SMTP server', async () => {
    const smtp = new FakeSmtpServer();
    const url = await smtp.start();
    const mailer = createMailer({
      smtpUrl: url,
      from: 'SkillSwap <no-reply@skillswap.test>',
      outboxDir: '/nonexistent',
      logger,
    });
    expect(mailer.kind).toBe('smtp');
    const sent = await mailer.send(message('smtp-1'));
    expect(sent).toEqual({ messageId: '<smtp-1@skillswap.test>' });
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]).toMatchObject({ from: 'no-reply@skillswap.test', to: ['ana@example.com'] });
    const parsed = await simpleParser(smtp.messages[0]!.raw);
    expect(parsed.messageId).toBe('<smtp-1@skillswap.test>');
    expect(calendarOf(parsed)).toBe(calendar);
    await mailer.close();
    await smtp.close();
  });
});
