import { Link } from '../lib/Link.tsx';
import { reachable } from '../lib/reachability.ts';
import { notices } from './notices.model.ts';

/**
 * Notices in a corner, announced politely; each can be dismissed and fades on its own. While SkillSwap
 * cannot be reached, one line says so, and it goes away by itself when the connection is back.
 */
export function Notices() {
  const list = notices.list.value;
  return (
    <div
      role="status"
      aria-live="polite"
      class="pointer-events-none fixed inset-x-0 bottom-0 z-20 flex flex-col items-center gap-2 p-3 sm:items-end"
    >
      {!reachable.value && (
        <p class="pointer-events-auto w-full max-w-sm rounded-lg bg-amber-100 px-4 py-2 text-sm text-amber-900 shadow-lg">
          Could not reach SkillSwap. Trying again…
        </p>
      )}
      {list.map((notice) => (
        <p
          key={notice.id}
          class="pointer-events-auto flex w-full max-w-sm items-center gap-3 rounded-lg bg-slate-900 px-4 py-2 text-sm text-white shadow-lg"
        >
          <span class="min-w-0 flex-1 break-words">{notice.text}</span>
          {notice.link && (
            <Link
              href={notice.link.href}
              class="shrink-0 font-semibold text-indigo-200 underline hover:text-white"
            >
              {notice.link.label}
            </Link>
          )}
          <button
            type="button"
            class="shrink-0 rounded px-1 text-slate-300 hover:text-white"
            aria-label="Dismiss"
            onClick={() => notices.dismiss(notice.id)}
          >
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
