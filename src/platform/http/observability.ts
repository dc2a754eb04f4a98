import type { MiddlewareHandler } from 'hono';
import type { Metrics } from '../metrics.ts';
import type { AppEnv } from './context.ts';

/** Counts and times every request by its route pattern (`/api/groups/:id`, never the raw path). */
export function httpMetrics(metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const stop = metrics.httpDuration.startTimer();
    metrics.httpInFlight.inc();
    try {
      await next();
    } finally {
      metrics.httpInFlight.dec();
      // Unmatched paths all count as one route, so scanners cannot blow up the label set.
      const route = c.req.routePath && c.req.routePath !== '/*' ? c.req.routePath : 'unmatched';
      const labels = { method: c.req.method, route };
      stop(labels);
      metrics.httpRequests.inc({ ...labels, status: String(c.res.status) });
    }
  };
}

/**
 * Liveness and readiness. `/healthz` answers while the process runs; `/readyz` answers 200 only while the
 * app can serve (database reachable, not shutting down), so a load balancer stops sending traffic before
 * a graceful shutdown closes anything.
 */
export interface Readiness {
  /** Set when a shutdown begins. */
  draining: boolean;
  /** Throws when a dependency is unusable. */
  check(): Promise<void>;
}
