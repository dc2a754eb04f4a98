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

/** Staff roles in order: each includes the powers of those before it. */
export const roleOrder: readonly Role[] = ['user', 'moderator', 'admin', 'super_admin'];
export const roleRank = (role: string | null | undefined): number => roleOrder.indexOf(role as Role);

/** `role` and every role above it: `command(..., { roles: atLeast('moderator') })`, `requireUser(c, ...atLeast('admin'))`. */
export const atLeast = (role: Role): Role[] => roleOrder.slice(roleRank(role));

/** What a suspended person reads on every refused request. */
export function suspensionDetail(user: SessionUser): string {
  const s = user.suspension;
  const until = s?.until ? ` until ${s.until}` : '';
  const why = s?.reason ? ` Reason: ${s.reason}` : '';
  return `Your account is suspended${until}.${why} You can file an appeal with support.`;
}

/**
 * The one place that refuses: not signed in (401), suspended (403, with the reason), or lacking a role
 * (403). Every route that acts for a user calls this.
 */
export function requireUser(c: Context<AppEnv>, ...roles: Role[]): SessionUser {
  const user = requireSignedIn(c);
  if (user.status === 'suspended') throw forbidden(suspensionDetail(user));
  if (roles.length > 0 && !roles.includes(user.role)) throw forbidden('Your role does not allow this.');
  return user;
}

/**
 * Signed in, suspended or not: only for what a suspended person may still do (read their own account and
 * why it is suspended, sign out, file an appeal). Everything else uses `requireUser`.
 */
export function requireSignedIn(c: Context<AppEnv>): SessionUser {
  const user = c.get('user');
  if (!user) throw unauthorized();
  return user;
}

/**
 * Refuses every request of a suspended person (403 with the reason) except the few `allowed` ones, before
 * any route runs, so a route that forgets `requireUser` still cannot act for them.
 */
export function suspensionGate(
  allowed: readonly { method: string; path: string }[],
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (
      user?.status === 'suspended' &&
      !allowed.some((a) => a.method === c.req.method && a.path === c.req.path)
    )
      throw forbidden(suspensionDetail(user));
    await next();
  };
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
