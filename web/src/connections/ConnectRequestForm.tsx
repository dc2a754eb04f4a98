import { useModel } from '@preact/signals';
import type { PublicProfile } from '../profile/api.ts';
import { Alert } from '../ui/Alert.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextAreaField } from '../ui/TextAreaField.tsx';
import { primaryButtonClass, secondaryButtonClass } from '../ui/styles.ts';
import { ConnectFormModel, noteCount } from './connect-form.model.ts';

/** "Connect" on a profile: opens a form for an optional note and sends the request. */
export function ConnectRequestForm({ profile }: { profile: PublicProfile }) {
  const form = useModel(() => new ConnectFormModel(profile.id));
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
      <TextAreaField
        id="connect-note"
        label={`Note to ${profile.displayName} (optional)`}
        rows={3}
        value={form.note.value}
        onValue={(v) => (form.note.value = v)}
        error={form.submission.fieldErrors.value.note}
        count={noteCount(form.noteRemaining.value)}
      />
      <div class="flex flex-wrap gap-2">
        <SubmitButton pending={form.submission.pending.value}>Send request</SubmitButton>
        <button type="button" class={secondaryButtonClass} onClick={form.cancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
