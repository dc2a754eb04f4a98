import { ChangeEmailForm } from '../identity/ChangeEmailForm.tsx';
import { SignedIn } from '../identity/SignedIn.tsx';
import { DeleteAccount } from '../privacy/DeleteAccount.tsx';
import { DownloadMyData } from './DownloadMyData.tsx';
import { EmailPreferences } from './EmailPreferences.tsx';
import { PasswordForm } from './PasswordForm.tsx';
import { SignInsList } from './SignInsList.tsx';

/** The account's settings: sign-in details, email preferences, and what happens to one's data. */
export function SettingsPage() {
  return (
    <SignedIn>
      {(me) => (
        <div class="mx-auto w-full max-w-2xl space-y-6">
          <h1 class="text-2xl font-semibold">Settings</h1>
          <PasswordForm />
          <SignInsList />
          <ChangeEmailForm key={me.id} />
          <EmailPreferences />
          <DownloadMyData />
          <DeleteAccount key={me.id} />
        </div>
      )}
    </SignedIn>
  );
}
