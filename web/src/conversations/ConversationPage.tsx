import { useModel } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { session } from '../identity/session.model.ts';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { PublicProfileModel } from '../profile/public-profile.model.ts';
import { Alert } from '../ui/Alert.tsx';
import { UserAvatar } from '../ui/UserAvatar.tsx';
import { secondaryButtonClass } from '../ui/styles.ts';
import { CallButton } from '../calls/CallButton.tsx';
import { BlockButton } from './BlockButton.tsx';
import { ConversationComposer } from './ConversationComposer.tsx';
import { ConversationMessageItem } from './ConversationMessageItem.tsx';
import { ConversationModel } from './conversation.model.ts';

/** The direct-message conversation between the signed-in user and `userId`. */
export function ConversationPage({ userId }: { userId: string }) {
  const me = session.user.value;
  if (!me) return <p>Sign in to see your messages.</p>;
  return <OpenConversation key={userId} me={me.id} other={userId} />;
}

function OpenConversation({ me, other }: { me: string; other: string }) {
  const conversation = useModel(() => new ConversationModel(me, other));
  const profile = useModel(() => new PublicProfileModel(other));
  const bottom = useRef<HTMLDivElement>(null);
  const state = conversation.state.value;
  const messages = conversation.messages.value;
  const person = profile.state.value.status === 'ready' ? profile.state.value.profile : null;
  const name = person?.displayName ?? 'this person';

  useEffect(() => conversation.open(), [conversation]);
  useEffect(() => {
    const abort = new AbortController();
    void profile.load(abort.signal);
    return () => abort.abort();
  }, [profile]);
  const newest = messages[messages.length - 1]?.id;
  useEffect(() => bottom.current?.scrollIntoView({ block: 'end' }), [newest]);

  return (
    <section class="mx-auto flex w-full max-w-2xl flex-col gap-3" aria-labelledby="conversation-heading">
      <header class="flex flex-wrap items-center gap-3">
        <Link href={paths.conversations} class="text-sm text-indigo-700 underline">
          ← Messages
        </Link>
        <span class="flex min-w-0 flex-1 items-center gap-2">
          {person && <UserAvatar name={person.displayName} url={person.avatarUrl} size="sm" alt="" />}
          <h1 id="conversation-heading" class="truncate text-xl font-semibold">
            {person ? <Link href={paths.user(other)}>{person.displayName}</Link> : 'Conversation'}
          </h1>
        </span>
        {state.status === 'ready' && <CallButton target={{ with: other }} title={name} />}
        <BlockButton userId={other} name={name} />
      </header>

      {state.status === 'loading' && <p class="text-slate-600">Loading messages…</p>}
      {(state.status === 'refused' || state.status === 'failed') && <p role="alert">{state.message}</p>}
      {state.status === 'ready' && (
        <>
          <div class="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:p-4">
            {conversation.hasOlder.value && (
              <button
                type="button"
                class={`${secondaryButtonClass} self-center`}
                disabled={conversation.loadingOlder.value}
                aria-busy={conversation.loadingOlder.value}
                onClick={() => void conversation.loadOlder()}
              >
                Load older messages
              </button>
            )}
            {messages.length === 0 && <p class="text-center text-slate-500">No messages yet. Say hello!</p>}
            <ol class="flex flex-col gap-2" aria-label={`Messages with ${name}`}>
              {messages.map((m) => (
                <ConversationMessageItem
                  key={m.id}
                  message={m}
                  mine={m.from === me}
                  conversation={conversation}
                />
              ))}
            </ol>
            <div ref={bottom} />
          </div>
          <p aria-live="polite" class="h-5 text-sm italic text-slate-500">
            {conversation.otherTyping.value ? `${name} is typing…` : ''}
          </p>
          <Alert message={conversation.error.value} />
          {conversation.closed.value ? (
            <p role="alert" class="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
              You and {name} are no longer connected, so you can't send messages here.
            </p>
          ) : (
            <ConversationComposer conversation={conversation} />
          )}
        </>
      )}
    </section>
  );
}
