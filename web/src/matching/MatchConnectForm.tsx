import { useModel } from '@preact/signals';
import { maxNoteLength } from '../connections/api.ts';
import { Alert } from '../ui/Alert.tsx';
import { Status } from '../ui/Status.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextAreaField } from '../ui/TextAreaField.tsx';
import { MatchConnectModel } from './matches.model.ts';

/** A match card's connect request with an optional note. */
export function MatchConnectForm({ userId, name }: { userId: string; name: string }) {
  const model = useModel(() => new MatchConnectModel(userId));
  if (model.sent.value) return <Status message={`Request sent to ${name}.`} />;
  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    await model.send();
  }
  return (
    <form noValidate onSubmit={onSubmit} class="space-y-2" aria-label={`Connect with ${name}`}>
      <Alert message={model.submission.formError.value} />
      <TextAreaField
        id={`note-${userId}`}
        label="Note (optional)"
        rows={2}
        maxLength={maxNoteLength}
        value={model.note.value}
        onValue={(v) => (model.note.value = v)}
        error={model.submission.fieldErrors.value.message}
      />
      <SubmitButton pending={model.submission.pending.value}>Connect</SubmitButton>
    </form>
  );
}
