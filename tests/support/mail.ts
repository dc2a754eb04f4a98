import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';

/** The `.eml` files of an outbox directory, parsed, with their file names; none when it does not exist. */
export async function readOutbox(dir: string): Promise<(ParsedMail & { file: string; raw: string })[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.eml')).sort();
  } catch {
    return [];
  }
  return Promise.all(
    names.map(async (name) => {
      const raw = await readFile(path.join(dir, name), 'utf8');
      return Object.assign(await simpleParser(raw), { file: name, raw });
    }),
  );
}

/** The `.ics` attachment of a parsed mail as text, or undefined. */
export function calendarOf(mail: ParsedMail): string | undefined {
  const ics = mail.attachments.find((a) => a.filename?.endsWith('.ics'));
  return ics?.content.toString('utf8');
}

/** The one address a parsed mail went to. */
export function recipientOf(mail: ParsedMail): string | undefined {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return to?.value[0]?.address;
}

/**
 * A minimal SMTP server (RFC 5321, no TLS, no auth) that accepts every message and keeps its raw text:
 * enough to prove the SMTP path end to end without a real mail server.
 */
export class FakeSmtpServer {
  readonly messages: { from: string; to: string[]; raw: string }[] = [];
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((socket) => {
      socket.setEncoding('utf8');
      let buffer = '';
      let data: string[] | undefined;
      let from = '';
      let to: string[] = [];
      const reply = (line: string) => socket.write(`${line}\r\n`);
      reply('220 fake-smtp ready');
      socket.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\r\n')) >= 0) {
          const line = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (data) {
            if (line === '.') {
              this.messages.push({ from, to, raw: data.join('\r\n') });
              data = undefined;
              reply('250 queued');
            } else data.push(line.startsWith('..') ? line.slice(1) : line);
            continue;
          }
          const verb = line.slice(0, 4).toUpperCase();
          if (verb === 'EHLO' || verb === 'HELO') reply('250 fake-smtp');
          else if (verb === 'MAIL') {
            from = /<([^>]*)>/.exec(line)?.[1] ?? '';
            to = [];
            reply('250 ok');
          } else if (verb === 'RCPT') {
            to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
            reply('250 ok');
          } else if (verb === 'DATA') {
            data = [];
            reply('354 end with .');
          } else if (verb === 'QUIT') {
            reply('221 bye');
            socket.end();
          } else reply('250 ok');
        }
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return `smtp://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
