import type { TextCheck } from './chat-text.ts';

/** The counter under a chat field: hidden far from the limit, a refusal written for people above it. */
export function LimitNote({ id, check }: { id: string; check: TextCheck }) {
  if (!check.counter) return <span id={id} class="sr-only" />;
  return (
    <span
      id={id}
      role={check.tooLong ? 'alert' : undefined}
      class={`text-xs ${check.tooLong ? 'font-medium text-red-700' : 'text-slate-500'}`}
    >
      {check.counter}
    </span>
  );
}
