import { createModel, signal } from '@preact/signals';
import { errorText } from '../lib/error-text.ts';
import { live, type LiveFrame } from '../live/live.model.ts';
import { notices } from '../ui/notices.model.ts';
import { notificationsApi, type Notification } from './api.ts';

/** Frames whose event also becomes a notification, plus (re)connects that may have missed some. */
const RELOAD_ON = new Set([
  'connection.requested',
  'connection.accepted',
  'message.received',
  'session.updated',
  'session.cancelled',
  'session.promoted',
  'session.reminder',
  'ticket.message',
  'ticket.updated',
  'ready',
  'resync',
]);

/**
 * Kinds that no feature announces itself (requests, messages and sessions have their own notices):
 * these pop up as a notice when they arrive, as well as landing under the bell.
 */
const ANNOUNCE: ReadonlySet<Notification['type']> = new Set([
  'support.replied',
  'content.removed',
  'account.suspended',
]);

/** The signed-in user's notification list (`GET /api/notifications`) and unread count, kept fresh by live frames. */
export const NotificationsModel = createModel(() => {
  const items = signal<readonly Notification[]>([]);
  const unread = signal(0);
  const status = signal<'idle' | 'loading' | 'ready' | 'failed'>('idle');
  const error = signal<string | null>(null);
  let unsubscribe: (() => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wantedPosition = 0;
  let latest = 0;
  let known: Set<string> | null = null;

  function announceNew(list: readonly Notification[]) {
    const first = known === null;
    known ??= new Set();
    for (const n of list) {
      if (known.has(n.id)) continue;
      known.add(n.id);
      // The first load is history, not news; and a notice about the page one is on says nothing.
      if (first || n.readAt !== null || !ANNOUNCE.has(n.type)) continue;
      if (window.location.pathname === n.link) continue;
      notices.show(n.title, { href: n.link, label: 'Open' }, `notification:${n.id}`);
    }
  }

  async function load(minPosition?: number) {
    const run = ++latest;
    if (status.value === 'idle') status.value = 'loading';
    try {
      const list = await notificationsApi.list(minPosition);
      if (run !== latest) return;
      items.value = list.notifications;
      announceNew(list.notifications);
      unread.value = list.unread;
      status.value = 'ready';
      error.value = null;
    } catch (err) {
      if (run !== latest) return;
      if (status.value !== 'ready') status.value = 'failed';
      error.value = errorText(err, 'Could not load your notifications.');
    }
  }

  // The notification is written by a projection after the event: ask for a read that includes the frame.
  function onFrame(frame: LiveFrame) {
    if (!RELOAD_ON.has(frame.type)) return;
    wantedPosition = Math.max(wantedPosition, frame.position ?? 0);
    clearTimeout(timer);
    timer = setTimeout(() => void load(wantedPosition || undefined), 200);
  }

  return {
    items,
    unread,
    status,
    error,
    load,
    start() {
      unsubscribe ??= live.subscribe(onFrame);
      void load();
    },
    stop() {
      unsubscribe?.();
      unsubscribe = undefined;
      clearTimeout(timer);
      items.value = [];
      unread.value = 0;
      status.value = 'idle';
      wantedPosition = 0;
      known = null;
    },
    /** Marks everything listed (and anything older) as read; the list keeps showing which were new. */
    async markAllRead() {
      const newest = items.value[0];
      if (!newest || unread.value === 0) return;
      const before = unread.value;
      unread.value = 0;
      try {
        await notificationsApi.markRead(newest.id);
        await load();
      } catch (err) {
        unread.value = before;
        error.value = errorText(err, 'Could not mark your notifications as read.');
      }
    },
  };
});

export const notifications = new NotificationsModel();
