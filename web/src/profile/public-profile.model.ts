import { createModel, signal } from '@preact/signals';
import { errorText } from '../lib/error-text.ts';
import { ApiError } from '../lib/http.ts';
import { profileApi, type PublicProfile } from './api.ts';

type LoadState =
  | { status: 'loading' }
  | { status: 'ready'; profile: PublicProfile }
  | { status: 'notFound' }
  | { status: 'failed'; message: string };

/** One user's public profile as anyone may see it. */
export const PublicProfileModel = createModel((userId: string) => {
  const state = signal<LoadState>({ status: 'loading' });

  return {
    state,
    async load(abort?: AbortSignal) {
      state.value = { status: 'loading' };
      try {
        state.value = { status: 'ready', profile: await profileApi.user(userId, abort) };
      } catch (err) {
        if (abort?.aborted) return;
        // A malformed id (422) is as much "no such profile" as an unknown one (404) to whoever followed the link.
        if (err instanceof ApiError && (err.status === 404 || err.status === 422)) {
          state.value = { status: 'notFound' };
        } else state.value = { status: 'failed', message: errorText(err, 'Could not load.') };
      }
    },
  };
});
