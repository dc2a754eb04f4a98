import { useSignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { ChatActions, ChatMessage, OlderHistory } from './chat-message.ts';
import type { TextLimit } from './chat-text.ts';
import { ChatBubble } from './ChatBubble.tsx';
import { useFillViewport } from './fill-viewport.ts';

/** Closer to the bottom than this counts as "at the latest message". */
const BOTTOM_SLACK_PX = 48;
/** Closer to the top than this loads older messages. */
const OLDER_AT_PX = 240;

interface Anchor {
  id: string;
  /** The message's distance from the top of the visible area. */
  offset: number;
}

/**
 * The chat of direct messages, group chats and the wall: it fills the screen below the app's header,
 * the newest message at the bottom and the composer under it. It opens at the newest message, follows new
 * ones while the reader is there, keeps the view still while they read older ones (offering "Jump to
 * latest"), and loads older history as they scroll up.
 */
export function ChatView(props: {
  /** The log's accessible name, e.g. "Messages with Ana". */
  label: string;
  header: ComponentChildren;
  /** Presence, notices, search: between the header and the messages. */
  above?: ComponentChildren;
  /** Shown instead of the messages (search results), in the same place. */
  replacement?: ComponentChildren;
  me: string;
  messages: readonly ChatMessage[];
  /** False while the first messages load. */
  ready: boolean;
  /** What an empty, loaded chat says. */
  empty: string;
  showAuthors: boolean;
  older: OlderHistory;
  actions: ChatActions;
  limit: TextLimit;
  /** "Ana is typing…", or nothing. */
  typing: string | null;
  /** The composer, or why there is none. */
  footer: ComponentChildren;
}) {
  const { messages, older, ready, me } = props;
  const root = useRef<HTMLElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const atBottom = useSignal(true);
  const unseen = useSignal(0);
  // Plain refs: these follow every scroll and must not re-render.
  const stick = useRef(true);
  const anchor = useRef<Anchor | null>(null);
  const lastSeen = useRef<string | undefined>(undefined);
  useFillViewport(root);

  function toBottom() {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }

  function recordAnchor() {
    const el = scroller.current;
    if (!el) return;
    anchor.current = null;
    for (const item of el.querySelectorAll<HTMLElement>('[data-message-id]')) {
      if (item.offsetTop + item.offsetHeight > el.scrollTop) {
        anchor.current = { id: item.dataset.messageId!, offset: item.offsetTop - el.scrollTop };
        return;
      }
    }
  }

  function maybeLoadOlder() {
    const el = scroller.current;
    if (el && ready && older.state === 'idle' && el.scrollTop < OLDER_AT_PX) void older.load();
  }

  function onScroll() {
    const el = scroller.current;
    if (!el) return;
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK_PX;
    stick.current = bottom;
    atBottom.value = bottom;
    if (bottom) unseen.value = 0;
    recordAnchor();
    maybeLoadOlder();
  }

  // After every change: at the bottom, stay there; reading older messages, keep them where they were.
  const last = messages[messages.length - 1];
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const previous = lastSeen.current;
    const added = last && last.id !== previous;
    if (added && previous !== undefined) {
      const at = messages.findIndex((m) => m.id === previous);
      const fresh = at >= 0 ? messages.slice(at + 1) : [];
      // Sending a message takes the writer to it; others' messages wait behind "Jump to latest".
      if (fresh.some((m) => m.authorId === me)) stick.current = true;
      else if (!stick.current) unseen.value += fresh.length;
    }
    lastSeen.current = last?.id;
    if (stick.current) {
      toBottom();
    } else if (anchor.current) {
      const item = el.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(anchor.current.id)}"]`);
      if (item) el.scrollTop = item.offsetTop - anchor.current.offset;
    }
    atBottom.value = stick.current;
    recordAnchor();
  }, [messages, older.state, ready]);

  // Fill the view with history: a short chat asks for older messages until it scrolls or has them all.
  useEffect(maybeLoadOlder, [messages, older.state, ready]);

  // Content or the box changing size (the window, an edit form, a banner): the bottom stays the bottom.
  useEffect(() => {
    const observer = new ResizeObserver(() => {
      if (stick.current) toBottom();
    });
    if (scroller.current) observer.observe(scroller.current);
    if (list.current) observer.observe(list.current);
    return () => observer.disconnect();
  }, [props.replacement === undefined]);

  const now = new Date();
  return (
    <section ref={root} class="flex min-h-0 flex-col gap-2">
      <div class="shrink-0">{props.header}</div>
      {props.above && <div class="shrink-0 space-y-2">{props.above}</div>}
      <div class="relative min-h-0 flex-1">
        {props.replacement ?? (
          <div
            ref={scroller}
            role="log"
            aria-label={props.label}
            tabIndex={0}
            class="relative h-full overflow-y-auto overscroll-contain rounded-lg border border-slate-200 bg-slate-50 p-2 [overflow-anchor:none] sm:p-3"
            onScroll={onScroll}
          >
            <OlderLine older={older} hasMessages={messages.length > 0} />
            {!ready && <p class="p-2 text-center text-sm text-slate-500">Loading messages…</p>}
            {ready && messages.length === 0 && (
              <p class="p-2 text-center text-sm text-slate-500">{props.empty}</p>
            )}
            <ol ref={list} class="flex flex-col gap-2">
              {messages.map((m) => (
                <ChatBubble
                  key={m.id}
                  message={m}
                  mine={m.authorId === me}
                  showAuthor={props.showAuthors}
                  actions={props.actions}
                  limit={props.limit}
                  now={now}
                />
              ))}
            </ol>
          </div>
        )}
        {!props.replacement && !atBottom.value && (
          <button
            type="button"
            class="absolute bottom-3 left-1/2 -translate-x-1/2 whitespace-nowrap rounded-full bg-indigo-600 px-4 py-1.5 text-sm font-semibold text-white shadow-lg hover:bg-indigo-500"
            onClick={() => {
              stick.current = true;
              atBottom.value = true;
              unseen.value = 0;
              toBottom();
            }}
          >
            Jump to latest{unseen.value > 0 ? ` (${unseen.value} new)` : ''}
          </button>
        )}
      </div>
      <p aria-live="polite" class="-my-1 h-4 shrink-0 truncate px-1 text-xs italic text-slate-500">
        {props.typing ?? ''}
      </p>
      <div class="shrink-0">{props.footer}</div>
    </section>
  );
}

/** The top of the log: loading older messages, a way to retry, or where the conversation began. */
function OlderLine({ older, hasMessages }: { older: OlderHistory; hasMessages: boolean }) {
  if (older.state === 'loading') {
    return (
      <p role="status" class="p-1 text-center text-xs text-slate-500">
        Loading older messages…
      </p>
    );
  }
  if (older.state === 'failed') {
    return (
      <p class="p-1 text-center text-xs text-red-700">
        Older messages could not be loaded.{' '}
        <button type="button" class="underline" onClick={() => void older.load()}>
          Try again
        </button>
      </p>
    );
  }
  if (older.state === 'end' && hasMessages) {
    return <p class="p-1 text-center text-xs text-slate-500">This is the beginning of the conversation.</p>;
  }
  return null;
}
