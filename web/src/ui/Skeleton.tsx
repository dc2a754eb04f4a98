/** Grey bars where content is about to appear; announced once as "Loading". */
export function Skeleton({ lines = 3, label = 'Loading' }: { lines?: number; label?: string }) {
  return (
    <div role="status" aria-live="polite" class="animate-pulse space-y-3" data-skeleton>
      <span class="sr-only">{label}…</span>
      {Array.from({ length: lines }, (_, i) => (
        <div
          key={i}
          aria-hidden="true"
          class={`h-4 rounded bg-slate-200 ${i === 0 ? 'w-2/3' : i % 2 ? 'w-full' : 'w-5/6'}`}
        />
      ))}
    </div>
  );
}

/** What a page looks like while its data loads: a heading bar and two cards of lines. */
export function PageSkeleton({ label = 'Loading' }: { label?: string }) {
  return (
    <div role="status" aria-live="polite" class="animate-pulse space-y-6" data-skeleton>
      <span class="sr-only">{label}…</span>
      <div aria-hidden="true" class="h-7 w-48 rounded bg-slate-200" />
      {[0, 1].map((card) => (
        <div key={card} aria-hidden="true" class="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <div class="h-4 w-1/3 rounded bg-slate-200" />
          <div class="h-4 w-full rounded bg-slate-100" />
          <div class="h-4 w-5/6 rounded bg-slate-100" />
        </div>
      ))}
    </div>
  );
}
