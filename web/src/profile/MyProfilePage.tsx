import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Me } from '../identity/api.ts';
import { SignedIn } from '../identity/SignedIn.tsx';
import { Link } from '../lib/Link.tsx';
import { guardLeaving, paths } from '../lib/router.ts';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { AvatarField } from './AvatarField.tsx';
import { ProfileEditorModel } from './profile-editor.model.ts';
import { ProfileForm } from './ProfileForm.tsx';
import { SkillsForm } from './SkillsForm.tsx';

/** The signed-in user's own profile: photo, about, skills. Email, password and data are in Settings. */
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
              <Link href={paths.settings} class="text-sm font-medium text-indigo-700 underline">
                Settings
              </Link>
            </div>
          </div>
          <p class="text-sm text-slate-600">
            Signed in as <span class="break-all font-medium">{me.email}</span>. Only you can see your email.
          </p>
          <AvatarField displayName={me.displayName} />
          <ProfileEditor key={me.id} me={me} />
          <p class="text-sm text-slate-600">
            To download your data or delete your account, go to{' '}
            <Link href={paths.settings} class="font-medium text-indigo-700 underline">
              Settings
            </Link>
            .
          </p>
        </div>
      )}
    </SignedIn>
  );
}

function ProfileEditor({ me }: { me: Me }) {
  const editor = useModel(() => new ProfileEditorModel(me));
  useEffect(() => guardLeaving(() => editor.dirty.peek()), [editor]);

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    await editor.save();
  }

  return (
    <form noValidate onSubmit={onSubmit} class="space-y-6" aria-label="Profile">
      <ProfileForm form={editor.about} />
      <SkillsForm skills={editor.skills} />
      {/* Stays in view while scrolling, so the one Save is always at hand. */}
      <div class="sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-lg sm:border">
        <SubmitButton pending={editor.saving.value}>Save profile</SubmitButton>
        <p role="status" class={`text-sm ${editor.dirty.value ? 'text-amber-800' : 'text-emerald-700'}`}>
          {editor.state.value}
        </p>
      </div>
    </form>
  );
}
