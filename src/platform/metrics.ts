import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The app's Prometheus metrics (prom-client), one registry per app so several apps in one process (tests)
 * never share counters. Served as text at `GET /metrics`.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'skillswap_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'skillswap_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly httpInFlight = new Gauge({
    name: 'skillswap_http_requests_in_flight',
    help: 'HTTP requests being answered now.',
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'skillswap_event_store_append_duration_seconds',
    help: 'Time of one event store write (a batch of appends in one round trip).',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  readonly appendBatchSize = new Histogram({
    name: 'skillswap_event_store_append_batch_events',
    help: 'Events written by one event store write.',
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 1000, 5000],
    registers: [this.registry],
  });

  readonly projectionBatches = new Counter({
    name: 'skillswap_projection_batches_total',
    help: 'Batches with events for a read model: applied here, found applied by another process, or followed from its announcement.',
    labelNames: ['projection', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly refusedDocUpdates = new Counter({
    name: 'skillswap_yjs_refused_updates_total',
    help: 'Yjs updates refused by the document server.',
    labelNames: ['doc'] as const,
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: 'skillswap_rate_limit_refusals_total',
    help: 'Requests or socket messages refused by a rate limit, by limit name.',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'skillswap_' });
  }

  /** A gauge read when metrics are scraped (projection lag, open sockets). */
  gauge<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    collect: (set: (labels: Partial<Record<L, string>>, value: number) => void) => void | Promise<void>,
  ): void {
    const gauge: Gauge<L> = new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        gauge.reset();
        await collect((labels, value) => gauge.set(labels, value));
      },
    });
  }
}
