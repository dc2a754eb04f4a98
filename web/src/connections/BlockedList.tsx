import { cardClass, secondaryButtonClass } from '../ui/styles.ts';
import { connections } from './connections.model.ts';
import { PersonRow } from './PersonRow.tsx';

/** The people I blocked, each with an Unblock button. */
export function BlockedList() {
  const blocks = connections.blocks.value;
  return (
    <section class={cardClass} aria-labelledby="blocked-heading">
      <h2 id="blocked-heading" class="text-lg font-semibold">
        People you blocked ({blocks.length})
      </h2>
      <p class="text-sm text-slate-600">
        They cannot send you requests or messages, and you do not see each other in matches.
      </p>
      {blocks.length === 0 ? (
        <p class="mt-2 text-slate-500">You have not blocked anyone.</p>
      ) : (
        <ul class="divide-y divide-slate-100">
          {blocks.map((b) => {
            const busy = connections.busy.value.has(b.user.id);
            return (
              <PersonRow key={b.user.id} user={b.user}>
                <button
                  type="button"
                  class={secondaryButtonClass}
                  disabled={busy}
                  aria-busy={busy}
                  aria-label={`Unblock ${b.user.displayName}`}
                  onClick={() => void connections.unblock(b.user.id)}
                >
                  Unblock
                </button>
              </PersonRow>
            );
          })}
        </ul>
      )}
    </section>
  );
}
