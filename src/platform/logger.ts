import { pino, type Logger } from 'pino';

export type { Logger };

/** pino: structured JSON logs, cheap when a level is off; secrets are redacted by path. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: ['req.headers.cookie', 'password', 'currentPassword', 'newPassword', '*.passwordHash'],
  });
}
