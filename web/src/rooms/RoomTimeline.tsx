import { useEffect, useRef } from 'preact/hooks';
import { secondaryButtonClass } from '../ui/styles.ts';
import type { RoomModel, RoomUser } from './room.model.ts';
import { RoomComposer } from './RoomComposer.tsx';
import { RoomMessageItem } from './RoomMessageItem.tsx';

/** The room's messages, older history on demand, who is typing, and the composer. */
export function RoomTimeline({ room, me }: { room: RoomModel; me: RoomUser }) {
  const list = useRef<HTMLDivElement>(null);
  const messages = room.timeline.value;
  const olderState = room.olderState.value;

  // Follow new messages while the reader is at the bottom; leave them be when they scrolled up.
  const count = messages.length;
  useEffect(() => {
    const el = list.current;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 120) el.scrollTop = el.scrollHeight;
  }, [count]);

  const typing = room.typingOthers.value;
  return (
    <section aria-label="Conversation" class="space-y-2">
      <div class="flex justify-center">
        {olderState === 'end' ? (
          <p class="text-xs text-slate-500">This is the beginning of the conversation.</p>
        ) : (
          <button
            type="button"
            class={secondaryButtonClass}
            disabled={olderState === 'loading'}
            onClick={() => void room.loadOlder()}
          >
            {olderState === 'failed' ? 'Could not load; try again' : 'Load older messages'}
          </button>
        )}
      </div>
      <div
        ref={list}
        role="log"
        aria-live="polite"
        aria-label="Messages"
        class="max-h-[60dvh] overflow-y-auto rounded-lg border border-slate-200 bg-white p-2 sm:p-3"
      >
        <ol class="space-y-2">
          {messages.length === 0 && (
            <li class="p-2 text-sm text-slate-500">
              {room.synced.value ? 'No messages yet. Say hello!' : 'Loading messages…'}
            </li>
          )}
          {messages.map((m) => (
            <RoomMessageItem key={m.id} message={m} room={room} editable={m.authorId === me.id} />
          ))}
        </ol>
      </div>
      <p class="min-h-5 text-sm text-slate-500" aria-live="polite">
        {typing.length === 1 && `${typing[0]!.name} is typing…`}
        {typing.length > 1 && `${typing.map((p) => p.name).join(', ')} are typing…`}
      </p>
      <RoomComposer room={room} />
    </section>
  );
}
