import { createHash } from 'node:crypto';
import type pg from 'pg';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { tooManyRequests } from '../errors.ts';

/** The outcome of counting one attempt: allowed, or refused until `retryAfterSeconds` have passed. */
export type LimitOutcome = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * A fixed-window limit (rate-limiter-flexible). With a Postgres server the counters live in the
 * `rate_limits` table, so every app process and a restart see the same counts; on the embedded default
 * (one process) they live in memory. A store that fails falls back to memory rather than failing requests.
 */
export class RateLimit {
  constructor(
    private readonly limiter: RateLimiterAbstract,
    /** Plural noun for messages: "sign-in attempts", "wall posts". */
    private readonly what: string,
    private readonly onRefused: () => void = () => undefined,
    /** With a clock, windows follow it (see `LimitSpec.clock`). */
    private readonly window?: { clock: () => Date; durationMs: number },
  ) {}

  /** The stored key, and (on the app's clock) the milliseconds left in its window. */
  private keyOf(key: string): { stored: string; msLeft?: number } {
    if (!this.window) return { stored: storeKey(key) };
    const { clock, durationMs } = this.window;
    const now = clock().getTime();
    const index = Math.floor(now / durationMs);
    return { stored: `${storeKey(key)}@${index}`, msLeft: (index + 1) * durationMs - now };
  }

  /** Throws the 429 if `key` is already over the limit, without counting an attempt. */
  async check(key: string): Promise<void> {
    const { stored, msLeft } = this.keyOf(key);
    const res = await this.limiter.get(stored);
    if (res && res.consumedPoints >= this.limiter.points)
      this.refuse(Math.ceil((msLeft ?? res.msBeforeNext) / 1000));
  }

  /** Counts one attempt for `key`; a refusal says how long to wait. */
  async attempt(key: string, points = 1): Promise<LimitOutcome> {
    const { stored, msLeft } = this.keyOf(key);
    try {
      await this.limiter.consume(stored, points);
      return { ok: true };
    } catch (result) {
      if (!(result instanceof RateLimiterRes)) throw result;
      this.onRefused();
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((msLeft ?? result.msBeforeNext) / 1000)) };
    }
  }

  /** Counts one attempt for `key`; over the limit it throws a 429 problem with Retry-After. */
  async consume(key: string, points = 1): Promise<void> {
    const outcome = await this.attempt(key, points);
    if (!outcome.ok) this.refuse(outcome.retryAfterSeconds);
  }

  private refuse(seconds: number): never {
    const s = Math.max(1, seconds);
    const wait = s >= 120 ? `${Math.ceil(s / 60)} minutes` : `${s} second${s === 1 ? '' : 's'}`;
    throw tooManyRequests(s, `Too many ${this.what}. Try again in ${wait}.`);
  }

  /** Forgets `key`'s count (a successful sign-in clears its failures). */
  async reset(key: string): Promise<void> {
    await this.limiter.delete(this.keyOf(key).stored);
  }
}

// Keys hold emails or ids; long ones are hashed to fit the store's 255-character key.
const storeKey = (key: string) =>
  key.length <= 200 ? key : `h:${createHash('sha256').update(key).digest('base64url')}`;

export interface LimitSpec {
  /** Unique per limit: it prefixes the stored keys. */
  name: string;
  points: number;
  durationSeconds: number;
  what: string;
  /**
   * The app's clock (`Deps.clock`): windows of `durationSeconds` then follow it, aligned to its epoch, and
   * Retry-After is the time left in the current one, so tests move a clock instead of waiting. The stored
   * counts still expire by the real clock, after at least one window. Without it, a window starts at a
   * key's first attempt, by the real clock.
   */
  clock?: () => Date;
}

/** Makes the app's limits on the right store. Built once at composition and shared by every feature. */
export class RateLimits {
  constructor(
    private readonly pool?: pg.Pool,
    /** Told the limit's name on every refusal (metrics). */
    private readonly onRefused: (name: string) => void = () => undefined,
  ) {}

  create(spec: LimitSpec): RateLimit {
    const base = { keyPrefix: spec.name, points: spec.points, duration: spec.durationSeconds };
    const memory = new RateLimiterMemory(base);
    const limiter = this.pool
      ? new RateLimiterPostgres({
          ...base,
          storeClient: this.pool,
          tableName: 'rate_limits',
          tableCreated: true,
          clearExpiredByTimeout: true,
          insuranceLimiter: memory,
        })
      : memory;
    const window = spec.clock && { clock: spec.clock, durationMs: spec.durationSeconds * 1000 };
    return new RateLimit(limiter, spec.what, () => this.onRefused(spec.name), window);
  }
}
