import { useModel } from '@preact/signals';
import { Alert } from '../ui/Alert.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextField } from '../ui/TextField.tsx';
import { AuthFormModel } from './auth-form.model.ts';

/**
 * The sign-in and sign-up form: sign-up adds the display name and asks for a new password. On success the
 * session changes and SignedOutOnly leaves the page.
 */
export function AuthForm({ mode }: { mode: 'signIn' | 'signUp' }) {
  const form = useModel(AuthFormModel);
  const errors = form.submission.fieldErrors.value;
  const signUp = mode === 'signUp';

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    await (signUp ? form.signUp() : form.signIn());
  }

  return (
    <form noValidate onSubmit={onSubmit} class="space-y-4">
      <Alert message={form.submission.formError.value} />
      {signUp && (
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
      )}
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
        autoComplete={signUp ? 'new-password' : 'current-password'}
        required
        hint={signUp ? 'At least 10 characters.' : undefined}
        value={form.password.value}
        onValue={(v) => (form.password.value = v)}
        error={errors.password}
      />
      <SubmitButton pending={form.submission.pending.value}>{signUp ? 'Sign up' : 'Sign in'}</SubmitButton>
    </form>
  );
}
