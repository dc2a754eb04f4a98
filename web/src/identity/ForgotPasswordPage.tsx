import { useModel } from '@preact/signals';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { Alert } from '../ui/Alert.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextField } from '../ui/TextField.tsx';
import { AuthCard } from './AuthCard.tsx';
import { ForgotPasswordModel } from './recovery.model.ts';

/** Asks for a reset link. The answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const form = useModel(ForgotPasswordModel);
  const errors = form.submission.fieldErrors.value;
  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    await form.submit();
  }
  return (
    <AuthCard title="Forgot your password?">
      {form.sentTo.value ? (
        <p role="status" class="text-sm text-slate-700">
          If an account uses <strong>{form.sentTo.value}</strong>, we sent it a link to choose a new password.
          The link works once, for one hour. Check your spam folder if it does not arrive.
        </p>
      ) : (
        <form noValidate onSubmit={onSubmit} class="space-y-4">
          <p class="text-sm text-slate-600">Enter your account’s email and we will send you a link.</p>
          <Alert message={form.submission.formError.value} />
          <TextField
            id="email"
            label="Email"
            type="email"
            autoComplete="email"
            required
            value={form.email.value}
            onValue={(v) => (form.email.value = v)}
            error={errors.email}
          />
          <SubmitButton pending={form.submission.pending.value}>Send reset link</SubmitButton>
        </form>
      )}
      <p class="mt-4 text-sm text-slate-600">
        <Link href={paths.signIn} class="font-medium text-indigo-700 underline">
          Back to sign in
        </Link>
      </p>
    </AuthCard>
  );
}
