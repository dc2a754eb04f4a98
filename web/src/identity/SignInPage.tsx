import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { AuthCard } from './AuthCard.tsx';
import { AuthForm } from './AuthForm.tsx';

export function SignInPage() {
  return (
    <AuthCard title="Sign in to SkillSwap">
      <AuthForm mode="signIn" />
      <p class="mt-4 text-sm">
        <Link href={paths.forgotPassword} class="font-medium text-indigo-700 underline">
          Forgot password?
        </Link>
      </p>
      <p class="mt-4 text-sm text-slate-600">
        New here?{' '}
        <Link href={paths.signUp} class="font-medium text-indigo-700 underline">
          Create an account
        </Link>
      </p>
    </AuthCard>
  );
}
