import { useModel, type ReadonlySignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { ChatActions } from '../chat/chat-message.ts';
import { ChatComposer } from '../chat/ChatComposer.tsx';
import { ChatView } from '../chat/ChatView.tsx';
import { RoomModel, type RoomUser } from './room.model.ts';
import { roomMessageLimit } from './room-messages.ts';
import { RoomPresence } from './RoomPresence.tsx';
import { RoomSearchBox } from './RoomSearchBox.tsx';
import { RoomSearchResults } from './RoomSearchResults.tsx';

/** A room (the wall or a group's) as a chat: presence, typing, messages with edit and delete, history and search. */
export function Room(props: {
  docName: string;
  me: RoomUser;
  canModerate: ReadonlySignal<boolean>;
  /** The page's title and buttons, at the top of the chat. */
  header: ComponentChildren;
}) {
  const room = useModel(() => new RoomModel(props.docName, props.me, props.canModerate));
  useEffect(() => {
    room.start();
    return () => room.stop();
  }, [room]);

  const actions: ChatActions = {
    canEdit: (m) => m.authorId === props.me.id && room.liveIds.value.has(m.id),
    canDelete: (m) => room.liveIds.value.has(m.id) && room.canDelete(m),
    edit: (id, text) => {
      room.edit(id, text);
      return true;
    },
    remove: (id) => room.remove(id),
    retry: (id) => room.retry(id),
    discard: (id) => room.discard(id),
    deleteQuestion: 'Delete for everyone?',
    reportTarget: (m) => room.reportTarget(m),
  };
  const typing = room.typingOthers.value;
  const notice = room.notice.value;

  return (
    <ChatView
      label="Messages"
      header={props.header}
      above={
        <>
          <div class="flex flex-wrap items-center justify-between gap-2">
            <RoomPresence room={room} me={props.me.id} />
            <RoomSearchBox room={room} />
          </div>
          {notice && (
            <div
              role="alert"
              class="flex items-start justify-between gap-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900"
            >
              <span class="min-w-0 [overflow-wrap:anywhere]">{notice}</span>
              <button type="button" class="shrink-0 underline" onClick={room.dismissNotice}>
                Dismiss
              </button>
            </div>
          )}
        </>
      }
      replacement={room.results.value ? <RoomSearchResults room={room} me={props.me.id} /> : undefined}
      me={props.me.id}
      messages={room.chat.value}
      ready={room.synced.value || room.live.value.length > 0}
      empty="No messages yet. Say hello!"
      showAuthors
      older={room.olderHistory.value}
      actions={actions}
      limit={roomMessageLimit}
      typing={
        typing.length === 0
          ? null
          : typing.length === 1
            ? `${typing[0]!.name} is typing…`
            : `${typing.map((p) => p.name).join(', ')} are typing…`
      }
      footer={
        <ChatComposer
          limit={roomMessageLimit}
          onSend={(text) => room.post(text)}
          onTyping={(typing) => room.setTyping(typing)}
        />
      }
    />
  );
}
