import { createModel, signal } from '@preact/signals';
import { SubmissionModel } from '../lib/submission.model.ts';
import { mentorsApi, type Mentor, type MentorFilters } from './api.ts';

const noFilters: MentorFilters = { skill: '', level: '', language: '' };

type ListState =
  | { status: 'loading' }
  | { status: 'ready'; mentors: Mentor[]; nextCursor: string | null }
  | { status: 'failed'; message: string };

/** People who teach a skill, best reputation in that skill first, a page at a time. */
export const MentorsModel = createModel(() => {
  const filters = signal<MentorFilters>(noFilters);
  const state = signal<ListState>({ status: 'loading' });
  const search = new SubmissionModel((path) => (path in noFilters ? path : null));
  const more = new SubmissionModel(() => null);
  let inFlight: AbortController | undefined;
  let searched = noFilters;

  return {
    filters,
    state,
    search,
    more,
    async load() {
      inFlight?.abort();
      const abort = (inFlight = new AbortController());
      searched = filters.value;
      const page = await search.run(() => mentorsApi.list(searched, undefined, abort.signal));
      if (abort.signal.aborted) return;
      if (page) state.value = { status: 'ready', mentors: page.mentors, nextCursor: page.nextCursor };
      else if (state.value.status === 'loading')
        state.value = { status: 'failed', message: search.formError.value ?? 'Could not load mentors.' };
    },
    async loadMore() {
      const current = state.value;
      if (current.status !== 'ready' || !current.nextCursor) return;
      const cursor = current.nextCursor;
      const page = await more.run(() => mentorsApi.list(searched, cursor));
      if (!page || state.value !== current) return;
      const seen = new Set(current.mentors.map((m) => `${m.user.id}/${m.skill}`));
      state.value = {
        status: 'ready',
        mentors: [...current.mentors, ...page.mentors.filter((m) => !seen.has(`${m.user.id}/${m.skill}`))],
        nextCursor: page.nextCursor,
      };
    },
    setFilter<K extends keyof MentorFilters>(key: K, value: MentorFilters[K]) {
      filters.value = { ...filters.value, [key]: value };
    },
    stop() {
      inFlight?.abort();
    },
  };
});
export type MentorsModel = InstanceType<typeof MentorsModel>;
