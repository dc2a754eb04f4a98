import { useSignal } from '@preact/signals';
import { errorText } from '../lib/error-text.ts';
import { navigate, paths } from '../lib/router.ts';
import { secondaryButtonClass } from '../ui/styles.ts';
import { conversationsApi } from './api.ts';

/** Blocks the other person after a confirm, then goes back to the conversations. */
export function BlockButton({ userId, name }: { userId: string; name: string }) {
  const pending = useSignal(false);
  const error = useSignal<string | null>(null);
  async function block() {
    if (
      !window.confirm(
        `Block ${name}? You will no longer be able to message each other, and your connection ends.`,
      )
    )
      return;
    pending.value = true;
    error.value = null;
    try {
      await conversationsApi.block(userId);
      navigate(paths.conversations);
    } catch (err) {
      error.value = errorText(err, 'Could not block. Please try again.');
    } finally {
      pending.value = false;
    }
  }
  return (
    <span class="flex flex-col items-end">
      <button
        type="button"
        class={`${secondaryButtonClass} text-red-700`}
        disabled={pending.value}
        aria-busy={pending.value}
        onClick={() => void block()}
      >
        Block
      </button>
      {error.value && (
        <span role="alert" class="text-sm text-red-700">
          {error.value}
        </span>
      )}
    </span>
  );
}
