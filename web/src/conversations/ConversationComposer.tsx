import { useSignal } from '@preact/signals';
import { inputClass, labelClass } from '../ui/styles.ts';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { maxDirectMessageLength } from './api.ts';
import type { ConversationModel } from './conversation.model.ts';

/** The conversation's message field: Enter sends, Shift+Enter starts a new line. */
export function ConversationComposer({ conversation }: { conversation: ConversationModel }) {
  const draft = useSignal('');
  const pending = useSignal(false);
  const length = [...draft.value.trim()].length;
  const tooLong = length > maxDirectMessageLength;

  async function submit(event?: Event) {
    event?.preventDefault();
    if (pending.value || length === 0 || tooLong) return;
    pending.value = true;
    try {
      if (await conversation.send(draft.value)) draft.value = '';
    } finally {
      pending.value = false;
    }
  }

  return (
    <form class="flex flex-col gap-2" onSubmit={(e) => void submit(e)}>
      <label for="message-draft" class={labelClass}>
        Your message
      </label>
      <textarea
        id="message-draft"
        class={inputClass}
        rows={2}
        value={draft.value}
        aria-invalid={tooLong || undefined}
        aria-describedby="message-draft-count"
        onInput={(e) => {
          draft.value = e.currentTarget.value;
          if (draft.value.trim()) conversation.typing();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) void submit(e);
        }}
      />
      <span class="flex items-center justify-between gap-2">
        <span id="message-draft-count" class={`text-xs ${tooLong ? 'text-red-700' : 'text-slate-500'}`}>
          {tooLong
            ? `Too long: ${length.toLocaleString()} of ${maxDirectMessageLength.toLocaleString()} characters`
            : `${length.toLocaleString()} / ${maxDirectMessageLength.toLocaleString()}`}
        </span>
        <SubmitButton pending={pending.value}>Send</SubmitButton>
      </span>
    </form>
  );
}
