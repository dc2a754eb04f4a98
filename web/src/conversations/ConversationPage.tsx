import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { CallButton } from '../calls/CallButton.tsx';
import type { ChatActions } from '../chat/chat-message.ts';
import { ChatComposer } from '../chat/ChatComposer.tsx';
import { ChatView } from '../chat/ChatView.tsx';
import { session } from '../identity/session.model.ts';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { PublicProfileModel } from '../profile/public-profile.model.ts';
import { Alert } from '../ui/Alert.tsx';
import { UserAvatar } from '../ui/UserAvatar.tsx';
import { directMessageLimit } from './api.ts';
import { BlockButton } from './BlockButton.tsx';
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
  const state = conversation.state.value;
  const person = profile.state.value.status === 'ready' ? profile.state.value.profile : null;
  const name = person?.displayName ?? 'this person';

  useEffect(() => conversation.open(), [conversation]);
  useEffect(() => {
    const abort = new AbortController();
    void profile.load(abort.signal);
    return () => abort.abort();
  }, [profile]);

  const actions: ChatActions = {
    canEdit: (m) => m.authorId === me,
    canDelete: (m) => m.authorId === me,
    edit: (id, text) => conversation.edit(id, text),
    remove: (id) => conversation.remove(id),
    retry: (id) => conversation.retry(id),
    discard: (id) => conversation.discard(id),
    deleteQuestion: 'Delete for both of you?',
    reportTarget: (m) => ({ kind: 'direct_message', targetId: m.id }),
  };

  const header = (
    <header class="flex flex-wrap items-center gap-x-3 gap-y-1" aria-labelledby="conversation-heading">
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
  );

  if (state.status === 'refused' || state.status === 'failed') {
    return (
      <section class="mx-auto flex w-full max-w-2xl flex-col gap-3">
        {header}
        <p role="alert">{state.message}</p>
      </section>
    );
  }

  return (
    <div class="mx-auto w-full max-w-2xl">
      <ChatView
        label={`Messages with ${name}`}
        header={header}
        me={me}
        messages={conversation.chat.value}
        ready={state.status === 'ready'}
        empty="No messages yet. Say hello!"
        showAuthors={false}
        older={conversation.older.value}
        actions={actions}
        limit={directMessageLimit}
        typing={conversation.otherTyping.value ? `${name} is typing…` : null}
        footer={
          <>
            <Alert message={conversation.error.value} />
            {conversation.closed.value ? (
              <p
                role="alert"
                class="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900"
              >
                You and {name} are no longer connected, so you can't send messages here.
              </p>
            ) : (
              <ChatComposer
                limit={directMessageLimit}
                onSend={(text) => conversation.send(text)}
                onTyping={(typing) => typing && conversation.typing()}
              />
            )}
          </>
        }
      />
    </div>
  );
}
