import { useSignal } from '@preact/signals';
import { ReportButton } from '../moderation/ReportButton.tsx';
import { inputClass, secondaryButtonClass } from '../ui/styles.ts';
import { maxDirectMessageLength, type DirectMessage } from './api.ts';
import type { ConversationModel } from './conversation.model.ts';
import { shortTime } from './short-time.ts';

const linkButton = 'text-xs text-slate-600 underline hover:text-slate-900';

/** One message, as text only. The sender may edit or delete it; their ticks say sent or read. */
export function ConversationMessageItem({
  message,
  mine,
  conversation,
}: {
  message: DirectMessage;
  mine: boolean;
  conversation: ConversationModel;
}) {
  const editing = useSignal(false);
  const draft = useSignal(message.body);
  const fieldId = `edit-${message.id}`;

  async function save(event: Event) {
    event.preventDefault();
    if (await conversation.edit(message.id, draft.value)) editing.value = false;
  }
  function remove() {
    if (window.confirm('Delete this message for both of you?')) void conversation.remove(message.id);
  }

  const bubble = mine ? 'self-end bg-indigo-600 text-white' : 'self-start bg-slate-100 text-slate-900';
  return (
    <li class={`flex max-w-[85%] flex-col gap-1 ${mine ? 'self-end items-end' : 'self-start items-start'}`}>
      {editing.value ? (
        <form class="flex w-72 max-w-full flex-col gap-2" onSubmit={(e) => void save(e)}>
          <label for={fieldId} class="sr-only">
            Edit message
          </label>
          <textarea
            id={fieldId}
            class={inputClass}
            rows={3}
            maxLength={maxDirectMessageLength}
            value={draft.value}
            onInput={(e) => (draft.value = e.currentTarget.value)}
          />
          <span class="flex gap-2 self-end">
            <button type="button" class={secondaryButtonClass} onClick={() => (editing.value = false)}>
              Cancel
            </button>
            <button type="submit" class={secondaryButtonClass} disabled={!draft.value.trim()}>
              Save
            </button>
          </span>
        </form>
      ) : (
        <p
          class={`whitespace-pre-wrap break-words rounded-2xl px-3 py-2 ${
            message.deleted ? 'bg-transparent italic text-slate-500 ring-1 ring-slate-200' : bubble
          }`}
        >
          {message.deleted ? 'This message was deleted' : message.body}
        </p>
      )}
      <span class="flex items-center gap-2 text-xs text-slate-500">
        <time dateTime={message.sentAt}>{shortTime(message.sentAt)}</time>
        {message.editedAt && !message.deleted && <span>edited</span>}
        {mine && !message.deleted && (
          <span
            class={message.readAt ? 'text-indigo-700' : ''}
            title={message.readAt ? `Read ${new Date(message.readAt).toLocaleString()}` : 'Sent'}
          >
            <span aria-hidden="true">{message.readAt ? '✓✓' : '✓'}</span>
            <span class="sr-only">{message.readAt ? 'Read' : 'Sent'}</span>
          </span>
        )}
        {!mine && !message.deleted && (
          <ReportButton target={{ kind: 'direct_message', targetId: message.id }} />
        )}
        {mine && !message.deleted && !editing.value && (
          <>
            <button
              type="button"
              class={linkButton}
              onClick={() => {
                draft.value = message.body;
                editing.value = true;
              }}
            >
              Edit
            </button>
            <button type="button" class={linkButton} onClick={remove}>
              Delete
            </button>
          </>
        )}
      </span>
    </li>
  );
}
