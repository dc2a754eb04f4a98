import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { Link } from '../lib/Link.tsx';
import { paths, queryParam } from '../lib/router.ts';
import { AuthCard } from './AuthCard.tsx';
import { VerifyEmailModel } from './recovery.model.ts';

/** The page a verification email links to (`/verify-email?token=…`): confirms the address at once. */
export function VerifyEmailPage() {
  const model = useModel(() => new VerifyEmailModel(queryParam('token') ?? ''));
  useEffect(() => {
    void model.verify();
  }, []);
  const state = model.state.value;
  return (
    <AuthCard title="Email verification">
      <p role="status" class="text-sm text-slate-700">
        {state === 'verifying'
          ? 'Checking your link…'
          : state === 'verified'
            ? 'Thank you: your email address is verified.'
            : model.error.value}
      </p>
      <p class="mt-4">
        <Link href={paths.myProfile} class="font-medium text-indigo-700 underline">
          Go to your profile
        </Link>
      </p>
    </AuthCard>
  );
}
