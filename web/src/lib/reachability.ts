import { signal } from '@preact/signals';

/** The text of a failed network call; views that show it hide it again once SkillSwap answers. */
export const unreachableText = 'Could not reach SkillSwap. Check your connection and try again.';

const PROBE_EVERY_MS = 3_000;

/**
 * Whether the last call reached the server. Turns false on a network failure and true again on the
 * next answer, from any call or from a probe of `/healthz` every few seconds (and at once when the
 * browser says it is back online).
 */
export const reachable = signal(true);

let probe: ReturnType<typeof setTimeout> | undefined;

async function check() {
  probe = undefined;
  try {
    const res = await fetch('/healthz', { cache: 'no-store' });
    if (res.ok) {
      markReachable();
      return;
    }
  } catch {
    // still away
  }
  if (!reachable.value) probe = setTimeout(() => void check(), PROBE_EVERY_MS);
}

export function markReachable() {
  clearTimeout(probe);
  probe = undefined;
  reachable.value = true;
}

export function markUnreachable() {
  reachable.value = false;
  probe ??= setTimeout(() => void check(), PROBE_EVERY_MS);
}

// Not in unit tests under Node, which import the HTTP client without a window.
if (typeof window !== 'undefined') {
  window.addEventListener('online', () => {
    if (!reachable.value) void check();
  });
}
