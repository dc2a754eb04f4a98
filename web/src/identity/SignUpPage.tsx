import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { AuthCard } from './AuthCard.tsx';
import { AuthForm } from './AuthForm.tsx';

export function SignUpPage() {
  return (
    <AuthCard title="Create your account">
      <AuthForm mode="signUp" />
      <p class="mt-4 text-sm text-slate-600">
        Already have an account?{' '}
        <Link href={paths.signIn} class="font-medium text-indigo-700 underline">
          Sign in
        </Link>
      </p>
    </AuthCard>
  );
}
