import type { ChatActions } from '../chat/chat-message.ts';
import { ChatBubble } from '../chat/ChatBubble.tsx';
import { secondaryButtonClass } from '../ui/styles.ts';
import type { RoomModel } from './room.model.ts';
import { roomMessageLimit } from './room-messages.ts';
import { nameOf } from './user-names.ts';

const readOnly: ChatActions = {
  canEdit: () => false,
  canDelete: () => false,
  edit: () => false,
  remove: () => undefined,
  retry: () => undefined,
  discard: () => undefined,
  deleteQuestion: '',
};

/** The messages a search found, read-only, with the way back to the room. */
export function RoomSearchResults({ room, me }: { room: RoomModel; me: string }) {
  const found = room.results.value ?? [];
  const now = new Date();
  return (
    <section
      aria-label="Search results"
      class="flex h-full flex-col gap-2 rounded-lg border border-slate-200 bg-slate-50 p-2 sm:p-3"
    >
      <div class="flex flex-wrap items-center justify-between gap-2">
        <p class="text-sm text-slate-600" role="status">
          {found.length === 0
            ? 'No messages match.'
            : found.length === 1
              ? '1 message matches.'
              : `${found.length.toLocaleString()} messages match (newest last).`}
        </p>
        <button type="button" class={secondaryButtonClass} onClick={room.clearSearch}>
          Back to the conversation
        </button>
      </div>
      <ol class="flex min-h-0 flex-1 flex-col gap-2 overflow-y-auto">
        {found.map((m) => (
          <ChatBubble
            key={m.id}
            message={{
              id: m.id,
              authorId: m.authorId,
              authorName: m.authorName ?? nameOf(m.authorId),
              text: m.text,
              sentAt: m.createdAt,
              editedAt: m.editedAt,
              deleted: false,
            }}
            mine={m.authorId === me}
            showAuthor
            actions={readOnly}
            limit={roomMessageLimit}
            now={now}
          />
        ))}
      </ol>
    </section>
  );
}
