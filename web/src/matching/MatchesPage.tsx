import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { MatchesModel } from './matches.model.ts';
import { MatchFiltersForm } from './MatchFiltersForm.tsx';
import { MatchResults } from './MatchResults.tsx';

/** People who teach what I want to learn and learn what I teach, with filters. */
export function MatchesPage() {
  const model = useModel(() => new MatchesModel());
  useEffect(() => {
    void model.load();
    return () => model.stop();
  }, [model]);

  const state = model.state.value;
  if (state.status === 'signedOut') {
    return (
      <p role="alert">
        <Link href={paths.signIn} class="text-indigo-700 underline">
          Sign in
        </Link>{' '}
        to see who matches your skills.
      </p>
    );
  }

  return (
    <section class="space-y-6" aria-labelledby="matches-heading">
      <div>
        <h1 id="matches-heading" class="text-2xl font-semibold">
          Your matches
        </h1>
        <p class="text-slate-600">
          People who teach what you want to learn and want to learn what you teach come first.
        </p>
      </div>
      <MatchFiltersForm model={model} />
      <MatchResults model={model} />
    </section>
  );
}
