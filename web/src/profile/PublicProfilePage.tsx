import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { PublicProfileModel } from './public-profile.model.ts';
import { PublicProfileView } from './PublicProfileView.tsx';

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
      return <p class="text-slate-600">Loading profile…</p>;
    case 'notFound':
      return <p role="alert">There is no SkillSwap member with this address.</p>;
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
