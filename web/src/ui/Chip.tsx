import type { ComponentChildren } from 'preact';

export function Chip({
  children,
  onRemove,
  removeLabel,
}: {
  children: ComponentChildren;
  onRemove?: () => void;
  removeLabel?: string;
}) {
  return (
    <span class="inline-flex max-w-full items-center gap-1 rounded-full bg-indigo-50 px-3 py-1 text-sm text-indigo-900 ring-1 ring-indigo-200">
      <span class="truncate">{children}</span>
      {onRemove && (
        <button
          type="button"
          onClick={onRemove}
          aria-label={removeLabel}
          class="-mr-1 inline-flex size-5 items-center justify-center rounded-full text-indigo-700 hover:bg-indigo-100"
        >
          <span aria-hidden="true">×</span>
        </button>
      )}
    </span>
  );
}
