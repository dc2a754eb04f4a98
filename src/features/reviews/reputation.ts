/**
 * Reputation rules (docs/api.md, "Reviews, reputation, progress"), pure so the reputation projection and the
 * mentors query compute the same numbers.
 *
 * `rating` is a Bayesian average: (C·m + Σ ratings) / (C + n). It pulls a mentor with few reviews toward
 * the prior m, so one 5-star review does not outrank forty 4.8s.
 */

/**
 * C: the prior counts as this many reviews. Sessions are small (a handful of attendees), so five reviews is
 * about one session's worth: a mentor's own ratings outweigh the prior after their first full session,
 * and a single review moves the rating by at most a sixth of its distance from the prior. Much larger C
 * would hide real differences for months; much smaller would let one review rank someone top.
 */
export const PRIOR_WEIGHT = 5;
/** The prior while the platform has too few reviews for its mean to mean anything. */
export const FALLBACK_PRIOR = 4.0;
/** From this many reviews platform-wide, the prior is the platform mean. */
export const PLATFORM_PRIOR_MIN_REVIEWS = 50;

/** A count of ratings and their sum: all a projection stores, per person and platform-wide. */
export interface RatingTotals {
  count: number;
  sum: number;
}

export const noRatings: RatingTotals = { count: 0, sum: 0 };

export const addRating = (totals: RatingTotals, rating: number): RatingTotals => ({
  count: totals.count + 1,
  sum: totals.sum + rating,
});

/** m: the platform mean once there are enough reviews, else the fixed fallback. */
export function platformPrior(platform: RatingTotals): number {
  return platform.count >= PLATFORM_PRIOR_MIN_REVIEWS ? platform.sum / platform.count : FALLBACK_PRIOR;
}

/** The Bayesian rating, unrounded (badges compare this); null with no reviews. */
export function bayesianRating(mine: RatingTotals, platform: RatingTotals): number | null {
  if (mine.count === 0) return null;
  const m = platformPrior(platform);
  return (PRIOR_WEIGHT * m + mine.sum) / (PRIOR_WEIGHT + mine.count);
}

/** The plain mean; null with no reviews. */
export const averageRating = (mine: RatingTotals): number | null =>
  mine.count === 0 ? null : mine.sum / mine.count;

/** Ratings as the API shows them: two decimals. */
export const roundRating = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

export interface ReputationFacts {
  ratings: RatingTotals;
  /** Ended, uncancelled sessions with at least one attendee. */
  sessionsHosted: number;
  /** Distinct attendees of those sessions. */
  studentsTaught: number;
}

/** `reputation` on `PublicProfile`, without `badges` (see `badges.ts`). */
export function reputationOf(facts: ReputationFacts, platform: RatingTotals) {
  return {
    rating: roundRating(bayesianRating(facts.ratings, platform)),
    reviews: facts.ratings.count,
    averageRating: roundRating(averageRating(facts.ratings)),
    sessionsHosted: facts.sessionsHosted,
    studentsTaught: facts.studentsTaught,
  };
}

/**
 * "Best reputation first" for `GET /api/mentors`: higher rating, then rated before unrated, then more
 * reviews, then more students taught. Use as an `Array.prototype.sort` comparator.
 */
export function byReputation(
  a: { rating: number | null; reviews: number; studentsTaught: number },
  b: { rating: number | null; reviews: number; studentsTaught: number },
): number {
  if (a.rating !== b.rating) {
    if (a.rating === null) return 1;
    if (b.rating === null) return -1;
    return b.rating - a.rating;
  }
  return b.reviews - a.reviews || b.studentsTaught - a.studentsTaught;
}
