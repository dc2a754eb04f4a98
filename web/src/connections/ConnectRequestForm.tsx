import { useModel } from '@preact/signals';
import type { PublicProfile } from '../profile/api.ts';
import { Alert } from '../ui/Alert.tsx';
import { FieldError, errorProps } from '../ui/FieldError.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { inputClass, labelClass, primaryButtonClass, secondaryButtonClass } from '../ui/styles.ts';
import { maxNoteLength } from './api.ts';
import { ConnectFormModel } from './connect-form.model.ts';

/** "Connect" on a profile: opens a form for an optional note and sends the request. */
export function ConnectRequestForm({ profile }: { profile: PublicProfile }) {
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
