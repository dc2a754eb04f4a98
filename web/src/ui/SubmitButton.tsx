import type { ComponentChildren } from 'preact';
import { primaryButtonClass } from './styles.ts';

/** Keeps its accessible name while busy; shows a spinner and refuses double submits. */
export function SubmitButton({ pending, children }: { pending: boolean; children: ComponentChildren }) {
  return (
    <button type="submit" class={primaryButtonClass} disabled={pending} aria-busy={pending}>
      {pending && (
        <span
          aria-hidden="true"
          class="size-4 animate-spin rounded-full border-2 border-white/40 border-t-white"
        />
      )}
      {children}
    </button>
  );
}
