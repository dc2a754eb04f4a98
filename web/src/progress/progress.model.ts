import { createModel, signal } from '@preact/signals';
import { errorText } from '../lib/error-text.ts';
import { progressApi, type SkillProgress } from './api.ts';

type LoadState =
  | { status: 'loading' }
  | { status: 'ready'; skills: SkillProgress[] }
  | { status: 'failed'; message: string };

/** My progress per skill: sessions, hours, ratings and the levels I declared over time. */
export const ProgressModel = createModel(() => {
  const state = signal<LoadState>({ status: 'loading' });
  return {
    state,
    async load(abort?: AbortSignal) {
      try {
        state.value = { status: 'ready', skills: (await progressApi.mine(abort)).skills };
      } catch (err) {
        if (!abort?.aborted)
          state.value = { status: 'failed', message: errorText(err, 'Could not load your progress.') };
      }
    },
  };
});
