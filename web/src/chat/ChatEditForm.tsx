import { useSignal } from '@preact/signals';
import { inputClass, primaryButtonClass, secondaryButtonClass } from '../ui/styles.ts';
import { checkText, type TextLimit } from './chat-text.ts';
import { LimitNote } from './LimitNote.tsx';

/** Edits one message in place, under the same limit as the composer. */
export function ChatEditForm(props: {
  id: string;
  text: string;
  limit: TextLimit;
  onSave: (text: string) => unknown;
  onCancel: () => void;
}) {
  const draft = useSignal(props.text);
  const check = checkText(draft.value, props.limit);
  const fieldId = `edit-${props.id}`;
  const countId = `${fieldId}-count`;
  return (
    <form
      class="flex w-72 max-w-full flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (!check.tooLong && draft.value.trim()) void props.onSave(draft.value);
      }}
    >
      <label for={fieldId} class="sr-only">
        Edit your message
      </label>
      <textarea
        id={fieldId}
        class={inputClass}
        rows={3}
        value={draft.value}
        aria-invalid={check.tooLong || undefined}
        aria-describedby={countId}
        onInput={(e) => (draft.value = e.currentTarget.value)}
      />
      <LimitNote id={countId} check={check} />
      <span class="flex gap-2 self-end">
        <button type="button" class={secondaryButtonClass} onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" class={primaryButtonClass} disabled={!draft.value.trim() || check.tooLong}>
          Save
        </button>
      </span>
    </form>
  );
}
