import { useEffect } from 'preact/hooks';
import { connections } from '../connections/connections.model.ts';
import { session } from '../identity/session.model.ts';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { UserAvatar } from '../ui/UserAvatar.tsx';
import { cardClass } from '../ui/styles.ts';
import { inbox } from './inbox.model.ts';
import { chatTime } from '../chat/chat-time.ts';
import { UnreadBadge } from './UnreadBadge.tsx';

export function ConversationsPage() {
  const me = session.user.value;
  useEffect(() => {
    void inbox.load();
  }, []);
  if (!me) return <p>Sign in to see your messages.</p>;
  const list = inbox.conversations.value;
  const status = inbox.status.value;

  return (
    <section class="mx-auto w-full max-w-2xl space-y-4" aria-labelledby="messages-heading">
      <h1 id="messages-heading" class="text-2xl font-semibold">
        Messages
      </h1>
      {status === 'failed' && <p role="alert">{inbox.error.value}</p>}
      {status === 'loading' && list.length === 0 && <p class="text-slate-600">Loading conversations…</p>}
      {status === 'ready' && list.length === 0 && <NoConversations />}
      <ul class={`divide-y divide-slate-100 ${list.length ? cardClass : ''} !p-0`}>
        {list.map(({ user, lastMessage, unread }) => {
          const preview = lastMessage.deleted
            ? 'Message deleted'
            : `${lastMessage.from === me.id ? 'You: ' : ''}${lastMessage.body}`;
          return (
            <li key={user.id}>
              <Link
                href={paths.conversation(user.id)}
                class="flex items-center gap-3 px-4 py-3 hover:bg-slate-50"
              >
                <UserAvatar name={user.displayName} url={user.avatarUrl} size="sm" alt="" />
                <span class="min-w-0 flex-1">
                  <span class={`block truncate ${unread ? 'font-semibold' : 'font-medium'}`}>
                    {user.displayName}
                  </span>
                  <span
                    class={`block truncate text-sm ${lastMessage.deleted ? 'italic text-slate-500' : 'text-slate-600'}`}
                  >
                    {preview}
                  </span>
                </span>
                <span class="flex shrink-0 flex-col items-end gap-1">
                  <time class="text-xs text-slate-500" dateTime={lastMessage.sentAt}>
                    {chatTime(lastMessage.sentAt, new Date())}
                  </time>
                  <UnreadBadge count={unread} />
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** An empty inbox: start a conversation with a connection, or find people to connect with. */
function NoConversations() {
  const people = connections.lists.value.accepted.slice(0, 8);
  if (people.length === 0) {
    return (
      <p class="text-slate-600">
        No conversations yet. Once someone accepts your connection request, you can write to them here.{' '}
        <Link href={paths.matches} class="font-medium text-indigo-700 underline">
          Find people in your matches
        </Link>
        .
      </p>
    );
  }
  return (
    <div class="space-y-2">
      <p class="text-slate-600">No conversations yet. Start one with a connection:</p>
      <ul class="flex flex-wrap gap-2">
        {people.map(({ user }) => (
          <li key={user.id}>
            <Link
              href={paths.conversation(user.id)}
              class="flex items-center gap-2 rounded-full border border-slate-200 bg-white py-1 pl-1 pr-3 text-sm font-medium hover:bg-slate-50"
            >
              <UserAvatar name={user.displayName} url={user.avatarUrl} size="sm" alt="" />
              Write to {user.displayName}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
