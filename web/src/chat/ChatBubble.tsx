import { useSignal } from '@preact/signals';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { ReportButton } from '../moderation/ReportButton.tsx';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import type { ChatActions, ChatMessage } from './chat-message.ts';
import type { TextLimit } from './chat-text.ts';
import { chatTime, chatTimeTitle } from './chat-time.ts';
import { ChatEditForm } from './ChatEditForm.tsx';

const linkButton = 'rounded px-1 text-xs text-slate-600 underline hover:text-slate-900';

/**
 * One message as a bubble: mine on the right, others' on the left with their name when the chat has
 * several people. Any text wraps inside the bubble, however long its words.
 */
export function ChatBubble({
  message,
  mine,
  showAuthor,
  actions,
  limit,
  now,
}: {
  message: ChatMessage;
  mine: boolean;
  showAuthor: boolean;
  actions: ChatActions;
  limit: TextLimit;
  now: Date;
}) {
  const editing = useSignal(false);
  const delivery = message.delivery;
  const settled = !delivery && !message.deleted;
  const canEdit = settled && !editing.value && actions.canEdit(message);
  const canDelete = settled && !editing.value && actions.canDelete(message);
  const reportTarget = settled && !mine ? (actions.reportTarget?.(message) ?? null) : null;
  const colours = message.deleted
    ? 'bg-transparent italic text-slate-500 ring-1 ring-slate-200'
    : mine
      ? `bg-indigo-600 text-white ${delivery ? 'opacity-75' : ''}`
      : 'bg-white text-slate-900 ring-1 ring-slate-200';

  return (
    <li
      class={`flex max-w-[85%] min-w-0 flex-col gap-0.5 ${mine ? 'items-end self-end' : 'items-start self-start'}`}
      data-message-id={message.id}
    >
      {showAuthor && !mine && (
        <Link
          href={paths.user(message.authorId)}
          class="max-w-full truncate px-1 text-xs font-semibold text-slate-700"
        >
          {message.authorName ?? 'Someone'}
        </Link>
      )}
      {editing.value ? (
        <ChatEditForm
          id={message.id}
          text={message.text}
          limit={limit}
          onSave={async (text) => {
            if (await actions.edit(message.id, text)) editing.value = false;
          }}
          onCancel={() => (editing.value = false)}
        />
      ) : (
        <p class={`max-w-full whitespace-pre-wrap rounded-2xl px-3 py-2 [overflow-wrap:anywhere] ${colours}`}>
          {message.deleted ? 'Message deleted' : message.text}
        </p>
      )}
      <span class="flex flex-wrap items-center gap-x-2 px-1 text-xs text-slate-500">
        {delivery?.state === 'sending' ? (
          <span>Sending…</span>
        ) : (
          <time dateTime={message.sentAt} title={chatTimeTitle(message.sentAt)}>
            {chatTime(message.sentAt, now)}
          </time>
        )}
        {message.editedAt && !message.deleted && <span>edited</span>}
        {mine && settled && message.readAt !== undefined && (
          <span
            class={message.readAt ? 'text-indigo-700' : ''}
            title={message.readAt ? `Read ${chatTimeTitle(message.readAt)}` : 'Sent'}
          >
            <span aria-hidden="true">{message.readAt ? '✓✓' : '✓'}</span>
            <span class="sr-only">{message.readAt ? 'Read' : 'Sent'}</span>
          </span>
        )}
        {canEdit && (
          <button type="button" class={linkButton} onClick={() => (editing.value = true)}>
            Edit
          </button>
        )}
        {canDelete && (
          <ConfirmButton
            small
            label="Delete"
            question={actions.deleteQuestion}
            confirmLabel="Delete"
            onConfirm={() => actions.remove(message.id)}
          />
        )}
        {reportTarget && <ReportButton target={reportTarget} />}
      </span>
      {delivery?.state === 'failed' && (
        <span role="alert" class="flex flex-wrap items-center justify-end gap-x-2 px-1 text-xs text-red-700">
          <span>Not sent: {delivery.reason}</span>
          <button
            type="button"
            class="rounded px-1 font-semibold underline"
            onClick={() => void actions.retry(message.id)}
          >
            Retry
          </button>
          <button type="button" class={linkButton} onClick={() => void actions.discard(message.id)}>
            Discard
          </button>
        </span>
      )}
    </li>
  );
}
