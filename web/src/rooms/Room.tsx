import { useModel, type ReadonlySignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { RoomModel, type RoomUser } from './room.model.ts';
import { RoomPresence } from './RoomPresence.tsx';
import { RoomSearchBox } from './RoomSearchBox.tsx';
import { RoomSearchResults } from './RoomSearchResults.tsx';
import { RoomTimeline } from './RoomTimeline.tsx';

/** A room (the wall or a group's): presence, typing, messages with edit and delete, history and search. */
export function Room(props: { docName: string; me: RoomUser; canModerate: ReadonlySignal<boolean> }) {
  const room = useModel(() => new RoomModel(props.docName, props.me, props.canModerate));
  useEffect(() => {
    room.start();
    return () => room.stop();
  }, [room]);

  return (
    <div class="space-y-3">
      <RoomPresence room={room} />
      {room.notice.value && (
        <div
          role="alert"
          class="flex items-start justify-between gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
        >
          <span class="min-w-0 break-words">{room.notice.value}</span>
          <button type="button" class="shrink-0 underline" onClick={room.dismissNotice}>
            Dismiss
          </button>
        </div>
      )}
      <RoomSearchBox room={room} />
      {room.results.value ? <RoomSearchResults room={room} /> : <RoomTimeline room={room} me={props.me} />}
    </div>
  );
}
