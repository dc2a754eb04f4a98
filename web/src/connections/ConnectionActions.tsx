import { useEffect } from 'preact/hooks';
import type { PublicProfile } from '../profile/api.ts';
import { Alert } from '../ui/Alert.tsx';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import { cardClass, secondaryButtonClass } from '../ui/styles.ts';
import { connections } from './connections.model.ts';
import { RelationActions } from './RelationActions.tsx';

/** Connect, answer, disconnect, block or unblock: what the signed-in user can do about this person. */
export function ConnectionActions({ profile }: { profile: PublicProfile }) {
  useEffect(() => {
    if (connections.status.value === 'idle') void connections.load();
  }, []);
  const status = connections.status.value;
  if (status === 'idle' || status === 'loading') return null;

  const name = profile.displayName;
  const blocked = connections.blockedIds.value.has(profile.id);
  const busy = connections.busy.value.has(profile.id);
  return (
    <section class={`space-y-3 ${cardClass}`} aria-label={`You and ${name}`}>
      <Alert message={connections.actionError.value} />
      {blocked ? (
        <div class="flex flex-wrap items-center gap-3">
          <p class="flex-1">You blocked {name}. Neither of you can send requests or messages to the other.</p>
          <button
            type="button"
            class={secondaryButtonClass}
            disabled={busy}
            aria-busy={busy}
            onClick={() => void connections.unblock(profile.id)}
          >
            Unblock
          </button>
        </div>
      ) : (
        <>
          <RelationActions profile={profile} />
          <div class="border-t border-slate-100 pt-3">
            <ConfirmButton
              label="Block"
              question={`Block ${name}? Any connection between you ends and neither of you can contact the other.`}
              confirmLabel={`Yes, block ${name}`}
              busy={busy}
              onConfirm={() => connections.block(profile.id)}
            />
          </div>
        </>
      )}
    </section>
  );
}
