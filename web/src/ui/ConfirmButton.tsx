import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { dangerButtonClass, secondaryButtonClass } from './styles.ts';

const smallLinkClass = 'rounded px-1 text-xs text-slate-600 underline hover:text-slate-900';
const smallDangerClass =
  'rounded bg-red-600 px-2 py-0.5 text-xs font-semibold text-white hover:bg-red-500 disabled:opacity-60';

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
  small = false,
  onConfirm,
}: {
  label: string;
  /** The first button's accessible name, when `label` alone is ambiguous ("Remove" in a list). */
  ariaLabel?: string;
  question: string;
  confirmLabel: string;
  busy?: boolean;
  /** A small text-style button, for actions inside a list item (a chat message). */
  small?: boolean;
  onConfirm: () => unknown;
}) {
  const asking = useSignal(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking.value) cancelRef.current?.focus();
  }, [asking.value]);

  const plain = small ? smallLinkClass : secondaryButtonClass;
  const danger = small ? smallDangerClass : dangerButtonClass;
  if (!asking.value) {
    return (
      <button
        type="button"
        class={plain}
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
      <span class={small ? 'text-xs text-slate-700' : 'text-sm text-slate-700'}>{question}</span>
      <button
        type="button"
        class={danger}
        disabled={busy}
        onClick={() => {
          asking.value = false;
          void onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button ref={cancelRef} type="button" class={plain} onClick={() => (asking.value = false)}>
        Cancel
      </button>
    </div>
  );
}
