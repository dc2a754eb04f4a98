import { formatDay } from '../lib/zoned-time.ts';
import { cardClass } from '../ui/styles.ts';
import type { Reputation } from './api.ts';

/** Rating (Bayesian, with the plain average beside it), counts, and the badges earned with their dates. */
export function ReputationCard({ reputation }: { reputation: Reputation | undefined }) {
  if (!reputation) return null;
  const { rating, averageRating } = reputation;
  const rated = typeof rating === 'number' && reputation.reviews > 0;
  const badges = reputation.badges ?? [];
  const stats: [string, string][] = [
    ['Rating', rated ? `${rating.toFixed(1)} / 5` : 'No ratings yet'],
    ['Reviews', String(reputation.reviews)],
    ['Sessions hosted', String(reputation.sessionsHosted)],
    ['Students taught', String(reputation.studentsTaught)],
  ];
  return (
    <section class={cardClass} aria-labelledby="reputation-heading">
      <h2 id="reputation-heading" class="mb-3 text-lg font-semibold">
        Reputation
      </h2>
      <dl class="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {stats.map(([label, value]) => (
          <div key={label} class="rounded-md bg-slate-50 p-3">
            <dt class="text-xs text-slate-500">{label}</dt>
            <dd class="text-lg font-semibold">{value}</dd>
          </div>
        ))}
      </dl>
      {rated && typeof averageRating === 'number' && (
        <p class="mt-2 text-xs text-slate-500">
          Plain average {averageRating.toFixed(1)} / 5. The rating weighs a few reviews toward the site’s
          average until more come in.
        </p>
      )}
      {badges.length > 0 && (
        <>
          <h3 class="mt-4 mb-2 text-sm font-semibold text-slate-700">Badges</h3>
          <ul aria-label="Badges" class="grid gap-2 sm:grid-cols-2">
            {badges.map((badge) => (
              <li
                key={badge.id}
                class="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200"
              >
                <span class="font-semibold">{badge.name}</span>
                <span class="block text-xs text-amber-800">
                  {badge.description} Earned{' '}
                  <time dateTime={badge.earnedAt}>{formatDay(badge.earnedAt)}</time>.
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
