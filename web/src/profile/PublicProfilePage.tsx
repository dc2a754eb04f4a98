import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { PublicProfileModel } from './public-profile.model.ts';
import { PublicProfileView } from './PublicProfileView.tsx';
import { PageSkeleton } from '../ui/Skeleton.tsx';

/** Anyone's public profile, loaded by id. */
export function PublicProfilePage({ userId }: { userId: string }) {
  const model = useModel(() => new PublicProfileModel(userId));
  const state = model.state.value;

  useEffect(() => {
    const abort = new AbortController();
    void model.load(abort.signal);
    return () => abort.abort();
  }, [model]);

  switch (state.status) {
    case 'loading':
      return <PageSkeleton label="Loading profile" />;
    case 'notFound':
      return (
        <section class="space-y-2">
          <h1 class="text-2xl font-semibold">This profile does not exist</h1>
          <p role="alert" class="text-slate-600">
            The link may be mistyped, or the account was deleted.
          </p>
          <Link href={paths.matches} class="text-indigo-700 underline">
            Find people to learn with
          </Link>
        </section>
      );
    case 'failed':
      return <p role="alert">{state.message}</p>;
    case 'ready':
      return <PublicProfileView profile={state.profile} />;
    default: {
      const _never: never = state;
      return _never;
    }
  }
}
