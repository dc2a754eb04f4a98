import { useModel } from '@preact/signals';
import { ConnectFormModel, noteCount } from '../connections/connect-form.model.ts';
import { Alert } from '../ui/Alert.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextAreaField } from '../ui/TextAreaField.tsx';
import { primaryButtonClass, secondaryButtonClass } from '../ui/styles.ts';

/** A match card's "Connect": opens a note box (optional note) only when asked, then sends the request. */
export function MatchConnectForm({ userId, name }: { userId: string; name: string }) {
  const form = useModel(() => new ConnectFormModel(userId));
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
    <form noValidate onSubmit={onSubmit} class="space-y-2" aria-label={`Connect with ${name}`}>
      <Alert message={form.submission.formError.value} />
      <TextAreaField
        id={`note-${userId}`}
        label={`Note to ${name} (optional)`}
        rows={2}
        autoFocus
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
