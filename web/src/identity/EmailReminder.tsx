import { useModel } from '@preact/signals';
import { EmailModel } from './recovery.model.ts';
import { session } from './session.model.ts';

/** Reminds a signed-in person whose address is not verified yet, with a button to mail the link again. */
export function EmailReminder() {
  const me = session.user.value;
  const model = useModel(EmailModel);
  if (!me || me.emailVerified) return null;
  return (
    <div
      role="region"
      aria-label="Email verification"
      class="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900"
    >
      <div class="mx-auto flex max-w-4xl flex-wrap items-center gap-x-3 gap-y-1">
        {/* The address itself only on the profile page: this banner shows on every page (and screen shares). */}
        <span>Please verify your email address: open the link we mailed you.</span>
        {model.sentTo.value ? (
          <span role="status">A new link is on its way.</span>
        ) : (
          <button
            type="button"
            class="font-medium underline disabled:opacity-60"
            disabled={model.submission.pending.value}
            onClick={() => void model.resend()}
          >
            Send the link again
          </button>
        )}
        {model.submission.formError.value && <span role="alert">{model.submission.formError.value}</span>}
      </div>
    </div>
  );
}
