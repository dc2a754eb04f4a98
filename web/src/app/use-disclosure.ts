import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { route } from '../lib/router.ts';

/**
 * A button that shows and hides a panel (the WAI-ARIA disclosure pattern): `aria-expanded` on the
 * button, Escape and a press outside close the panel, Escape gives focus back to the button, and a new
 * page closes it.
 */
export function useDisclosure(panelId: string) {
  const open = useSignal(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement & HTMLElement>(null);
  const path = route.value;

  useEffect(() => {
    open.value = false;
  }, [path]);

  useEffect(() => {
    if (!open.value) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      open.value = false;
      buttonRef.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node | null;
      if (buttonRef.current?.contains(target) || panelRef.current?.contains(target)) return;
      open.value = false;
    };
    // Focus leaving both button and panel (Tab past the end) closes it too.
    const onFocus = (event: FocusEvent) => {
      const target = event.target as Node | null;
      if (buttonRef.current?.contains(target) || panelRef.current?.contains(target)) return;
      open.value = false;
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('focusin', onFocus);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('focusin', onFocus);
    };
  }, [open.value]);

  return {
    open,
    close() {
      open.value = false;
    },
    buttonProps: {
      ref: buttonRef,
      type: 'button' as const,
      'aria-expanded': open.value,
      'aria-controls': panelId,
      onClick: () => (open.value = !open.value),
    },
    panelRef,
  };
}
