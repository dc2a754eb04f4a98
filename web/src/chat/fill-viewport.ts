import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';

/** Below this the chat keeps its height and the page scrolls instead (a phone held sideways). */
const MIN_HEIGHT = 320;

/** Space the layout keeps under `el`: its ancestors' bottom padding and borders, and what follows them. */
function spaceBelow(el: HTMLElement): number {
  let below = parseFloat(getComputedStyle(el).marginBottom) || 0;
  for (let node: HTMLElement | null = el; node && node !== document.body; node = node.parentElement) {
    for (let next = node.nextElementSibling; next; next = next.nextElementSibling) {
      const style = getComputedStyle(next);
      if (style.position === 'fixed' || style.position === 'absolute' || style.display === 'none') continue;
      below += (next as HTMLElement).offsetHeight + (parseFloat(style.marginTop) || 0);
      below += parseFloat(style.marginBottom) || 0;
    }
    const parent = node.parentElement;
    if (parent && parent !== document.body) {
      const style = getComputedStyle(parent);
      below += (parseFloat(style.paddingBottom) || 0) + (parseFloat(style.borderBottomWidth) || 0);
    }
  }
  return below;
}

/**
 * Sizes `el` to the rest of the viewport below whatever the app shell puts above it (header, banners),
 * so a chat's message list scrolls inside it and its composer stays at the bottom of the screen. It
 * measures rather than assumes the shell's heights, and follows them when they change (a banner appears,
 * the window turns).
 */
export function useFillViewport(ref: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    let frame = 0;
    const fit = () => {
      const top = el.getBoundingClientRect().top + window.scrollY;
      const height = Math.max(MIN_HEIGHT, Math.floor(window.innerHeight - top - spaceBelow(el)));
      const next = `${height}px`;
      if (el.style.height !== next) el.style.height = next;
    };
    const fitSoon = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(fit);
    };
    fit();
    // The chat's own height changes the body's too; `fit` then sets the same value and the loop ends.
    const observer = new ResizeObserver(fitSoon);
    observer.observe(document.body);
    window.addEventListener('resize', fitSoon);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      window.removeEventListener('resize', fitSoon);
    };
  }, [ref]);
}
