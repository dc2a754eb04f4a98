import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { dangerButtonClass, secondaryButtonClass } from './styles.ts';

/**
 * A button that asks before it acts: the first press shows the question with a confirming and a
 * cancelling button in its place, and moves focus to the cancel button (the safe choice).
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  busy = false,
  ariaLabel,
  onConfirm,
}: {
  label: string;
  /** The first button's accessible name, when `label` alone is ambiguous ("Remove" in a list). */
  ariaLabel?: string;
  question: string;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => unknown;
}) {
  const asking = useSignal(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking.value) cancelRef.current?.focus();
  }, [asking.value]);

  if (!asking.value) {
    return (
      <button
        type="button"
        class={secondaryButtonClass}
        disabled={busy}
        aria-busy={busy}
        aria-label={ariaLabel}
        onClick={() => (asking.value = true)}
      >
        {label}
      </button>
    );
  }
  return (
    <div role="group" aria-label={question} class="flex flex-wrap items-center gap-2">
      <span class="text-sm text-slate-700">{question}</span>
      <button
        type="button"
        class={dangerButtonClass}
        disabled={busy}
        onClick={() => {
          asking.value = false;
          void onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button
        ref={cancelRef}
        type="button"
        class={secondaryButtonClass}
        onClick={() => (asking.value = false)}
      >
        Cancel
      </button>
    </div>
  );
}
