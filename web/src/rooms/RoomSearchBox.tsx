import { useSignal } from '@preact/signals';
import { inputClass, secondaryButtonClass } from '../ui/styles.ts';
import type { RoomModel } from './room.model.ts';

/** Searches the room's history through the read model. */
export function RoomSearchBox({ room }: { room: RoomModel }) {
  const q = useSignal('');
  const id = 'room-search';
  return (
    <form
      role="search"
      class="flex min-w-0 flex-1 flex-wrap items-center justify-end gap-2 sm:flex-none"
      onSubmit={(e) => {
        e.preventDefault();
        void room.search(q.value);
      }}
    >
      <label for={id} class="sr-only">
        Search messages
      </label>
      <input
        id={id}
        type="search"
        class={`${inputClass} !w-auto min-w-0 flex-1 !py-1 sm:w-48`}
        placeholder="Search messages"
        value={q.value}
        maxLength={200}
        onInput={(e) => (q.value = e.currentTarget.value)}
      />
      <button type="submit" class={`${secondaryButtonClass} !py-1`} disabled={room.searchState.value.pending}>
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
