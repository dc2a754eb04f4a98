import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { inputClass, primaryButtonClass } from '../ui/styles.ts';
import { checkText, type TextLimit } from './chat-text.ts';
import { LimitNote } from './LimitNote.tsx';

const MAX_ROWS = 6;

/**
 * The message field of every chat: Enter sends, Shift+Enter starts a new line, it grows with its text up
 * to six lines. Text over the limit is never cut: the field says by how much it is too long and keeps it.
 */
export function ChatComposer(props: {
  limit: TextLimit;
  /** Takes the text; false keeps the draft (nothing was queued). */
  onSend: (text: string) => boolean | Promise<boolean>;
  onTyping?: (typing: boolean) => void;
  placeholder?: string;
}) {
  const draft = useSignal('');
  const pending = useSignal(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const check = checkText(draft.value, props.limit);
  const empty = draft.value.trim() === '';

  async function send(event?: Event) {
    event?.preventDefault();
    if (pending.value || empty) return;
    // The counter already says why; the draft stays as written.
    if (check.tooLong) return;
    pending.value = true;
    try {
      if (await props.onSend(draft.value)) {
        draft.value = '';
        props.onTyping?.(false);
      }
    } finally {
      pending.value = false;
      field.current?.focus();
    }
  }

  const rows = Math.min(MAX_ROWS, Math.max(1, draft.value.split('\n').length));
  return (
    <form class="flex flex-col gap-1" onSubmit={(e) => void send(e)}>
      <div class="flex items-end gap-2">
        <label for="chat-draft" class="sr-only">
          Your message
        </label>
        <textarea
          ref={field}
          id="chat-draft"
          class={`${inputClass} resize-none`}
          rows={rows}
          value={draft.value}
          placeholder={props.placeholder ?? 'Write a message'}
          aria-invalid={check.tooLong || undefined}
          aria-describedby="chat-draft-count chat-draft-hint"
          onInput={(e) => {
            draft.value = e.currentTarget.value;
            props.onTyping?.(draft.value.trim() !== '');
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) void send(e);
          }}
        />
        <button
          type="submit"
          class={primaryButtonClass}
          disabled={empty || pending.value}
          aria-busy={pending.value || undefined}
        >
          Send
        </button>
      </div>
      <span id="chat-draft-hint" class="sr-only">
        Enter sends, Shift+Enter adds a line.
      </span>
      <LimitNote id="chat-draft-count" check={check} />
    </form>
  );
}
