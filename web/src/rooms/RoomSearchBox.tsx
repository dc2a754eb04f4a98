import { useSignal } from '@preact/signals';
import { inputClass, labelClass, secondaryButtonClass } from '../ui/styles.ts';
import type { RoomModel } from './room.model.ts';

/** Searches the room's history through the read model. */
export function RoomSearchBox({ room }: { room: RoomModel }) {
  const q = useSignal('');
  const id = 'room-search';
  return (
    <form
      role="search"
      class="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void room.search(q.value);
      }}
    >
      <div class="min-w-0 flex-1">
        <label for={id} class={labelClass}>
          Search messages
        </label>
        <input
          id={id}
          type="search"
          class={inputClass}
          value={q.value}
          maxLength={200}
          onInput={(e) => (q.value = e.currentTarget.value)}
        />
      </div>
      <button type="submit" class={secondaryButtonClass} disabled={room.searchState.value.pending}>
        Search
      </button>
      {room.searchState.value.error && (
        <p role="alert" class="w-full text-sm text-red-700">
          {room.searchState.value.error}
        </p>
      )}
    </form>
  );
}
