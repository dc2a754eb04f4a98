import { useSignal } from '@preact/signals';
import { inputClass, labelClass, primaryButtonClass } from '../ui/styles.ts';
import type { RoomModel } from './room.model.ts';
import { maxRoomMessageLength } from './room-messages.ts';

/** The room's message field: Enter sends, Shift+Enter starts a new line; typing shows to others. */
export function RoomComposer({ room }: { room: RoomModel }) {
  const text = useSignal('');
  const id = 'room-message';
  const send = () => {
    if (room.post(text.value)) text.value = '';
  };
  return (
    <form
      class="flex flex-col gap-2 sm:flex-row sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <div class="min-w-0 flex-1">
        <label for={id} class={labelClass}>
          Message
        </label>
        <textarea
          id={id}
          class={inputClass}
          rows={2}
          maxLength={maxRoomMessageLength}
          value={text.value}
          placeholder="Write a message (Enter sends, Shift+Enter adds a line)"
          onInput={(e) => {
            text.value = e.currentTarget.value;
            room.setTyping(text.value.length > 0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              send();
            }
          }}
        />
      </div>
      <button type="submit" class={primaryButtonClass} disabled={!text.value.trim()}>
        Send
      </button>
    </form>
  );
}
