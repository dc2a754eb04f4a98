import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addRating,
  averageRating,
  bayesianRating,
  byReputation,
  FALLBACK_PRIOR,
  noRatings,
  platformPrior,
  PLATFORM_PRIOR_MIN_REVIEWS,
  PRIOR_WEIGHT,
  reputationOf,
} from './reputation.ts';

const totals = (...ratings: number[]) => ratings.reduce(addRating, noRatings);
const platformOf = (count: number, mean: number) => ({ count, sum: count * mean });

describe('platformPrior', () => {
  it('is the fixed 4.0 while the platform has few reviews', () => {
    expect(platformPrior(noRatings)).toBe(FALLBACK_PRIOR);
    expect(platformPrior(platformOf(PLATFORM_PRIOR_MIN_REVIEWS - 1, 2))).toBe(4);
  });

  it('is the platform mean once there are enough', () => {
    expect(platformPrior(platformOf(PLATFORM_PRIOR_MIN_REVIEWS, 3.5))).toBe(3.5);
  });
});

describe('bayesianRating', () => {
  it('is null with no reviews', () => {
    expect(bayesianRating(noRatings, platformOf(1000, 4.2))).toBeNull();
    expect(averageRating(noRatings)).toBeNull();
  });

  it('is (C·m + Σ) / (C + n)', () => {
    expect(PRIOR_WEIGHT).toBe(5);
    expect(bayesianRating(totals(5), noRatings)).toBeCloseTo((5 * 4 + 5) / 6);
    expect(bayesianRating(totals(5, 5, 4), platformOf(100, 3))).toBeCloseTo((5 * 3 + 14) / 8);
  });

  it('ranks forty 4.8s above a single 5', () => {
    const many = bayesianRating(totals(...Array<number>(40).fill(4.8)), noRatings)!;
    const one = bayesianRating(totals(5), noRatings)!;
    expect(many).toBeGreaterThan(one);
  });

  it('always lies between the prior and the plain mean, and nears the mean as reviews grow', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 0, max: 500 }),
        fc.double({ min: 1, max: 5, noNaN: true }),
        (ratings, platformCount, platformMean) => {
          const mine = totals(...ratings);
          const platform = platformOf(platformCount, platformMean);
          const rating = bayesianRating(mine, platform)!;
          const m = platformPrior(platform);
          const mean = averageRating(mine)!;
          expect(rating).toBeGreaterThanOrEqual(Math.min(m, mean) - 1e-9);
          expect(rating).toBeLessThanOrEqual(Math.max(m, mean) + 1e-9);
          const more = totals(...ratings, ...ratings);
          expect(Math.abs(bayesianRating(more, platform)! - mean)).toBeLessThanOrEqual(
            Math.abs(rating - mean) + 1e-9,
          );
        },
      ),
    );
  });
});

describe('reputationOf', () => {
  it('fills the profile fields, rounded to two decimals', () => {
    expect(
      reputationOf({ ratings: totals(5, 4, 4), sessionsHosted: 2, studentsTaught: 3 }, noRatings),
    ).toEqual({
      rating: 4.13,
      reviews: 3,
      averageRating: 4.33,
      sessionsHosted: 2,
      studentsTaught: 3,
    });
    expect(
      reputationOf({ ratings: noRatings, sessionsHosted: 0, studentsTaught: 0 }, noRatings),
    ).toMatchObject({
      rating: null,
      averageRating: null,
      reviews: 0,
    });
  });
});

describe('byReputation', () => {
  it('puts the higher rating first, unrated last, then more reviews and students', () => {
    const people = [
      { id: 'unrated', rating: null, reviews: 0, studentsTaught: 50 },
      { id: 'good', rating: 4.2, reviews: 3, studentsTaught: 1 },
      { id: 'best', rating: 4.7, reviews: 30, studentsTaught: 9 },
      { id: 'good-more', rating: 4.2, reviews: 9, studentsTaught: 1 },
    ];
    expect([...people].sort(byReputation).map((p) => p.id)).toEqual(['best', 'good-more', 'good', 'unrated']);
  });
});
