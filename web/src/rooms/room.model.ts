import { computed, createModel, signal, type ReadonlySignal } from '@preact/signals';
import type { ChatMessage, OlderHistory } from '../chat/chat-message.ts';
import * as authProtocol from 'y-protocols/auth';
import type { Awareness } from 'y-protocols/awareness';
import { messageAuth, WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { errorText } from '../lib/error-text.ts';
import { ApiError } from '../lib/http.ts';
import { roomsApi, type DocMessage } from './api.ts';
import {
  deleteMessage,
  editMessage,
  postMessage,
  readMessages,
  type RoomMessage,
  type RoomMessageArray,
} from './room-messages.ts';
import { nameOf, rememberName } from './user-names.ts';

export interface RoomUser {
  id: string;
  name: string;
}

export interface RoomParticipant extends RoomUser {
  typing: boolean;
}

/** The room's link to the server, as the presence bar shows it. */
export type RoomStatus = 'connecting' | 'online' | 'offline' | 'closed';

const TYPING_IDLE_MS = 3000;
/** Own posts remembered per link, to find the ones a refusal undid. */
const REMEMBERED_POSTS = 50;

/** A post of mine the server refused; it stays in the chat with Retry. */
interface FailedPost {
  id: string;
  text: string;
  createdAt: string;
  reason: string;
}

/** Who is here, one entry per person however many tabs they have open. */
function readPresence(awareness: Awareness): RoomParticipant[] {
  const byId = new Map<string, RoomParticipant>();
  for (const state of awareness.getStates().values()) {
    const user = (state as { user?: Partial<RoomUser> }).user;
    if (typeof user?.id !== 'string' || typeof user.name !== 'string') continue;
    const typing = (state as { typing?: unknown }).typing === true;
    const seen = byId.get(user.id);
    byId.set(user.id, { id: user.id, name: user.name, typing: typing || (seen?.typing ?? false) });
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function closeNotice(code: number, reason: string): string {
  if (code === 4401) return 'Your session has ended. Sign in again to keep chatting.';
  if (code === 4403) return reason || 'You no longer have access to this conversation.';
  return reason || 'The server closed this conversation.';
}

/**
 * One room (`wall` or `group-<id>`): a Yjs document synced over `/yjs/<doc>` with the stock
 * y-websocket provider, presence and typing through awareness, and older history and search from the API.
 * When the server refuses an update, the document is rebuilt from the server so the change disappears.
 */
export const RoomModel = createModel(
  (docName: string, me: RoomUser, canModerate: ReadonlySignal<boolean>) => {
    const live = signal<RoomMessage[]>([]);
    const older = signal<DocMessage[]>([]);
    const olderState = signal<'idle' | 'loading' | 'end' | 'failed'>('idle');
    const status = signal<RoomStatus>('connecting');
    const synced = signal(false);
    const notice = signal<string | null>(null);
    const participants = signal<RoomParticipant[]>([]);
    const typingOthers = computed(() => participants.value.filter((p) => p.typing && p.id !== me.id));
    const results = signal<DocMessage[] | null>(null);
    const searchState = signal<{ pending: boolean; error: string | null }>({ pending: false, error: null });

    const liveIds = computed(() => new Set(live.value.map((m) => m.id)));
    const failed = signal<FailedPost[]>([]);
    /** Posts written while the link was down; they go out when it is back. */
    const waiting = signal<ReadonlySet<string>>(new Set());
    let posted = new Map<string, string>();
    let undone: { posts: Map<string, string>; reason: string } | null = null;
    /**
     * History from the read model that the document no longer holds, then the live document. Live deletions
     * stay as "Message deleted" so everyone sees that something was withdrawn and replies keep their context.
     */
    const timeline = computed(() => [
      ...older.value.filter((m) => !liveIds.value.has(m.id)).map((m) => ({ ...m, deleted: false })),
      ...live.value,
    ]);

    async function loadOlder() {
      if (olderState.value === 'loading' || olderState.value === 'end') return;
      olderState.value = 'loading';
      const oldest = older.value[0]?.id ?? live.value[0]?.id;
      try {
        const page = await roomsApi.page(docName, oldest ? { before: oldest } : {});
        for (const m of page.messages) rememberName(m.authorId, m.authorName);
        older.value = [...page.messages.filter((m) => !liveIds.value.has(m.id)), ...older.value];
        olderState.value = page.hasMore ? 'idle' : 'end';
      } catch (err) {
        // The oldest message may not have reached the read model yet: then there is nothing older there.
        olderState.value = err instanceof ApiError && err.status === 404 ? 'end' : 'failed';
      }
    }

    const olderHistory = computed<OlderHistory>(() => ({ state: olderState.value, load: loadOlder }));

    /** The timeline as the chat shows it, my refused posts last. */
    const chat = computed<ChatMessage[]>(() => [
      ...timeline.value.map((m) => ({
        id: m.id,
        authorId: m.authorId,
        authorName: nameOf(m.authorId),
        text: m.text,
        sentAt: m.createdAt,
        editedAt: m.editedAt,
        deleted: m.deleted,
        ...(waiting.value.has(m.id) && { delivery: { state: 'sending' as const } }),
      })),
      ...failed.value.map((f) => ({
        id: f.id,
        authorId: me.id,
        text: f.text,
        sentAt: f.createdAt,
        editedAt: null,
        deleted: false,
        delivery: { state: 'failed' as const, reason: f.reason },
      })),
    ]);

    let doc: Y.Doc | null = null;
    let provider: WebsocketProvider | null = null;
    let messages: RoomMessageArray | null = null;
    let typingTimer: ReturnType<typeof setTimeout> | undefined;

    function start() {
      if (provider) return;
      const d = new Y.Doc();
      const array: RoomMessageArray = d.getArray('messages');
      array.observeDeep(() => {
        live.value = readMessages(array);
      });
      const url = `${window.location.protocol === 'https:' ? 'wss:' : 'ws:'}//${window.location.host}/yjs`;
      // No BroadcastChannel: other tabs must get changes through the server, which validates them.
      const p = new WebsocketProvider(url, docName, d, { disableBc: true });
      p.messageHandlers[messageAuth] = (_encoder, decoder) =>
        authProtocol.readAuthMessage(decoder, d, (_doc, reason) => refused(reason));
      p.on('status', (event) => {
        if (status.value === 'closed') return;
        status.value =
          event.status === 'connected' ? 'online' : event.status === 'connecting' ? 'connecting' : 'offline';
      });
      p.on('sync', (isSynced) => {
        synced.value = isSynced;
        if (!isSynced) return;
        waiting.value = new Set();
        if (undone) failPostsMissingAfter(undone);
        undone = null;
      });
      p.on('closed', ({ code, reason }) => {
        status.value = 'closed';
        notice.value = closeNotice(code, reason);
      });
      p.awareness.setLocalState({ user: me, typing: false });
      p.awareness.on('change', () => {
        const present = readPresence(p.awareness);
        for (const person of present) rememberName(person.id, person.name);
        participants.value = present;
      });
      doc = d;
      provider = p;
      messages = array;
      status.value = 'connecting';
    }

    function stop() {
      clearTimeout(typingTimer);
      provider?.awareness.setLocalState(null);
      provider?.destroy();
      doc?.destroy();
      provider = null;
      doc = null;
      messages = null;
      synced.value = false;
      live.value = [];
      participants.value = [];
    }

    /** Posts of mine the server's copy lacks after a refusal stay in the chat as failed, with Retry. */
    function failPostsMissingAfter({ posts, reason }: { posts: Map<string, string>; reason: string }) {
      const now = new Date().toISOString();
      const lost = [...posts].filter(([id]) => !liveIds.value.has(id));
      if (lost.length === 0) return;
      // The refused change was a post: its bubble says why and offers Retry, so "undone" would mislead.
      notice.value = null;
      failed.value = [
        ...failed.value,
        ...lost.map(([id, text]) => ({
          id,
          text,
          createdAt: now,
          reason: reason || 'The server refused it.',
        })),
      ];
    }

    /** The server refused a local change: say so, and start over from the server's copy. */
    function refused(reason: string) {
      undone = { posts: posted, reason };
      posted = new Map();
      notice.value = `The server refused your last change${reason ? `: ${reason}` : ''}. It has been undone.`;
      setTimeout(() => {
        stop();
        start();
      }, 0);
    }

    function setTyping(typing: boolean) {
      clearTimeout(typingTimer);
      if (provider?.awareness.getLocalState()?.typing !== typing)
        provider?.awareness.setLocalStateField('typing', typing);
      if (typing) typingTimer = setTimeout(() => setTyping(false), TYPING_IDLE_MS);
    }

    /** Returns false when there is nothing to send. */
    function post(text: string): boolean {
      const trimmed = text.trim();
      if (!trimmed || !messages) return false;
      const id = postMessage(messages, me.id, trimmed);
      posted.set(id, trimmed);
      if (posted.size > REMEMBERED_POSTS) posted.delete(posted.keys().next().value!);
      if (status.value !== 'online' || !synced.value) waiting.value = new Set([...waiting.value, id]);
      setTyping(false);
      return true;
    }

    return {
      live,
      liveIds,
      older,
      olderState,
      timeline,
      status,
      synced,
      notice,
      participants,
      typingOthers,
      results,
      searchState,
      canModerate,
      chat,
      olderHistory,
      start,
      stop,
      setTyping,
      dismissNotice() {
        notice.value = null;
      },
      canDelete(message: { authorId: string }) {
        return message.authorId === me.id || canModerate.value;
      },
      post,
      /** Posts a failed message again, as a new message. */
      retry(id: string) {
        const failedPost = failed.value.find((f) => f.id === id);
        if (!failedPost || !messages) return;
        failed.value = failed.value.filter((f) => f.id !== id);
        post(failedPost.text);
      },
      discard(id: string) {
        failed.value = failed.value.filter((f) => f.id !== id);
      },
      /** What a report of this message names (`POST /api/reports`); null for one's own message. */
      reportTarget(message: { id: string; authorId: string }) {
        if (message.authorId === me.id) return null;
        const kind = docName === 'wall' ? ('wall_message' as const) : ('group_message' as const);
        return { kind, doc: docName, targetId: message.id };
      },
      edit(id: string, text: string) {
        const trimmed = text.trim();
        if (trimmed && messages) editMessage(messages, id, trimmed);
      },
      remove(id: string) {
        if (messages) deleteMessage(messages, id);
      },
      loadOlder,
      async search(q: string) {
        if (!q.trim()) {
          results.value = null;
          return;
        }
        searchState.value = { pending: true, error: null };
        try {
          const page = await roomsApi.page(docName, { q: q.trim() });
          for (const m of page.messages) rememberName(m.authorId, m.authorName);
          results.value = page.messages;
          searchState.value = { pending: false, error: null };
        } catch (err) {
          searchState.value = { pending: false, error: errorText(err, 'Could not load messages.') };
        }
      },
      clearSearch() {
        results.value = null;
        searchState.value = { pending: false, error: null };
      },
    };
  },
);

export type RoomModel = InstanceType<typeof RoomModel>;
