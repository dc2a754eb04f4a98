import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorText } from '../lib/error-text.ts';
import { sessionsApi, type Review } from '../sessions/api.ts';
import { ReviewItem } from '../sessions/ReviewItem.tsx';
import { cardClass, secondaryButtonClass } from '../ui/styles.ts';

/** Reviews of the sessions a person hosted, newest first, a page at a time. */
export function ProfileReviews({ userId }: { userId: string }) {
  const reviews = useSignal<readonly Review[] | null>(null);
  const cursor = useSignal<string | null>(null);
  const error = useSignal<string | null>(null);
  const pending = useSignal(false);

  async function load(after?: string, abort?: AbortSignal) {
    pending.value = true;
    try {
      const page = await sessionsApi.userReviews(userId, after, abort);
      reviews.value = [...(after ? (reviews.value ?? []) : []), ...page.reviews];
      cursor.value = page.nextCursor;
      error.value = null;
    } catch (err) {
      if (!abort?.aborted) error.value = errorText(err, 'Could not load the reviews.');
    } finally {
      pending.value = false;
    }
  }
  useEffect(() => {
    const abort = new AbortController();
    void load(undefined, abort.signal);
    return () => abort.abort();
  }, [userId]);

  const list = reviews.value;
  if (list !== null && list.length === 0) return null;
  return (
    <section class={cardClass} aria-labelledby="profile-reviews-heading">
      <h2 id="profile-reviews-heading" class="text-lg font-semibold">
        Reviews of their sessions
      </h2>
      {error.value && <p role="alert">{error.value}</p>}
      {list === null ? (
        <p class="text-slate-600">Loading reviews…</p>
      ) : (
        <div class="divide-y divide-slate-100">
          {list.map((r) => (
            <ReviewItem key={r.id} review={r} show="session" />
          ))}
        </div>
      )}
      {cursor.value && (
        <button
          type="button"
          class={secondaryButtonClass}
          disabled={pending.value}
          onClick={() => void load(cursor.value ?? undefined)}
        >
          More reviews
        </button>
      )}
    </section>
  );
}
