import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import type { MatchesModel } from './matches.model.ts';
import { MatchCard } from './MatchCard.tsx';

/** The match cards, or why there are none. */
export function MatchResults({ model }: { model: MatchesModel }) {
  const state = model.state.value;
  switch (state.status) {
    case 'loading':
    case 'signedOut':
      return <p class="text-slate-600">Looking for matches…</p>;
    case 'failed':
      return <p role="alert">{state.message}</p>;
    case 'ready':
      if (state.matches.length === 0) {
        return (
          <p class="text-slate-600">
            No matches yet. Add what you teach and what you want to learn on{' '}
            <Link href={paths.myProfile} class="text-indigo-700 underline">
              your profile
            </Link>
            , or clear the filters.
          </p>
        );
      }
      return (
        <ul class="space-y-4" aria-label="Matches">
          {state.matches.map((match) => (
            <li key={match.user.id}>
              <MatchCard match={match} />
            </li>
          ))}
        </ul>
      );
    default: {
      const _never: never = state;
      return _never;
    }
  }
}
