import { primaryButtonClass } from '../ui/styles.ts';
import type { CallTarget } from './api.ts';
import { calls } from './call.model.ts';

/** "Video call": a connection (1:1), or a session's or group's room; `title` names it in the call view. */
export function CallButton({
  target,
  title,
  label = 'Video call',
}: {
  target: CallTarget;
  title: string;
  label?: string;
}) {
  const busy = calls.phase.value.name !== 'idle' && calls.phase.value.name !== 'ended';
  return (
    <button
      type="button"
      class={primaryButtonClass}
      disabled={busy}
      onClick={() => void calls.call(target, title)}
    >
      {label}
    </button>
  );
}
