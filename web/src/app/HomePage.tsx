import { session } from '../identity/session.model.ts';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { primaryButtonClass, secondaryButtonClass } from '../ui/styles.ts';

export function HomePage() {
  const me = session.user.value;
  return (
    <section class="mx-auto max-w-2xl space-y-4 py-6 text-center">
      <h1 class="text-3xl font-bold tracking-tight">Teach what you know. Learn what you don't.</h1>
      <p class="text-slate-600">
        SkillSwap pairs you with people who teach what you want to learn, and want to learn what you teach.
      </p>
      <div class="flex flex-wrap justify-center gap-3">
        {me ? (
          <Link href={paths.myProfile} class={primaryButtonClass}>
            Complete your profile
          </Link>
        ) : (
          <>
            <Link href={paths.signUp} class={primaryButtonClass}>
              Create an account
            </Link>
            <Link href={paths.signIn} class={secondaryButtonClass}>
              I already have one
            </Link>
          </>
        )}
      </div>
    </section>
  );
}
