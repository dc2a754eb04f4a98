/** At most `limit` hits in any `ms` milliseconds. */
export interface Window {
  limit: number;
  ms: number;
}

export type Taken = { ok: true } | { ok: false; window: Window; retryAfterMs: number };

/**
 * Sliding-window counters per key, in memory (one app process), on the time the caller gives: the app's
 * clock, so tests move time by hand. A key keeps at most the largest limit's timestamps; `sweep` forgets
 * keys whose hits have all left the longest window. Windows without a finite limit count nothing.
 */
export class SlidingWindows {
  private readonly windows: readonly Window[];
  private readonly longestMs: number;
  private readonly hits = new Map<string, number[]>();

  constructor(windows: readonly Window[]) {
    this.windows = windows.filter((w) => Number.isFinite(w.limit));
    this.longestMs = Math.max(0, ...this.windows.map((w) => w.ms));
  }

  /** Counts `n` hits at `now` if every window has room for them; otherwise counts nothing. */
  take(key: string, n: number, now: number): Taken {
    if (this.windows.length === 0 || n <= 0) return { ok: true };
    const kept = (this.hits.get(key) ?? []).filter((t) => t > now - this.longestMs);
    for (const window of this.windows) {
      const inWindow = kept.filter((t) => t > now - window.ms);
      const over = inWindow.length + n - window.limit;
      if (over <= 0) continue;
      // The hits must leave the window until `n` more fit; never, when `n` alone is over the limit.
      const freedBy = n > window.limit ? undefined : inWindow[over - 1];
      const retryAfterMs = freedBy === undefined ? Number.POSITIVE_INFINITY : freedBy + window.ms - now;
      this.store(key, kept);
      return { ok: false, window, retryAfterMs };
    }
    for (let i = 0; i < n; i++) kept.push(now);
    this.store(key, kept);
    return { ok: true };
  }

  /**
   * Counts `n` hits at `at` whether or not they fit: posts this process did not decide (another app
   * process accepted them) still use up the person's allowance here.
   */
  record(key: string, n: number, at: number): void {
    if (this.windows.length === 0 || n <= 0) return;
    const kept = (this.hits.get(key) ?? []).filter((t) => t > at - this.longestMs);
    for (let i = 0; i < n; i++) kept.push(at);
    kept.sort((a, b) => a - b);
    this.store(key, kept);
  }

  /** Forgets keys without hits in the longest window (memory stays bounded by active keys). */
  sweep(now: number): void {
    for (const [key, times] of this.hits) {
      if ((times.at(-1) ?? Number.NEGATIVE_INFINITY) <= now - this.longestMs) this.hits.delete(key);
    }
  }

  get size(): number {
    return this.hits.size;
  }

  private store(key: string, times: number[]) {
    if (times.length === 0) this.hits.delete(key);
    else this.hits.set(key, times);
  }
}
