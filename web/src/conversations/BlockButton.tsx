import { useSignal } from '@preact/signals';
import { errorText } from '../lib/error-text.ts';
import { navigate, paths } from '../lib/router.ts';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import { conversationsApi } from './api.ts';

/** Blocks the other person after an inline confirmation, then goes back to the conversations. */
export function BlockButton({ userId, name }: { userId: string; name: string }) {
  const pending = useSignal(false);
  const error = useSignal<string | null>(null);
  async function block() {
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
      <ConfirmButton
        label="Block"
        question={`Block ${name}? You can no longer message each other, and your connection ends.`}
        confirmLabel="Block"
        busy={pending.value}
        onConfirm={block}
      />
      {error.value && (
        <span role="alert" class="text-sm text-red-700">
          {error.value}
        </span>
      )}
    </span>
  );
}
