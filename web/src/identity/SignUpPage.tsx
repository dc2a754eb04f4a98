import { useModel } from '@preact/signals';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { Alert } from '../ui/Alert.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextField } from '../ui/TextField.tsx';
import { AuthFormModel } from './auth-form.model.ts';
import { AuthCard } from './AuthCard.tsx';

export function SignUpPage() {
  const form = useModel(AuthFormModel);
  const errors = form.submission.fieldErrors.value;

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    await form.signUp(); // on success the router leaves this page
  }

  return (
    <AuthCard title="Create your account">
      <form noValidate onSubmit={onSubmit} class="space-y-4">
        <Alert message={form.submission.formError.value} />
        <TextField
          id="displayName"
          label="Display name"
          autoComplete="name"
          required
          maxLength={80}
          value={form.displayName.value}
          onValue={(v) => (form.displayName.value = v)}
          error={errors.displayName}
        />
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
        <TextField
          id="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 10 characters."
          value={form.password.value}
          onValue={(v) => (form.password.value = v)}
          error={errors.password}
        />
        <SubmitButton pending={form.submission.pending.value}>Sign up</SubmitButton>
      </form>
      <p class="mt-4 text-sm text-slate-600">
        Already have an account?{' '}
        <Link href={paths.signIn} class="font-medium text-indigo-700 underline">
          Sign in
        </Link>
      </p>
    </AuthCard>
  );
}
