import { performance } from 'node:perf_hooks';

export type UpdateStep = 'validate' | 'apply' | 'relay' | 'append';

/**
 * Time spent per step on accepted updates, summed since start (a few clock reads per update), so a
 * benchmark or an operator can see where an update's latency goes. `append` is wall time from queueing
 * to stored, including waiting behind earlier appends of the same document.
 */
export class UpdateStats {
  updates = 0;
  relayedFrames = 0;
  readonly ms: Record<UpdateStep, number> = { validate: 0, apply: 0, relay: 0, append: 0 };

  /** Returns a function that adds the time since this call to `step`. */
  start(step: UpdateStep): () => void {
    const t = performance.now();
    return () => (this.ms[step] += performance.now() - t);
  }

  reset(): void {
    this.updates = 0;
    this.relayedFrames = 0;
    for (const step of Object.keys(this.ms) as UpdateStep[]) this.ms[step] = 0;
  }

  /** Mean milliseconds per accepted update, per step. */
  perUpdate(): Record<UpdateStep, number> & { updates: number; relayedFrames: number } {
    const n = Math.max(1, this.updates);
    const mean = (step: UpdateStep) => this.ms[step] / n;
    return {
      updates: this.updates,
      relayedFrames: this.relayedFrames,
      validate: mean('validate'),
      apply: mean('apply'),
      relay: mean('relay'),
      append: mean('append'),
    };
  }
}
