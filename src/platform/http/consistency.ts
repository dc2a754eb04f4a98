import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { badRequest, invalid, unavailable } from '../errors.ts';
import type { AppEnv } from './context.ts';

export const POSITION_COOKIE = 'ss_pos';
const WAIT_MS = 5_000;

/**
 * Read-your-writes (docs/api.md, "Conventions"): commands answer with X-Position; reads wait (bounded) until the read models
 * include X-Min-Position, or the caller's own last write, remembered in a cookie so it works across
 * app processes. Only an explicit X-Min-Position turns a timeout into a 503. Writes wait for the caller's own
 * last write too, since commands may check facts in the read models.
 */
export function readYourWrites(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let own = Number(getCookie(c, POSITION_COOKIE) ?? 0) || 0;
    const { projections, store } = c.get('deps');
    if (c.req.method === 'GET' || c.req.method === 'HEAD') {
      const header = c.req.header('x-min-position');
      if (header !== undefined && !/^\d{1,15}$/.test(header)) {
        throw badRequest(
          'X-Min-Position must be a non-negative integer (the X-Position of an earlier response).',
        );
      }
      const wanted = Number(header ?? 0);
      if (!projections.reached(Math.max(wanted, own))) {
        const head = await store.headPosition();
        if (wanted > head) throw beyondTheLog('X-Min-Position', wanted, head);
        // A remembered position the log never reached (a database restored or replaced since) is forgotten.
        if (own > head) own = 0;
        const reached = await projections.waitFor(Math.max(wanted, own), { timeoutMs: WAIT_MS });
        if (!reached && wanted > 0 && wanted >= own) {
          throw unavailable('The read models have not caught up with your write yet. Retry in a moment.');
        }
      }
    } else if (own > 0 && !projections.reached(own) && own <= (await store.headPosition())) {
      // A write may check facts in the read models (a block, a membership): they include the caller's own
      // earlier writes too, so unblocking someone and then registering works at once. Bounded, never a 503.
      await projections.waitFor(own, { timeoutMs: WAIT_MS });
    }
    await next();
  };
}

/**
 * A position past the log's head names no write: waiting for it could only time out, and would hold the
 * request for the whole wait. Checked against the store (not this process's view) only when the read models
 * have not reached it, so a write another process just answered for is never refused.
 */
function beyondTheLog(field: string, position: number, head: number) {
  return invalid(
    `${field} ${position} is past the newest write (${head}): use the X-Position of a response.`,
    [{ path: field, message: `at most ${head}, the position of the newest write` }],
  );
}

/** Marks a response as the result of a write at `position`. */
export function wrotePosition(c: Context<AppEnv>, position: number | null): void {
  if (position === null) return;
  c.header('X-Position', String(position));
  const previous = Number(getCookie(c, POSITION_COOKIE) ?? 0) || 0;
  setCookie(c, POSITION_COOKIE, String(Math.max(previous, position)), {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    maxAge: 60,
  });
}
