import { useModel } from '@preact/signals';
import { Alert } from '../ui/Alert.tsx';
import { cardClass } from '../ui/styles.ts';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextField } from '../ui/TextField.tsx';
import { EmailModel } from './recovery.model.ts';
import { session } from './session.model.ts';

/** Changes the account's email: the new address gets a link, and the change takes effect when it is opened. */
export function ChangeEmailForm() {
  const form = useModel(EmailModel);
  const errors = form.submission.fieldErrors.value;
  const me = session.user.value;
  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    await form.change();
  }
  return (
    <section class={cardClass} aria-labelledby="email-heading">
      <h2 id="email-heading" class="mb-2 text-lg font-semibold">
        Email address
      </h2>
      <p class="mb-4 text-sm text-slate-600">
        Your address is <strong>{me?.email}</strong>
        {me?.emailVerified ? ' (verified).' : ' (not verified yet).'}
        {me?.pendingEmail && (
          <>
            {' '}
            Waiting for you to open the link sent to <strong>{me.pendingEmail}</strong>.
          </>
        )}
      </p>
      <form noValidate onSubmit={onSubmit} class="space-y-4">
        <Alert message={form.submission.formError.value} />
        {form.sentTo.value && (
          <p role="status" class="text-sm text-slate-700">
            We sent a link to {form.sentTo.value}. Your address changes when you open it.
          </p>
        )}
        <TextField
          id="newEmail"
          label="New email"
          type="email"
          autoComplete="email"
          value={form.newEmail.value}
          onValue={(v) => (form.newEmail.value = v)}
          error={errors.email}
        />
        <TextField
          id="emailPassword"
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={form.password.value}
          onValue={(v) => (form.password.value = v)}
          error={errors.password}
        />
        <SubmitButton pending={form.submission.pending.value}>Change email</SubmitButton>
      </form>
    </section>
  );
}
