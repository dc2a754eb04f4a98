import { Alert } from '../ui/Alert.tsx';
import { cardClass, inputClass, labelClass, secondaryButtonClass } from '../ui/styles.ts';
import type { MySessionsModel } from './my-sessions.model.ts';

/** The private feed calendar apps subscribe to: shown on request, renewable when it leaked. */
export function CalendarFeed({ model }: { model: MySessionsModel }) {
  const url = model.feedUrl.value;
  const pending = model.feed.pending.value;
  return (
    <section class={`space-y-3 ${cardClass}`} aria-labelledby="calendar-feed-heading">
      <h2 id="calendar-feed-heading" class="text-lg font-semibold">
        Calendar feed
      </h2>
      <p class="text-sm text-slate-600">
        Subscribe to this link in your calendar app to see every session you host or have a seat in. Anyone
        with the link can read it, so keep it to yourself.
      </p>
      <Alert message={model.feed.formError.value} />
      {url ? (
        <>
          <div>
            <label for="calendar-feed-url" class={labelClass}>
              Your private calendar link
            </label>
            <input
              id="calendar-feed-url"
              class={inputClass}
              readOnly
              value={url}
              onFocus={(e) => e.currentTarget.select()}
            />
          </div>
          <button
            type="button"
            class={secondaryButtonClass}
            disabled={pending}
            aria-busy={pending}
            onClick={() => void model.renewFeed()}
          >
            Make a new link (the old one stops working)
          </button>
        </>
      ) : (
        <button
          type="button"
          class={secondaryButtonClass}
          disabled={pending}
          aria-busy={pending}
          onClick={() => void model.showFeed()}
        >
          Show my calendar link
        </button>
      )}
    </section>
  );
}
