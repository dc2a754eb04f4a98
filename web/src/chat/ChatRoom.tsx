import { useModel, useSignal, type ReadonlySignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { inputClass, labelClass, primaryButtonClass, secondaryButtonClass } from '../ui/styles.ts';
import { ChatModel, type Chat, type ChatUser, type Connection } from './chat.model.ts';
import { maxMessageLength } from './doc-messages.ts';
import { nameOf } from './user-names.ts';

const connectionLabels: Record<Connection, string> = {
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

/** A live conversation: presence, typing, messages with edit and delete, history and search. */
export function ChatRoom(props: { docName: string; me: ChatUser; canModerate: ReadonlySignal<boolean> }) {
  const chat = useModel(() => new ChatModel(props.docName, props.me, props.canModerate));
  useEffect(() => {
    chat.start();
    return () => chat.stop();
  }, [chat]);

  return (
    <div class="space-y-3">
      <PresenceBar chat={chat} />
      {chat.notice.value && (
        <div
          role="alert"
          class="flex items-start justify-between gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
        >
          <span class="min-w-0 break-words">{chat.notice.value}</span>
          <button type="button" class="shrink-0 underline" onClick={chat.dismissNotice}>
            Dismiss
          </button>
        </div>
      )}
      <SearchBox chat={chat} />
      {chat.results.value ? <SearchResults chat={chat} /> : <Conversation chat={chat} me={props.me} />}
    </div>
  );
}

function PresenceBar({ chat }: { chat: Chat }) {
  const people = chat.participants.value;
  const state = chat.connection.value;
  return (
    <div class="flex flex-wrap items-center gap-2 text-sm">
      <span
        class={`rounded-full px-2 py-0.5 text-xs font-medium ${state === 'online' ? 'bg-emerald-100 text-emerald-800' : 'bg-slate-200 text-slate-700'}`}
        role="status"
      >
        {connectionLabels[state]}
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

function SearchBox({ chat }: { chat: Chat }) {
  const q = useSignal('');
  const id = 'chat-search';
  return (
    <form
      role="search"
      class="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void chat.search(q.value);
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
      <button type="submit" class={secondaryButtonClass} disabled={chat.searchState.value.pending}>
        Search
      </button>
      {chat.searchState.value.error && (
        <p role="alert" class="w-full text-sm text-red-700">
          {chat.searchState.value.error}
        </p>
      )}
    </form>
  );
}

function SearchResults({ chat }: { chat: Chat }) {
  const found = chat.results.value ?? [];
  return (
    <section aria-label="Search results" class="space-y-2">
      <div class="flex flex-wrap items-center justify-between gap-2">
        <p class="text-sm text-slate-600" role="status">
          {found.length === 0 ? 'No messages match.' : `${found.length} matching messages (newest last).`}
        </p>
        <button type="button" class={secondaryButtonClass} onClick={chat.clearSearch}>
          Back to the conversation
        </button>
      </div>
      <ol class="space-y-2">
        {found.map((m) => (
          <MessageItem key={m.id} message={m} chat={chat} editable={false} />
        ))}
      </ol>
    </section>
  );
}

function Conversation({ chat, me }: { chat: Chat; me: ChatUser }) {
  const list = useRef<HTMLDivElement>(null);
  const messages = chat.timeline.value;
  const olderState = chat.olderState.value;

  // Follow new messages while the reader is at the bottom; leave them be when they scrolled up.
  const count = messages.length;
  useEffect(() => {
    const el = list.current;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 120) el.scrollTop = el.scrollHeight;
  }, [count]);

  const typing = chat.typingOthers.value;
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
            onClick={() => void chat.loadOlder()}
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
              {chat.synced.value ? 'No messages yet. Say hello!' : 'Loading messages…'}
            </li>
          )}
          {messages.map((m) => (
            <MessageItem key={m.id} message={m} chat={chat} editable={m.authorId === me.id} />
          ))}
        </ol>
      </div>
      <p class="min-h-5 text-sm text-slate-500" aria-live="polite">
        {typing.length === 1 && `${typing[0]!.name} is typing…`}
        {typing.length > 1 && `${typing.map((p) => p.name).join(', ')} are typing…`}
      </p>
      <Composer chat={chat} />
    </section>
  );
}

function MessageItem({ message, chat, editable }: { message: Shown; chat: Chat; editable: boolean }) {
  const editing = useSignal(false);
  const draft = useSignal(message.text);
  const live = !message.deleted && chat.live.value.some((m) => m.id === message.id);
  const deletable = live && chat.canDelete(message);
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
            chat.edit(message.id, draft.value);
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
            maxLength={maxMessageLength}
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
                if (window.confirm('Delete this message for everyone?')) chat.remove(message.id);
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

function Composer({ chat }: { chat: Chat }) {
  const text = useSignal('');
  const id = 'chat-message';
  const send = () => {
    if (chat.post(text.value)) text.value = '';
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
          maxLength={maxMessageLength}
          value={text.value}
          placeholder="Write a message (Enter sends, Shift+Enter adds a line)"
          onInput={(e) => {
            text.value = e.currentTarget.value;
            chat.setTyping(text.value.length > 0);
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
