import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Periodic } from './periodic.ts';

describe('Periodic', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs every interval, skips a beat while a run is still going, and stop waits for it', async () => {
    let runs = 0;
    let finish: () => void = () => undefined;
    const periodic = new Periodic(
      () => {
        runs++;
        return new Promise<void>((resolve) => (finish = resolve));
      },
      1_000,
      () => undefined,
    );
    periodic.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(runs).toBe(1);
    finish();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(2);
    let stopped = false;
    const stopping = periodic.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toBe(2);
  });

  it('hands a failed run to onError and keeps ticking', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const periodic = new Periodic(
      () => (++runs === 1 ? Promise.reject(new Error('boom')) : Promise.resolve()),
      1_000,
      (err) => errors.push(err),
    );
    periodic.start();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(runs).toBe(2);
    expect(errors).toHaveLength(1);
    await periodic.stop();
  });
});
