import { ChangeEmailForm } from '../identity/ChangeEmailForm.tsx';
import { SignedIn } from '../identity/SignedIn.tsx';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { DeleteAccount } from '../privacy/DeleteAccount.tsx';
import { AvatarField } from './AvatarField.tsx';
import { ProfileForm } from './ProfileForm.tsx';
import { SkillsForm } from './SkillsForm.tsx';

/** The signed-in user's own profile: photo, about, skills, email address. */
export function MyProfilePage() {
  return (
    <SignedIn>
      {(me) => (
        <div class="mx-auto w-full max-w-2xl space-y-6">
          <div class="flex flex-wrap items-baseline justify-between gap-2">
            <h1 class="text-2xl font-semibold">My profile</h1>
            <div class="flex flex-wrap gap-x-4 gap-y-1">
              <Link href={paths.user(me.id)} class="text-sm font-medium text-indigo-700 underline">
                View public profile
              </Link>
              <Link href={paths.mySessions} class="text-sm font-medium text-indigo-700 underline">
                My sessions
              </Link>
              <Link href={paths.progress} class="text-sm font-medium text-indigo-700 underline">
                My progress
              </Link>
            </div>
          </div>
          <p class="text-sm text-slate-600">
            Signed in as <span class="break-all font-medium">{me.email}</span>. Only you can see your email.
          </p>
          <AvatarField displayName={me.displayName} />
          <ProfileForm key={me.id} me={me} />
          <SkillsForm key={me.id} me={me} />
          <ChangeEmailForm key={me.id} />
          <section
            aria-labelledby="your-data"
            class="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
          >
            <h2 id="your-data" class="text-lg font-semibold">
              Your data
            </h2>
            <p class="text-sm text-slate-600">
              One file with everything SkillSwap holds about you: profile, skills, connections, messages,
              sessions, reviews, support requests and the history of your account.
            </p>
            {/* A plain link: the browser saves the answer under the name the server gives it. */}
            <a
              href="/api/me/export"
              download
              class="inline-block text-sm font-medium text-indigo-700 underline"
            >
              Download my data (JSON)
            </a>
          </section>
          <DeleteAccount key={me.id} />
        </div>
      )}
    </SignedIn>
  );
}
