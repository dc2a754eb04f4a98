import { useModel, useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { session } from '../identity/session.model.ts';
import { Link } from '../lib/Link.tsx';
import { navigate, paths } from '../lib/router.ts';
import { PublicProfileModel } from '../profile/public-profile.model.ts';
import { Alert } from '../ui/Alert.tsx';
import { UserAvatar } from '../ui/UserAvatar.tsx';
import { secondaryButtonClass } from '../ui/styles.ts';
import { messagesApi } from './api.ts';
import { ChatModel } from './chat.model.ts';
import { Composer } from './Composer.tsx';
import { MessageItem } from './MessageItem.tsx';
import { ApiError } from '../lib/http.ts';

export function ChatPage({ userId }: { userId: string }) {
  const me = session.user.value;
  if (!me) return <p>Sign in to see your messages.</p>;
  return <Chat key={userId} me={me.id} other={userId} />;
}

function Chat({ me, other }: { me: string; other: string }) {
  const chat = useModel(() => new ChatModel(me, other));
  const profile = useModel(() => new PublicProfileModel(other));
  const bottom = useRef<HTMLDivElement>(null);
  const state = chat.state.value;
  const messages = chat.messages.value;
  const person = profile.state.value.status === 'ready' ? profile.state.value.profile : null;
  const name = person?.displayName ?? 'this person';

  useEffect(() => chat.open(), [chat]);
  useEffect(() => {
    const abort = new AbortController();
    void profile.load(abort.signal);
    return () => abort.abort();
  }, [profile]);
  const newest = messages[messages.length - 1]?.id;
  useEffect(() => bottom.current?.scrollIntoView({ block: 'end' }), [newest]);

  return (
    <section class="mx-auto flex w-full max-w-2xl flex-col gap-3" aria-labelledby="chat-heading">
      <header class="flex flex-wrap items-center gap-3">
        <Link href={paths.messages} class="text-sm text-indigo-700 underline">
          ← Messages
        </Link>
        <span class="flex min-w-0 flex-1 items-center gap-2">
          {person && <UserAvatar name={person.displayName} url={person.avatarUrl} size="sm" alt="" />}
          <h1 id="chat-heading" class="truncate text-xl font-semibold">
            {person ? <Link href={paths.user(other)}>{person.displayName}</Link> : 'Conversation'}
          </h1>
        </span>
        <BlockButton userId={other} name={name} />
      </header>

      {state.status === 'loading' && <p class="text-slate-600">Loading messages…</p>}
      {(state.status === 'refused' || state.status === 'failed') && <p role="alert">{state.message}</p>}
      {state.status === 'ready' && (
        <>
          <div class="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:p-4">
            {chat.hasOlder.value && (
              <button
                type="button"
                class={`${secondaryButtonClass} self-center`}
                disabled={chat.loadingOlder.value}
                aria-busy={chat.loadingOlder.value}
                onClick={() => void chat.loadOlder()}
              >
                Load older messages
              </button>
            )}
            {messages.length === 0 && <p class="text-center text-slate-500">No messages yet. Say hello!</p>}
            <ol class="flex flex-col gap-2" aria-label={`Messages with ${name}`}>
              {messages.map((m) => (
                <MessageItem key={m.id} message={m} mine={m.from === me} chat={chat} />
              ))}
            </ol>
            <div ref={bottom} />
          </div>
          <p aria-live="polite" class="h-5 text-sm italic text-slate-500">
            {chat.otherTyping.value ? `${name} is typing…` : ''}
          </p>
          <Alert message={chat.error.value} />
          {chat.closed.value ? (
            <p role="alert" class="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
              You and {name} are no longer connected, so you can't send messages here.
            </p>
          ) : (
            <Composer chat={chat} />
          )}
        </>
      )}
    </section>
  );
}

function BlockButton({ userId, name }: { userId: string; name: string }) {
  const pending = useSignal(false);
  const error = useSignal<string | null>(null);
  async function block() {
    if (
      !window.confirm(
        `Block ${name}? You will no longer be able to message each other, and your connection ends.`,
      )
    )
      return;
    pending.value = true;
    error.value = null;
    try {
      await messagesApi.block(userId);
      navigate(paths.messages);
    } catch (err) {
      error.value = err instanceof ApiError ? err.detail : 'Could not block. Please try again.';
    } finally {
      pending.value = false;
    }
  }
  return (
    <span class="flex flex-col items-end">
      <button
        type="button"
        class={`${secondaryButtonClass} text-red-700`}
        disabled={pending.value}
        aria-busy={pending.value}
        onClick={() => void block()}
      >
        Block
      </button>
      {error.value && (
        <span role="alert" class="text-sm text-red-700">
          {error.value}
        </span>
      )}
    </span>
  );
}
