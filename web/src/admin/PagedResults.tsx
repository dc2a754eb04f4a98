import type { ComponentChildren } from 'preact';
import { Alert } from '../ui/Alert.tsx';
import { secondaryButtonClass } from '../ui/styles.ts';
import type { PagedList } from './paged-list.ts';

/** A paged list's loading and failure states, its items, and "Load more" while there is more. */
export function PagedResults<T>({
  list,
  empty,
  label,
  children,
}: {
  list: PagedList<T>;
  empty: string;
  label: string;
  children: (items: readonly T[]) => ComponentChildren;
}) {
  const state = list.state.value;
  if (state.status === 'loading') return <p class="text-slate-600">Loading…</p>;
  if (state.status === 'failed') return <p role="alert">{state.message}</p>;
  if (state.items.length === 0) return <p class="text-slate-600">{empty}</p>;
  const pending = list.more.pending.value;
  return (
    <section aria-label={label} class="space-y-3">
      {children(state.items)}
      <Alert message={list.more.formError.value} />
      {state.nextCursor && (
        <button
          type="button"
          class={secondaryButtonClass}
          disabled={pending}
          aria-busy={pending}
          onClick={() => void list.loadMore()}
        >
          {pending ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
