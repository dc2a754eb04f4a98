import { createHmac, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { forbidden } from '../errors.ts';
import type { AppEnv } from './context.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export const csrfTokenFor = (secret: string, sessionId: string) =>
  createHmac('sha256', secret).update(`csrf:${sessionId}`).digest('base64url');

/**
 * CSRF: browsers announce themselves with Origin / Sec-Fetch-Site on unsafe requests, so
 * 1. a cross-site request is refused outright;
 * 2. JSON bodies are accepted (a cross-site page cannot send them without a CORS preflight we never grant);
 * 3. other unsafe browser requests (raw uploads, empty POSTs) must carry X-CSRF-Token, the HMAC of the
 *    session id that the app reads from the `ss_csrf` cookie.
 * Non-browser clients send neither header and cannot be tricked into riding a victim's cookie.
 */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const fetchSite = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') {
      throw forbidden('Cross-site requests are not accepted.');
    }
    if (origin && origin !== 'null') {
      // Only a proxy we trust may name the public host; anyone else could claim a matching one.
      const forwarded = c.get('deps').config.trustProxy
        ? c.req.header('x-forwarded-host')?.split(',')[0]?.trim()
        : undefined;
      const host = forwarded ?? c.req.header('host');
      const originHost = hostOf(origin);
      if (!originHost || originHost !== host) throw forbidden('Cross-site requests are not accepted.');
    }
    const browser = Boolean(fetchSite || origin);
    const json = /^application\/([\w.+-]+\+)?json\b/i.test(c.req.header('content-type') ?? '');
    const user = c.get('user');
    if (browser && !json && user) {
      const sent = c.req.header('x-csrf-token') ?? '';
      const expected = csrfTokenFor(c.get('deps').config.sessionSecret, user.sessionId);
      const ok = sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
      if (!ok) throw forbidden('Missing or wrong CSRF token. Reload the page and try again.');
    }
    return next();
  };
}

/** The host of an Origin header; undefined when it is not a URL. */
function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
