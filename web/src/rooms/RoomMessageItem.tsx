import { useSignal } from '@preact/signals';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { ReportButton } from '../moderation/ReportButton.tsx';
import { inputClass, primaryButtonClass, secondaryButtonClass } from '../ui/styles.ts';
import type { DocMessage } from './api.ts';
import type { RoomModel } from './room.model.ts';
import { maxRoomMessageLength } from './room-messages.ts';
import { nameOf } from './user-names.ts';

/** What a message item shows: a live document entry or a message from the read model. */
type Shown = Pick<DocMessage, 'id' | 'authorId' | 'text' | 'createdAt' | 'editedAt'> & { deleted?: boolean };

const time = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ''
    : d.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
};

/** One message with its author and time; its author may edit it, its author and moderators delete it. */
export function RoomMessageItem({
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
  const reportTarget = message.deleted ? null : room.reportTarget(message);

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
      {!editing.value && ((live && (editable || deletable)) || reportTarget) && (
        <div class="mt-1 flex gap-3 text-xs">
          {live && editable && (
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
          {reportTarget && <ReportButton target={reportTarget} />}
        </div>
      )}
    </li>
  );
}
