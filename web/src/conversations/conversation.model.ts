import { computed, createModel, signal } from '@preact/signals';
import type { ChatMessage, OlderHistory } from '../chat/chat-message.ts';
import { errorText } from '../lib/error-text.ts';
import { ApiError } from '../lib/http.ts';
import { live, type LiveFrame } from '../live/live.model.ts';
import { conversationsApi, type DirectMessage } from './api.ts';

const PAGE = 50;
const TYPING_SHOWN_MS = 4_000;
const TYPING_SENT_EVERY_MS = 2_000;

type LoadState =
  | { status: 'loading' }
  | { status: 'ready' }
  | { status: 'refused'; message: string }
  | { status: 'failed'; message: string };

const messageOf = (frame: LiveFrame) => frame.message as Partial<DirectMessage> & { id: string };

/** A message of mine the server has not taken yet: on its way, or failed and waiting for Retry. */
interface Outgoing {
  localId: string;
  /** Sent with every try: the server takes the message once however often it is retried. */
  clientId: string;
  body: string;
  sentAt: string;
  failed: string | null;
}
let localIds = 0;

/** One conversation as the signed-in user `me` sees it with `other`: history, live updates, typing. */
export const ConversationModel = createModel((me: string, other: string) => {
  const state = signal<LoadState>({ status: 'loading' });
  const messages = signal<DirectMessage[]>([]);
  const hasOlder = signal(false);
  const loadingOlder = signal(false);
  const olderFailed = signal(false);
  const outbox = signal<Outgoing[]>([]);
  const otherTyping = signal(false);
  const error = signal<string | null>(null);
  /** The connection ended while the conversation was open: the server now refuses messages, so say so. */
  const closed = signal(false);
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let lastTypingSent = 0;
  let readUpTo: string | null = null;

  const ours = (m: { from?: string; to?: string }) =>
    (m.from === me && m.to === other) || (m.from === other && m.to === me);

  function upsert(message: DirectMessage) {
    const list = messages.value;
    const at = list.findIndex((m) => m.id === message.id);
    if (at >= 0) messages.value = list.map((m, i) => (i === at ? { ...m, ...message } : m));
    else messages.value = [...list, message].sort((a, b) => a.sentAt.localeCompare(b.sentAt));
  }

  function patch(id: string, change: Partial<DirectMessage>) {
    messages.value = messages.value.map((m) => (m.id === id ? { ...m, ...change } : m));
  }

  function setOutgoing(localId: string, change: Partial<Outgoing> | null) {
    outbox.value = change
      ? outbox.value.map((o) => (o.localId === localId ? { ...o, ...change } : o))
      : outbox.value.filter((o) => o.localId !== localId);
  }

  /** Sends one outgoing message; on failure it stays in the list, marked, until retried or discarded. */
  async function deliver(item: Outgoing) {
    setOutgoing(item.localId, { failed: null });
    try {
      const sent = await conversationsApi.send(other, item.body, item.clientId);
      setOutgoing(item.localId, null);
      upsert(sent);
      lastTypingSent = 0;
    } catch (err) {
      setOutgoing(item.localId, { failed: errorText(err, 'Please try again.') });
    }
  }

  /** Every message as the chat shows it, the ones still on their way last. */
  const chat = computed<ChatMessage[]>(() => [
    ...messages.value.map((m) => ({
      id: m.id,
      authorId: m.from,
      text: m.body,
      sentAt: m.sentAt,
      editedAt: m.editedAt,
      deleted: m.deleted,
      ...(m.from === me && { readAt: m.readAt }),
    })),
    ...outbox.value.map((o) => ({
      id: o.localId,
      authorId: me,
      text: o.body,
      sentAt: o.sentAt,
      editedAt: null,
      deleted: false,
      delivery:
        o.failed === null ? { state: 'sending' as const } : { state: 'failed' as const, reason: o.failed },
    })),
  ]);

  const older = computed<OlderHistory>(() => ({
    state: loadingOlder.value ? 'loading' : olderFailed.value ? 'failed' : hasOlder.value ? 'idle' : 'end',
    load: loadOlder,
  }));

  async function loadOlder() {
    const first = messages.value[0];
    if (!first || loadingOlder.value) return;
    loadingOlder.value = true;
    olderFailed.value = false;
    try {
      const page = (await conversationsApi.history(other, { before: first.id, limit: PAGE })).messages;
      const known = new Set(messages.value.map((m) => m.id));
      messages.value = [...page.filter((m) => !known.has(m.id)), ...messages.value];
      hasOlder.value = page.length === PAGE;
    } catch {
      olderFailed.value = true;
    } finally {
      loadingOlder.value = false;
    }
  }

  async function markRead() {
    if (document.visibilityState !== 'visible') return;
    const last = [...messages.value].reverse().find((m) => m.from === other);
    if (!last || last.id === readUpTo) return;
    readUpTo = last.id;
    try {
      await conversationsApi.markRead(other, last.id);
    } catch (err) {
      readUpTo = null;
      console.warn('could not mark as read', err);
    }
  }

  async function load() {
    try {
      const page = (await conversationsApi.history(other, { limit: PAGE })).messages;
      messages.value = page;
      hasOlder.value = page.length === PAGE;
      state.value = { status: 'ready' };
      closed.value = false;
      void markRead();
    } catch (err) {
      state.value =
        err instanceof ApiError && (err.status === 403 || err.status === 404)
          ? { status: 'refused', message: err.detail }
          : { status: 'failed', message: errorText(err, 'Could not load this conversation.') };
    }
  }

  function onFrame(frame: LiveFrame) {
    switch (frame.type) {
      case 'message.received':
      case 'message.sent': {
        const message = messageOf(frame) as DirectMessage;
        if (!ours(message)) return;
        if (message.from === me && !messages.value.some((m) => m.id === message.id)) {
          // The message this tab is sending (or failed to hear back about) came through: it is sent.
          const clientId = typeof frame.clientId === 'string' ? frame.clientId : undefined;
          const copy = clientId
            ? outbox.value.find((o) => o.clientId === clientId)
            : outbox.value.find((o) => o.failed === null && o.body === message.body);
          if (copy) setOutgoing(copy.localId, null);
        }
        upsert(message);
        if (message.from === other) {
          otherTyping.value = false;
          void markRead();
        }
        return;
      }
      case 'message.edited': {
        const m = messageOf(frame);
        if (ours(m)) patch(m.id, { body: m.body ?? '', editedAt: m.editedAt ?? null });
        return;
      }
      case 'message.deleted': {
        const m = messageOf(frame);
        if (ours(m)) patch(m.id, { body: '', deleted: true });
        return;
      }
      case 'message.read': {
        if (frame.by !== other) return;
        const upTo = messages.value.findIndex((m) => m.id === frame.upTo);
        if (upTo < 0) return;
        const readAt = String(frame.readAt);
        messages.value = messages.value.map((m, i) =>
          i <= upTo && m.from === me && !m.readAt ? { ...m, readAt } : m,
        );
        return;
      }
      case 'typing': {
        if (frame.from !== other) return;
        otherTyping.value = true;
        clearTimeout(typingTimer);
        typingTimer = setTimeout(() => (otherTyping.value = false), TYPING_SHOWN_MS);
        return;
      }
      case 'connection.ended':
        if (frame.userId !== other) return;
        closed.value = true;
        otherTyping.value = false;
        return;
      case 'connection.accepted':
        if (frame.userId !== other) return;
        closed.value = false;
        void load();
        return;
      case 'resync':
        void load();
        return;
      default:
        return;
    }
  }

  const onVisible = () => void markRead();

  return {
    state,
    messages,
    otherTyping,
    error,
    closed,
    /** Loads the newest page and follows live frames; returns the cleanup. */
    open(): () => void {
      void load();
      const unsubscribe = live.subscribe(onFrame);
      document.addEventListener('visibilitychange', onVisible);
      return () => {
        unsubscribe();
        document.removeEventListener('visibilitychange', onVisible);
        clearTimeout(typingTimer);
      };
    },
    chat,
    older,
    /** Shows the message at once and sends it; a failure keeps it with Retry. Always takes the text. */
    send(body: string): boolean {
      error.value = null;
      const item: Outgoing = {
        localId: `local-${++localIds}`,
        clientId: crypto.randomUUID(),
        body: body.trim(),
        sentAt: new Date().toISOString(),
        failed: null,
      };
      outbox.value = [...outbox.value, item];
      void deliver(item);
      return true;
    },
    retry(localId: string) {
      const item = outbox.value.find((o) => o.localId === localId);
      if (item && item.failed !== null) void deliver(item);
    },
    discard(localId: string) {
      setOutgoing(localId, null);
    },
    async edit(id: string, body: string): Promise<boolean> {
      error.value = null;
      try {
        upsert(await conversationsApi.edit(other, id, body));
        return true;
      } catch (err) {
        error.value = errorText(err, 'Could not edit the message.');
        return false;
      }
    },
    async remove(id: string) {
      error.value = null;
      try {
        await conversationsApi.remove(other, id);
        patch(id, { body: '', deleted: true });
      } catch (err) {
        error.value = errorText(err, 'Could not delete the message.');
      }
    },
    /** Tells the other person we are typing, at most every two seconds. */
    typing() {
      const now = Date.now();
      if (now - lastTypingSent < TYPING_SENT_EVERY_MS) return;
      lastTypingSent = now;
      live.send({ type: 'typing', to: other });
    },
  };
});
export type ConversationModel = InstanceType<typeof ConversationModel>;
