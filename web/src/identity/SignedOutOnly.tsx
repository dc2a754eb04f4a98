import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { navigate, paths } from '../lib/router.ts';
import { session } from './session.model.ts';

/**
 * Signed-in users have no business on the sign-in and sign-up forms; send them to their profile.
 * This is also how a successful sign-in or sign-up moves on.
 */
export function SignedOutOnly({ children }: { children: ComponentChildren }) {
  const signedIn = session.signedIn.value;
  useEffect(() => {
    if (signedIn) navigate(paths.myProfile, { replace: true });
  }, [signedIn]);
  return signedIn ? null : <>{children}</>;
}
