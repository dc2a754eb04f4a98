/**
 * Badges as data. A projection keeps each person's `BadgeFacts` current, and after every event that
 * changes them calls `newlyEarned(facts, earned, event's occurredAt)`: new badges are stored with that time
 * and never taken back, so `earnedAt` is the moment a badge was first earned, and a replay gives the same.
 * Changing a rule is a logic change: bump `BADGE_RULES_VERSION` so the projection rebuilds.
 */
export const BADGE_RULES_VERSION = 1;

export interface BadgeFacts {
  /** Ended, uncancelled sessions hosted with at least one attendee (`SessionHeld`). */
  sessionsHosted: number;
  /** Distinct attendees of those sessions. */
  studentsTaught: number;
  /** Reviews received as a host. */
  reviewsReceived: number;
  /** The Bayesian rating (`bayesianRating`) as of the event, unrounded; null with no reviews. */
  rating: number | null;
  reviewsWritten: number;
  /** Ended, uncancelled sessions this person attended (an attendee as docs/api.md defines one). */
  sessionsAttended: number;
}

export const noBadgeFacts: BadgeFacts = {
  sessionsHosted: 0,
  studentsTaught: 0,
  reviewsReceived: 0,
  rating: null,
  reviewsWritten: 0,
  sessionsAttended: 0,
};

export interface BadgeRule {
  id: string;
  name: string;
  description: string;
  earnedWhen(facts: BadgeFacts): boolean;
}

export const TOP_RATED = { rating: 4.5, reviews: 10 } as const;

type Count = Exclude<keyof BadgeFacts, 'rating'>;

/** A badge earned once a count reaches `n`. */
const milestone = (id: string, name: string, description: string, count: Count, n: number): BadgeRule => ({
  id,
  name,
  description,
  earnedWhen: (f) => f[count] >= n,
});

/** In the order a profile lists them. Ids are stable: they are stored with `earnedAt`. */
export const badgeRules: readonly BadgeRule[] = [
  milestone(
    'first-session-hosted',
    'First session hosted',
    'Hosted a session that someone attended.',
    'sessionsHosted',
    1,
  ),
  milestone(
    'ten-sessions-hosted',
    'Regular host',
    'Hosted 10 sessions that people attended.',
    'sessionsHosted',
    10,
  ),
  milestone(
    'ten-students-taught',
    '10 students taught',
    'Taught 10 different people in sessions.',
    'studentsTaught',
    10,
  ),
  milestone(
    'hundred-students-taught',
    '100 students taught',
    'Taught 100 different people in sessions.',
    'studentsTaught',
    100,
  ),
  {
    id: 'top-rated',
    name: 'Top rated',
    description: `Rated ${TOP_RATED.rating} or more across at least ${TOP_RATED.reviews} reviews.`,
    earnedWhen: (f) =>
      f.rating !== null && f.rating >= TOP_RATED.rating && f.reviewsReceived >= TOP_RATED.reviews,
  },
  milestone('first-session-attended', 'First lesson', 'Attended a first session.', 'sessionsAttended', 1),
  milestone('five-sessions-attended', 'Keen learner', 'Attended 5 sessions.', 'sessionsAttended', 5),
  milestone(
    'twenty-five-sessions-attended',
    'Lifelong learner',
    'Attended 25 sessions.',
    'sessionsAttended',
    25,
  ),
  milestone(
    'first-review-written',
    'First review',
    'Wrote a first review of a session.',
    'reviewsWritten',
    1,
  ),
];

export interface EarnedBadge {
  id: string;
  earnedAt: string;
}

/**
 * Badges the facts earn that are not yet earned, stamped `at` (the event's time). `rules` are the rules in
 * force (tests pass a changed set to show a rule change awarding retroactively on rebuild).
 */
export function newlyEarned(
  facts: BadgeFacts,
  earned: Iterable<string>,
  at: string,
  rules: readonly BadgeRule[] = badgeRules,
): EarnedBadge[] {
  const have = new Set(earned);
  return rules
    .filter((rule) => !have.has(rule.id) && rule.earnedWhen(facts))
    .map(({ id }) => ({ id, earnedAt: at }));
}

/** `badges` of `PublicProfile`, in the rules' order; ids of retired rules are left out. */
export function badgeList(earned: readonly EarnedBadge[]) {
  const at = new Map(earned.map((b) => [b.id, b.earnedAt]));
  return badgeRules.flatMap(({ id, name, description }) => {
    const earnedAt = at.get(id);
    return earnedAt === undefined ? [] : [{ id, name, description, earnedAt }];
  });
}
