/** A count of unread messages; nothing when there are none. */
export function UnreadBadge({ count, label = 'unread' }: { count: number; label?: string }) {
  if (count <= 0) return null;
  return (
    <span class="inline-flex min-w-5 items-center justify-center rounded-full bg-indigo-600 px-1.5 text-xs font-semibold text-white">
      {count > 99 ? '99+' : count}
      <span class="sr-only"> {label}</span>
    </span>
  );
}
