import { useModel } from '@preact/signals';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { Alert } from '../ui/Alert.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextField } from '../ui/TextField.tsx';
import { AuthFormModel } from './auth-form.model.ts';
import { AuthCard } from './AuthCard.tsx';

export function SignInPage() {
  const form = useModel(AuthFormModel);
  const errors = form.submission.fieldErrors.value;

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    await form.signIn(); // on success the router leaves this page
  }

  return (
    <AuthCard title="Sign in to SkillSwap">
      <form noValidate onSubmit={onSubmit} class="space-y-4">
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
        <TextField
          id="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={form.password.value}
          onValue={(v) => (form.password.value = v)}
          error={errors.password}
        />
        <SubmitButton pending={form.submission.pending.value}>Sign in</SubmitButton>
      </form>
      <p class="mt-4 text-sm text-slate-600">
        New here?{' '}
        <Link href={paths.signUp} class="font-medium text-indigo-700 underline">
          Create an account
        </Link>
      </p>
    </AuthCard>
  );
}
