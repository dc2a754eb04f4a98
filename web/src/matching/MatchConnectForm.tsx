import { useModel } from '@preact/signals';
import { Alert } from '../ui/Alert.tsx';
import { Status } from '../ui/Status.tsx';
import { FieldError, errorProps } from '../ui/FieldError.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { inputClass, labelClass } from '../ui/styles.ts';
import { MatchConnectModel, maxNoteLength } from './matches.model.ts';

/** A match card's connect request with an optional note. */
export function MatchConnectForm({ userId, name }: { userId: string; name: string }) {
  const model = useModel(() => new MatchConnectModel(userId));
  const noteId = `note-${userId}`;
  const error = model.submission.fieldErrors.value.message;
  if (model.sent.value) return <Status message={`Request sent to ${name}.`} />;
  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    await model.send();
  }
  return (
    <form noValidate onSubmit={onSubmit} class="space-y-2" aria-label={`Connect with ${name}`}>
      <Alert message={model.submission.formError.value} />
      <div>
        <label for={noteId} class={labelClass}>
          Note (optional)
        </label>
        <textarea
          id={noteId}
          rows={2}
          class={inputClass}
          maxLength={maxNoteLength}
          value={model.note.value}
          onInput={(e) => (model.note.value = e.currentTarget.value)}
          {...errorProps(noteId, error)}
        />
        <FieldError fieldId={noteId} message={error} />
      </div>
      <SubmitButton pending={model.submission.pending.value}>Connect</SubmitButton>
    </form>
  );
}
