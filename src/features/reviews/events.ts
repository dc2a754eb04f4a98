/**
 * The reviews feature's published contract for read models. Reviews are events of the session stream
 * (`ReviewWritten`, `ReviewReplied` in the sessions feature's events.ts); what this door adds is the meaning
 * of their data: how ratings combine into a reputation and which badges they earn. Both are pure rules
 * with no imports, so projections may use them without pulling in routes.
 */
export {
  PRIOR_WEIGHT,
  FALLBACK_PRIOR,
  PLATFORM_PRIOR_MIN_REVIEWS,
  noRatings,
  platformPrior,
  bayesianRating,
  averageRating,
  roundRating,
  reputationOf,
  byReputation,
  type RatingTotals,
  type ReputationFacts,
} from './reputation.ts';
export {
  BADGE_RULES_VERSION,
  badgeRules,
  badgeList,
  newlyEarned,
  noBadgeFacts,
  type BadgeFacts,
  type BadgeRule,
  type EarnedBadge,
} from './badges.ts';
