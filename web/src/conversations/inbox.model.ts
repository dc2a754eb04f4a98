import { computed, createModel, signal } from '@preact/signals';
import { errorText } from '../lib/error-text.ts';
import { live, type LiveFrame } from '../live/live.model.ts';
import { conversationsApi, type ConversationSummary } from './api.ts';

const RELOAD_ON = new Set([
  'message.received',
  'message.sent',
  'message.edited',
  'message.deleted',
  'conversation.read',
  'resync',
]);

/** The signed-in user's conversations and unread counts, kept fresh by live frames. */
export const InboxModel = createModel(() => {
  const conversations = signal<ConversationSummary[]>([]);
  const status = signal<'idle' | 'loading' | 'ready' | 'failed'>('idle');
  const error = signal<string | null>(null);
  const unreadTotal = computed(() => conversations.value.reduce((sum, c) => sum + c.unread, 0));
  let unsubscribe: (() => void) | undefined;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let wantedPosition = 0;

  async function load(minPosition?: number) {
    if (status.value !== 'ready') status.value = 'loading';
    try {
      conversations.value = (await conversationsApi.conversations(minPosition)).conversations;
      status.value = 'ready';
      error.value = null;
    } catch (err) {
      status.value = status.value === 'ready' ? 'ready' : 'failed';
      error.value = errorText(err, 'Could not load your conversations.');
    }
  }

  // A burst of frames becomes one reload that includes the newest of them.
  function reloadSoon(frame: LiveFrame) {
    if (!RELOAD_ON.has(frame.type)) return;
    wantedPosition = Math.max(wantedPosition, frame.position ?? 0);
    clearTimeout(pending);
    pending = setTimeout(() => void load(wantedPosition || undefined), 150);
  }

  return {
    conversations,
    status,
    error,
    unreadTotal,
    load,
    start() {
      unsubscribe ??= live.subscribe(reloadSoon);
      void load();
    },
    stop() {
      unsubscribe?.();
      unsubscribe = undefined;
      clearTimeout(pending);
      conversations.value = [];
      status.value = 'idle';
    },
  };
});

export const inbox = new InboxModel();
