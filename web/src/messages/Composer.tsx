import { useSignal } from '@preact/signals';
import { inputClass, labelClass } from '../ui/styles.ts';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { MAX_MESSAGE_LENGTH } from './api.ts';
import type { Chat } from './chat.model.ts';

/** The message field: Enter sends, Shift+Enter starts a new line. */
export function Composer({ chat }: { chat: Chat }) {
  const draft = useSignal('');
  const pending = useSignal(false);
  const length = [...draft.value.trim()].length;
  const tooLong = length > MAX_MESSAGE_LENGTH;

  async function submit(event?: Event) {
    event?.preventDefault();
    if (pending.value || length === 0 || tooLong) return;
    pending.value = true;
    try {
      if (await chat.send(draft.value)) draft.value = '';
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
          if (draft.value.trim()) chat.typing();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) void submit(e);
        }}
      />
      <span class="flex items-center justify-between gap-2">
        <span id="message-draft-count" class={`text-xs ${tooLong ? 'text-red-700' : 'text-slate-500'}`}>
          {tooLong
            ? `Too long: ${length.toLocaleString()} of ${MAX_MESSAGE_LENGTH.toLocaleString()} characters`
            : `${length.toLocaleString()} / ${MAX_MESSAGE_LENGTH.toLocaleString()}`}
        </span>
        <SubmitButton pending={pending.value}>Send</SubmitButton>
      </span>
    </form>
  );
}
