import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { forbidden, unauthorized } from '../errors.ts';
import type { Role } from '../event-store/port.ts';
import type { AppEnv, SessionUser } from './context.ts';
import { csrfTokenFor } from './csrf.ts';
import { lookupSession, type SessionToken } from './sessions.ts';

export const SESSION_COOKIE = 'ss_session';
export const CSRF_COOKIE = 'ss_csrf';
const MAX_AGE_SECONDS = 30 * 24 * 3600;

/** Resolves the session cookie to a user (or none); routes then demand what they need. */
export function sessionAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const deps = c.get('deps');
      const user = await lookupSession(deps, token);
      if (user) c.set('user', user);
      else deleteCookie(c, SESSION_COOKIE, { path: '/' });
    }
    await next();
  };
}

/**
 * The one place that refuses: not signed in (401), suspended (403), or lacking a role (403).
 * Every route that acts for a user calls this.
 */
export function requireUser(c: Context<AppEnv>, ...roles: Role[]): SessionUser {
  const user = c.get('user');
  if (!user) throw unauthorized();
  if (user.status === 'suspended')
    throw forbidden('Your account is suspended. Contact support if you think this is a mistake.');
  if (roles.length > 0 && !roles.includes(user.role)) throw forbidden('Your role does not allow this.');
  return user;
}

export function setSessionCookies(c: Context<AppEnv>, session: SessionToken): void {
  const secure = c.req.header('x-forwarded-proto') === 'https' || new URL(c.req.url).protocol === 'https:';
  setCookie(c, SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    maxAge: MAX_AGE_SECONDS,
  });
  setCookie(c, CSRF_COOKIE, csrfTokenFor(c.get('deps').config.sessionSecret, session.id), {
    path: '/',
    httpOnly: false,
    sameSite: 'Lax',
    secure,
    maxAge: MAX_AGE_SECONDS,
  });
}

export function clearSessionCookies(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
  deleteCookie(c, CSRF_COOKIE, { path: '/' });
}
