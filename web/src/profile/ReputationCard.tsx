import { cardClass } from '../ui/styles.ts';
import type { Reputation } from './api.ts';

export function ReputationCard({ reputation }: { reputation: Reputation | undefined }) {
  if (!reputation) return null;
  const rating = reputation.rating;
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
      {badges.length > 0 && (
        <ul aria-label="Badges" class="mt-3 flex flex-wrap gap-2">
          {badges.map((badge) => (
            <li
              key={badge.id}
              title={badge.description}
              class="rounded-full bg-amber-50 px-3 py-1 text-sm text-amber-900 ring-1 ring-amber-200"
            >
              {badge.name}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
