import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { Me } from '../identity/api.ts';
import { session } from '../identity/session.model.ts';
import { navigate, paths } from '../lib/router.ts';
import { PageSkeleton } from '../ui/Skeleton.tsx';

/** Renders its children with the signed-in user, or sends visitors to sign in. */
export function SignedIn({ children }: { children: (me: Me) => ComponentChildren }) {
  const me = session.user.value;
  const ready = session.status.value === 'ready';
  useEffect(() => {
    if (ready && !me) navigate(paths.signIn, { replace: true, force: true });
  }, [ready, me]);
  if (!me) return ready ? <p class="text-slate-600">Redirecting to sign in…</p> : <PageSkeleton />;
  return <>{children(me)}</>;
}
