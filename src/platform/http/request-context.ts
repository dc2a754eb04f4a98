import { randomUUID } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Deps } from './context.ts';

/** Puts deps, a request id (honouring X-Request-Id) and the client IP on the context. */
export function requestContext(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('deps', deps);
    const incoming = c.req.header('x-request-id');
    c.set('requestId', incoming && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID());
    let ip: string | undefined;
    if (deps.config.trustProxy) ip = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (!ip) {
      try {
        ip = getConnInfo(c).remote.address;
      } catch {
        ip = undefined; // app.request() in tests has no socket
      }
    }
    c.set('ip', ip);
    c.set('user', undefined);
    await next();
    // In place, as secureHeaders does: `c.header()` on a finished response makes hono copy it whole (a web
    // Response with a body stream), which cost a measurable share of every request (docs/benchmarks.md).
    c.res.headers.set('x-request-id', c.get('requestId'));
  };
}
