import { signal } from '@preact/signals';
import { errorText } from '../lib/error-text.ts';
import { SubmissionModel } from '../lib/submission.model.ts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type ListState<T> =
  | { status: 'loading' }
  | { status: 'ready'; items: readonly T[]; nextCursor: string | null }
  | { status: 'failed'; message: string };

/**
 * A list read a page at a time by cursor: `reload` starts over (new filters), `loadMore` appends the next
 * page. For use inside a model's factory; `key` drops an item a later page repeats.
 */
export function pagedList<T>(
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
  key: (item: T) => string,
) {
  const state = signal<ListState<T>>({ status: 'loading' });
  const more = new SubmissionModel(() => null);
  let generation = 0;

  return {
    state,
    more,
    async reload() {
      const mine = ++generation;
      if (state.value.status !== 'ready') state.value = { status: 'loading' };
      try {
        const page = await fetchPage(null);
        if (mine === generation) state.value = { status: 'ready', ...page };
      } catch (err) {
        if (mine === generation)
          state.value = { status: 'failed', message: errorText(err, 'Could not load this list.') };
      }
    },
    async loadMore() {
      const current = state.value;
      if (current.status !== 'ready' || !current.nextCursor) return;
      const cursor = current.nextCursor;
      const page = await more.run(() => fetchPage(cursor));
      if (!page || state.value !== current) return;
      const seen = new Set(current.items.map(key));
      state.value = {
        status: 'ready',
        items: [...current.items, ...page.items.filter((i) => !seen.has(key(i)))],
        nextCursor: page.nextCursor,
      };
    },
    /** Puts a changed item in place (after an action on it). */
    replace(item: T) {
      const current = state.value;
      if (current.status !== 'ready') return;
      state.value = { ...current, items: current.items.map((i) => (key(i) === key(item) ? item : i)) };
    },
  };
}

export type PagedList<T> = ReturnType<typeof pagedList<T>>;
