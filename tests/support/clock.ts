/**
 * A clock tests move by hand: give `clock.now` to the app (`startTestApp(env, undefined, { clock: clock.now })`)
 * and `advance` it instead of sleeping.
 */
export class TestClock {
  private ms: number;

  constructor(start: Date | string = '2030-01-06T09:00:00.000Z') {
    this.ms = new Date(start).getTime();
  }

  readonly now = (): Date => new Date(this.ms);

  advance(by: { days?: number; hours?: number; minutes?: number; seconds?: number }): Date {
    this.ms +=
      ((((by.days ?? 0) * 24 + (by.hours ?? 0)) * 60 + (by.minutes ?? 0)) * 60 + (by.seconds ?? 0)) * 1000;
    return this.now();
  }

  set(to: Date | string): void {
    this.ms = new Date(to).getTime();
  }
}
