import { CallButton } from '../calls/CallButton.tsx';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import type { PublicProfile } from '../profile/api.ts';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import { primaryButtonClass, secondaryButtonClass } from '../ui/styles.ts';
import { ConnectRequestForm } from './ConnectRequestForm.tsx';
import { connections, relationTo } from './connections.model.ts';

/** What fits where the two of us stand: ask to connect, withdraw, answer, or message and disconnect. */
export function RelationActions({ profile }: { profile: PublicProfile }) {
  const relation = relationTo(connections.lists.value, profile.id);
  const name = profile.displayName;
  switch (relation.kind) {
    case 'none':
      return <ConnectRequestForm profile={profile} />;
    case 'outgoing': {
      const c = relation.connection;
      return (
        <div class="flex flex-wrap items-center gap-3">
          <p class="flex-1">You asked to connect; {name} has not answered yet.</p>
          <button
            type="button"
            class={secondaryButtonClass}
            disabled={connections.busy.value.has(c.id)}
            onClick={() => void connections.remove(c)}
          >
            Withdraw request
          </button>
        </div>
      );
    }
    case 'incoming': {
      const c = relation.connection;
      const busy = connections.busy.value.has(c.id);
      return (
        <div class="space-y-2">
          <p>{name} wants to connect with you.</p>
          {c.message && <p class="whitespace-pre-line break-words text-sm text-slate-600">“{c.message}”</p>}
          <div class="flex flex-wrap gap-2">
            <button
              type="button"
              class={primaryButtonClass}
              disabled={busy}
              onClick={() => void connections.accept(c)}
            >
              Accept
            </button>
            <button
              type="button"
              class={secondaryButtonClass}
              disabled={busy}
              onClick={() => void connections.decline(c)}
            >
              Decline
            </button>
          </div>
        </div>
      );
    }
    case 'connected': {
      const c = relation.connection;
      return (
        <div class="flex flex-wrap items-center gap-3">
          <p class="flex-1">You are connected with {name}.</p>
          <Link href={paths.conversation(profile.id)} class={primaryButtonClass}>
            Message
          </Link>
          <CallButton target={{ with: profile.id }} title={name} />
          <ConfirmButton
            label="Disconnect"
            question={`Disconnect from ${name}?`}
            confirmLabel="Yes, disconnect"
            busy={connections.busy.value.has(c.id)}
            onConfirm={() => connections.remove(c)}
          />
        </div>
      );
    }
    default: {
      const _never: never = relation;
      return _never;
    }
  }
}
