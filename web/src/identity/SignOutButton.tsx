import { useSignal } from '@preact/signals';
import { navigate, paths } from '../lib/router.ts';
import { secondaryButtonClass } from '../ui/styles.ts';
import { session } from './session.model.ts';

/** Signs out and goes to the sign-in page. */
export function SignOutButton() {
  const pending = useSignal(false);
  async function signOut() {
    pending.value = true;
    try {
      await session.signOut();
      navigate(paths.signIn, { force: true });
    } catch (err) {
      console.error('Sign out failed', err);
      window.alert('Could not sign out. Please try again.');
    } finally {
      pending.value = false;
    }
  }
  return (
    <button
      type="button"
      class={secondaryButtonClass}
      disabled={pending.value}
      aria-busy={pending.value}
      onClick={signOut}
    >
      Sign out
    </button>
  );
}
