import { describe, expect, it } from 'vitest';
import { instantToZoned, zonedToInstant } from './zoned-time.ts';

describe('zoned wall-clock times', () => {
  it('reads a wall time in the zone it was typed in, summer and winter', () => {
    expect(zonedToInstant('2030-01-08T18:00', 'Europe/Berlin')?.toISOString()).toBe(
      '2030-01-08T17:00:00.000Z',
    );
    expect(zonedToInstant('2030-07-08T18:00', 'Europe/Berlin')?.toISOString()).toBe(
      '2030-07-08T16:00:00.000Z',
    );
    expect(zonedToInstant('2030-07-08T18:00', 'America/New_York')?.toISOString()).toBe(
      '2030-07-08T22:00:00.000Z',
    );
    expect(zonedToInstant('2030-07-08', 'Asia/Tokyo')?.toISOString()).toBe('2030-07-07T15:00:00.000Z');
    expect(zonedToInstant('2030-07-08T18:00', 'UTC')?.toISOString()).toBe('2030-07-08T18:00:00.000Z');
  });

  it('lands a time skipped by the spring jump just after it', () => {
    // Berlin skips 02:00–03:00 on 2030-03-31.
    const instant = zonedToInstant('2030-03-31T02:30', 'Europe/Berlin');
    expect(instant?.toISOString()).toBe('2030-03-31T01:30:00.000Z');
    expect(instantToZoned(instant!, 'Europe/Berlin')).toBe('2030-03-31T03:30');
  });

  it('refuses text that is not a time', () => {
    expect(zonedToInstant('', 'UTC')).toBeNull();
    expect(zonedToInstant('tomorrow', 'UTC')).toBeNull();
  });

  it('shows an instant as the zone’s wall clock, the round trip of the form', () => {
    expect(instantToZoned('2030-01-08T17:00:00.000Z', 'Europe/Berlin')).toBe('2030-01-08T18:00');
    expect(instantToZoned('2030-01-08T23:30:00.000Z', 'Asia/Kolkata')).toBe('2030-01-09T05:00');
    expect(
      zonedToInstant(instantToZoned('2030-10-27T00:45:00.000Z', 'Europe/Berlin'), 'Europe/Berlin'),
    ).toEqual(new Date('2030-10-27T00:45:00.000Z'));
  });
});
