import { useSignal } from '@preact/signals';
import { Link } from '../lib/Link.tsx';
import { plural } from '../lib/plural.ts';
import { useDisclosure } from '../app/use-disclosure.ts';
import type { Notification } from './api.ts';
import { notifications } from './notifications.model.ts';

const ago = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "5 minutes ago", "yesterday": how long ago something happened, in the viewer's language. */
function timeAgo(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['second', 60],
    ['minute', 60],
    ['hour', 24],
    ['day', 7],
    ['week', 5],
  ];
  let value = seconds;
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) return unit === 'second' ? ago.format(0, 'second') : ago.format(value, unit);
    value = Math.round(value / size);
  }
  return new Date(iso).toLocaleDateString();
}

/** The header's bell: unread count, and a panel with the latest notifications. Opening it marks them read. */
export function NotificationBell() {
  const menu = useDisclosure('notifications-panel');
  // Which ones were unread when the panel opened, so they stay marked as new while it is open.
  const fresh = useSignal<ReadonlySet<string>>(new Set());
  const count = notifications.unread.value;
  const items = notifications.items.value;

  function toggle() {
    if (!menu.open.value) {
      fresh.value = new Set(items.filter((n) => n.readAt === null).map((n) => n.id));
      void notifications.markAllRead();
    }
    menu.open.value = !menu.open.value;
  }

  return (
    <div class="relative">
      <button
        {...menu.buttonProps}
        onClick={toggle}
        class="relative inline-flex h-10 w-10 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100"
        aria-label={count > 0 ? `Notifications, ${count} unread` : 'Notifications'}
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          class="h-5 w-5"
          fill="none"
          stroke="currentColor"
          stroke-width="2"
        >
          <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        {count > 0 && (
          <span
            aria-hidden="true"
            class="absolute right-0.5 top-0.5 inline-flex min-w-4 items-center justify-center rounded-full bg-red-600 px-1 text-[10px] font-bold leading-4 text-white"
          >
            {count > 99 ? '99+' : count}
          </span>
        )}
      </button>
      {menu.open.value && (
        <div
          id="notifications-panel"
          ref={menu.panelRef}
          class="absolute right-0 top-full z-30 mt-1 w-[min(22rem,calc(100vw-1rem))] rounded-lg border border-slate-200 bg-white shadow-lg"
        >
          <h2 class="border-b border-slate-100 px-4 py-2 text-sm font-semibold">Notifications</h2>
          {items.length === 0 ? (
            <p class="px-4 py-6 text-center text-sm text-slate-600">
              {notifications.status.value === 'failed'
                ? notifications.error.value
                : 'Nothing yet. Requests, messages and session news will show up here.'}
            </p>
          ) : (
            <ul
              class="max-h-[70vh] divide-y divide-slate-100 overflow-y-auto"
              aria-label="Latest notifications"
            >
              {items.map((n) => (
                <NotificationItem key={n.id} notification={n} isNew={fresh.value.has(n.id)} />
              ))}
            </ul>
          )}
          {fresh.value.size > 0 && (
            <p class="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
              {plural(fresh.value.size, 'new notification')}, now marked as read.
            </p>
          )}
        </div>
      )}
    </div>
  );
}

function NotificationItem({ notification: n, isNew }: { notification: Notification; isNew: boolean }) {
  return (
    <li>
      <Link href={n.link} class="block px-4 py-3 hover:bg-slate-50">
        <span class="flex items-start gap-2">
          {isNew && <span class="mt-1.5 h-2 w-2 shrink-0 rounded-full bg-indigo-600" aria-hidden="true" />}
          <span class="min-w-0 flex-1">
            <span class="block break-words text-sm font-medium text-slate-900">
              {isNew && <span class="sr-only">New: </span>}
              {n.title}
            </span>
            {n.body && <span class="block break-words text-sm text-slate-600">{n.body}</span>}
            <time class="block text-xs text-slate-500" dateTime={n.createdAt}>
              {timeAgo(n.createdAt)}
            </time>
          </span>
        </span>
      </Link>
    </li>
  );
}
