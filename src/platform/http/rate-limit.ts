import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { tooManyRequests } from '../errors.ts';

/**
 * A fixed-window limiter (rate-limiter-flexible, in memory: per app process). Throws a 429 AppError
 * with the seconds until the window frees up.
 */
export class RateLimit {
  private readonly limiter: RateLimiterMemory;

  constructor(
    points: number,
    durationSeconds: number,
    private readonly what: string,
  ) {
    this.limiter = new RateLimiterMemory({ points, duration: durationSeconds });
  }

  async consume(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (result) {
      if (!(result instanceof RateLimiterRes)) throw result;
      const seconds = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
      throw tooManyRequests(seconds, `Too many ${this.what}. Try again in ${seconds} seconds.`);
    }
  }
}
