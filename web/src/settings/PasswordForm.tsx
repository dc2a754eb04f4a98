import { useModel } from '@preact/signals';
import { Alert } from '../ui/Alert.tsx';
import { Status } from '../ui/Status.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextField } from '../ui/TextField.tsx';
import { cardClass } from '../ui/styles.ts';
import { PasswordModel } from './settings.model.ts';

export function PasswordForm() {
  const form = useModel(PasswordModel);
  const errors = form.submission.fieldErrors.value;
  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    await form.change();
  }
  return (
    <section class={cardClass} aria-labelledby="password-heading">
      <h2 id="password-heading" class="mb-4 text-lg font-semibold">
        Password
      </h2>
      <form noValidate onSubmit={onSubmit} class="space-y-4">
        <Alert message={form.submission.formError.value} />
        <TextField
          id="currentPassword"
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={form.current.value}
          onValue={(v) => (form.current.value = v)}
          error={errors.currentPassword}
        />
        <TextField
          id="newPassword"
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters. Your other browsers are signed out when it changes."
          value={form.next.value}
          onValue={(v) => (form.next.value = v)}
          error={errors.newPassword}
        />
        <div class="flex flex-wrap items-center gap-3">
          <SubmitButton pending={form.submission.pending.value}>Change password</SubmitButton>
          <Status message={form.saved.value} />
        </div>
      </form>
    </section>
  );
}
