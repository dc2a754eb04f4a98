import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import type { PublicProfile } from '../profile/api.ts';
import { Alert } from '../ui/Alert.tsx';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import { FieldError, errorProps } from '../ui/FieldError.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { cardClass, inputClass, labelClass, primaryButtonClass, secondaryButtonClass } from '../ui/styles.ts';
import { maxNoteLength } from './api.ts';
import { ConnectFormModel } from './connect-form.model.ts';
import { connections, relationTo } from './connections.model.ts';

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
          <Relation profile={profile} />
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

function Relation({ profile }: { profile: PublicProfile }) {
  const relation = relationTo(connections.lists.value, profile.id);
  const name = profile.displayName;
  switch (relation.kind) {
    case 'none':
      return <ConnectForm profile={profile} />;
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

function ConnectForm({ profile }: { profile: PublicProfile }) {
  const form = useModel(() => new ConnectFormModel(profile.id));
  const error = form.submission.fieldErrors.value.note;
  if (!form.open.value) {
    return (
      <button type="button" class={primaryButtonClass} onClick={form.show}>
        Connect
      </button>
    );
  }
  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    await form.send();
  }
  return (
    <form noValidate onSubmit={onSubmit} class="space-y-3">
      <Alert message={form.submission.formError.value} />
      <div>
        <label for="connect-note" class={labelClass}>
          Note to {profile.displayName} (optional)
        </label>
        <textarea
          id="connect-note"
          rows={3}
          class={inputClass}
          maxLength={maxNoteLength}
          value={form.note.value}
          onInput={(e) => (form.note.value = e.currentTarget.value)}
          {...errorProps('connect-note', error)}
          aria-describedby={error ? 'connect-note-count connect-note-error' : 'connect-note-count'}
        />
        <p id="connect-note-count" class="mt-1 text-right text-xs text-slate-500">
          {form.noteRemaining.value} characters left
        </p>
        <FieldError fieldId="connect-note" message={error} />
      </div>
      <div class="flex flex-wrap gap-2">
        <SubmitButton pending={form.submission.pending.value}>Send request</SubmitButton>
        <button type="button" class={secondaryButtonClass} onClick={form.cancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
