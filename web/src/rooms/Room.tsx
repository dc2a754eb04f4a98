import { useModel, useSignal, type ReadonlySignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { inputClass, labelClass, primaryButtonClass, secondaryButtonClass } from '../ui/styles.ts';
import { RoomModel, type RoomStatus, type RoomUser } from './room.model.ts';
import { maxRoomMessageLength } from './room-messages.ts';
import { nameOf } from './user-names.ts';

const statusLabels: Record<RoomStatus, string> = {
  connecting: 'Connecting…',
  online: 'Live',
  offline: 'Offline, reconnecting…',
  closed: 'Disconnected',
};

interface Shown {
  id: string;
  authorId: string;
  text: string;
  createdAt: string;
  editedAt: string | null;
  deleted?: boolean;
}

const time = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ''
    : d.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
};

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

function RoomPresence({ room }: { room: RoomModel }) {
  const people = room.participants.value;
  const state = room.status.value;
  return (
    <div class="flex flex-wrap items-center gap-2 text-sm">
      <span
        class={`rounded-full px-2 py-0.5 text-xs font-medium ${state === 'online' ? 'bg-emerald-100 text-emerald-800' : 'bg-slate-200 text-slate-700'}`}
        role="status"
      >
        {statusLabels[state]}
      </span>
      <span class="text-slate-600">Online now:</span>
      <ul aria-label="Online now" class="flex min-w-0 flex-wrap gap-1">
        {people.map((p) => (
          <li key={p.id} class="max-w-[10rem] truncate rounded-full bg-indigo-50 px-2 py-0.5 text-indigo-900">
            {p.name}
          </li>
        ))}
      </ul>
    </div>
  );
}

function RoomSearchBox({ room }: { room: RoomModel }) {
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

function RoomSearchResults({ room }: { room: RoomModel }) {
  const found = room.results.value ?? [];
  return (
    <section aria-label="Search results" class="space-y-2">
      <div class="flex flex-wrap items-center justify-between gap-2">
        <p class="text-sm text-slate-600" role="status">
          {found.length === 0 ? 'No messages match.' : `${found.length} matching messages (newest last).`}
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

function RoomTimeline({ room, me }: { room: RoomModel; me: RoomUser }) {
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

function RoomMessageItem({
  message,
  room,
  editable,
}: {
  message: Shown;
  room: RoomModel;
  editable: boolean;
}) {
  const editing = useSignal(false);
  const draft = useSignal(message.text);
  const live = !message.deleted && room.live.value.some((m) => m.id === message.id);
  const deletable = live && room.canDelete(message);
  const author = nameOf(message.authorId);
  const editId = `edit-${message.id}`;

  return (
    <li class="rounded-md p-2 hover:bg-slate-50">
      <div class="flex flex-wrap items-baseline gap-x-2 text-sm">
        <Link href={paths.user(message.authorId)} class="max-w-[12rem] truncate font-semibold text-slate-900">
          {author}
        </Link>
        <time dateTime={message.createdAt} class="text-xs text-slate-500">
          {time(message.createdAt)}
        </time>
        {message.editedAt && !message.deleted && <span class="text-xs text-slate-500">(edited)</span>}
      </div>
      {message.deleted ? (
        <p class="mt-0.5 text-sm italic text-slate-500">Message deleted</p>
      ) : editing.value ? (
        <form
          class="mt-1 space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            room.edit(message.id, draft.value);
            editing.value = false;
          }}
        >
          <label for={editId} class="sr-only">
            Edit your message
          </label>
          <textarea
            id={editId}
            class={inputClass}
            rows={2}
            maxLength={maxRoomMessageLength}
            value={draft.value}
            onInput={(e) => (draft.value = e.currentTarget.value)}
          />
          <div class="flex gap-2">
            <button type="submit" class={primaryButtonClass} disabled={!draft.value.trim()}>
              Save
            </button>
            <button type="button" class={secondaryButtonClass} onClick={() => (editing.value = false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <p class="mt-0.5 whitespace-pre-wrap break-words text-slate-800">{message.text}</p>
      )}
      {live && !editing.value && (editable || deletable) && (
        <div class="mt-1 flex gap-3 text-xs">
          {editable && (
            <button
              type="button"
              class="text-indigo-700 underline"
              onClick={() => {
                draft.value = message.text;
                editing.value = true;
              }}
            >
              Edit
            </button>
          )}
          {deletable && (
            <button
              type="button"
              class="text-red-700 underline"
              onClick={() => {
                if (window.confirm('Delete this message for everyone?')) room.remove(message.id);
              }}
            >
              Delete
            </button>
          )}
        </div>
      )}
    </li>
  );
}

function RoomComposer({ room }: { room: RoomModel }) {
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
