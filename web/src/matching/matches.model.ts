import { createModel, signal } from '@preact/signals';
import { ApiError } from '../lib/http.ts';
import { SubmissionModel } from '../lib/submission.model.ts';
import { matchingApi, type Match, type MatchFilters } from './api.ts';

type LoadState =
  | { status: 'loading' }
  | { status: 'ready'; matches: Match[] }
  | { status: 'signedOut' }
  | { status: 'failed'; message: string };

const noFilters: MatchFilters = { language: '', level: '', skill: '' };

/** The match list with its filters; a filter error from the server shows beside its field. */
export const MatchesModel = createModel(() => {
  const filters = signal<MatchFilters>(noFilters);
  const state = signal<LoadState>({ status: 'loading' });
  /** The filters of the list on screen (the form's may have changed since). */
  const shown = signal<MatchFilters>(noFilters);
  const search = new SubmissionModel((path) => (path in noFilters ? path : null));
  let inFlight: AbortController | undefined;

  async function load() {
    inFlight?.abort();
    const abort = (inFlight = new AbortController());
    const asked = filters.value;
    const result = await search.run(async () => {
      try {
        return await matchingApi.list(filters.value, 20, abort.signal);
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return 'signedOut' as const;
        throw err;
      }
    });
    if (abort.signal.aborted) return;
    if (result === 'signedOut') state.value = { status: 'signedOut' };
    else if (result) {
      shown.value = asked;
      state.value = { status: 'ready', matches: result.matches };
    } else if (state.value.status === 'loading')
      state.value = { status: 'failed', message: search.formError.value ?? 'Could not load matches.' };
  }

  return {
    filters,
    shown,
    state,
    search,
    load,
    setFilter<K extends keyof MatchFilters>(key: K, value: MatchFilters[K]) {
      filters.value = { ...filters.value, [key]: value };
    },
    async clearFilters() {
      filters.value = noFilters;
      await load();
    },
    stop() {
      inFlight?.abort();
    },
  };
});
export type MatchesModel = InstanceType<typeof MatchesModel>;
