import { useEffect, useRef } from 'preact/hooks';
import { heldNavigation } from '../lib/router.ts';
import { dangerButtonClass, secondaryButtonClass } from '../ui/styles.ts';

/**
 * Asks whether to leave a page with unsaved changes. A modal `<dialog>`: the browser keeps focus inside
 * and Escape means "stay"; focus starts on "Stay" (the safe choice).
 */
export function LeaveDialog() {
  const held = heldNavigation.value;
  const ref = useRef<HTMLDialogElement>(null);
  const stayRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (held && !dialog.open) {
      dialog.showModal();
      stayRef.current?.focus();
    } else if (!held && dialog.open) dialog.close();
  }, [held]);

  return (
    <dialog
      ref={ref}
      aria-labelledby="leave-title"
      aria-describedby="leave-text"
      class="m-auto w-[min(24rem,calc(100vw-2rem))] rounded-lg p-5 shadow-xl backdrop:bg-slate-900/40"
      onCancel={(event) => {
        event.preventDefault();
        held?.stay();
      }}
    >
      <h2 id="leave-title" class="text-lg font-semibold">
        Leave without saving?
      </h2>
      <p id="leave-text" class="mt-2 text-sm text-slate-600">
        You have changes on this page that are not saved yet. If you leave now, they are lost.
      </p>
      <div class="mt-4 flex flex-wrap justify-end gap-2">
        <button ref={stayRef} type="button" class={secondaryButtonClass} onClick={() => held?.stay()}>
          Stay on this page
        </button>
        <button type="button" class={dangerButtonClass} onClick={() => held?.go()}>
          Leave and discard
        </button>
      </div>
    </dialog>
  );
}
