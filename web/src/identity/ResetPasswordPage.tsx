import { useModel } from '@preact/signals';
import { Link } from '../lib/Link.tsx';
import { paths, queryParam } from '../lib/router.ts';
import { Alert } from '../ui/Alert.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextField } from '../ui/TextField.tsx';
import { AuthCard } from './AuthCard.tsx';
import { ResetPasswordModel } from './recovery.model.ts';

/** The page a reset email links to (`/reset-password?token=…`): choose a new password. */
export function ResetPasswordPage() {
  const form = useModel(() => new ResetPasswordModel(queryParam('token') ?? ''));
  const errors = form.submission.fieldErrors.value;
  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    await form.submit();
  }
  if (form.done.value) {
    return (
      <AuthCard title="Password changed">
        <p role="status" class="text-sm text-slate-700">
          Your new password is set, and every browser that was signed in to your account was signed out.
        </p>
        <p class="mt-4">
          <Link href={paths.signIn} class="font-medium text-indigo-700 underline">
            Sign in with your new password
          </Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password">
      <form noValidate onSubmit={onSubmit} class="space-y-4">
        <Alert message={form.submission.formError.value} />
        <TextField
          id="newPassword"
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 10 characters."
          value={form.password.value}
          onValue={(v) => (form.password.value = v)}
          error={errors.newPassword}
        />
        <SubmitButton pending={form.submission.pending.value}>Set new password</SubmitButton>
      </form>
      <p class="mt-4 text-sm text-slate-600">
        Link expired?{' '}
        <Link href={paths.forgotPassword} class="font-medium text-indigo-700 underline">
          Ask for a new one
        </Link>
      </p>
    </AuthCard>
  );
}
