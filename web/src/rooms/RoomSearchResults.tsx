import { plural } from '../lib/plural.ts';
import { secondaryButtonClass } from '../ui/styles.ts';
import type { RoomModel } from './room.model.ts';
import { RoomMessageItem } from './RoomMessageItem.tsx';

/** The messages a search found, read-only, with the way back to the room. */
export function RoomSearchResults({ room }: { room: RoomModel }) {
  const found = room.results.value ?? [];
  return (
    <section aria-label="Search results" class="space-y-2">
      <div class="flex flex-wrap items-center justify-between gap-2">
        <p class="text-sm text-slate-600" role="status">
          {found.length === 0
            ? 'No messages match.'
            : `${plural(found.length, 'matching message')} (newest last).`}
        </p>
        <button type="button" class={secondaryButtonClass} onClick={room.clearSearch}>
          Back to the conversation
        </button>
      </div>
      <ol class="space-y-2">
        {found.map((m) => (
          <RoomMessageItem key={m.id} message={m} room={room} editable={false} />
        ))}
      </ol>
    </section>
  );
}
