import { reachable, unreachableText } from '../lib/reachability.ts';

/**
 * A live region for form-level errors. It is always in the DOM so screen readers announce
 * the message when it appears. "Could not reach SkillSwap" goes away by itself once SkillSwap answers.
 */
export function Alert({ message: given }: { message: string | null }) {
  const message = given === unreachableText && reachable.value ? null : given;
  return (
    <div
      role="alert"
      class={message ? 'rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800' : ''}
    >
      {message}
    </div>
  );
}
