import { useModel } from '@preact/signals';
import { Alert } from '../ui/Alert.tsx';
import { cardClass } from '../ui/styles.ts';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextField } from '../ui/TextField.tsx';
import { DeleteAccountModel } from './delete-account.model.ts';

/** "Delete my account" on My profile: a clear warning, then the password to confirm, inline. */
export function DeleteAccount() {
  const model = useModel(DeleteAccountModel);
  const errors = model.submission.fieldErrors.value;
  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    await model.erase();
  }
  return (
    <section class={cardClass} aria-labelledby="delete-account-heading">
      <h2 id="delete-account-heading" class="mb-2 text-lg font-semibold text-red-800">
        Delete my account
      </h2>
      <p class="mb-4 text-sm text-slate-600">
        This cannot be undone. Your email, name, bio, photo, languages and skills are erased for good, and you
        are signed out everywhere. Messages you sent stay with the people you wrote to, shown as from “Deleted
        user”. Sessions you host that have not started are cancelled and their attendees told. Download your
        data first if you want to keep a copy.
      </p>
      {!model.confirming.value ? (
        <button
          type="button"
          class="rounded-md border border-red-300 px-3 py-2 text-sm font-medium text-red-800 hover:bg-red-50"
          onClick={() => model.ask()}
        >
          Delete my account…
        </button>
      ) : (
        <form noValidate onSubmit={onSubmit} class="space-y-4">
          <Alert message={model.submission.formError.value} />
          <TextField
            id="deleteAccountPassword"
            label="Current password"
            type="password"
            autoComplete="current-password"
            value={model.password.value}
            onValue={(v) => (model.password.value = v)}
            error={errors.password}
          />
          <div class="flex flex-wrap items-center gap-3">
            <SubmitButton pending={model.submission.pending.value}>Delete my account for good</SubmitButton>
            <button
              type="button"
              class="text-sm font-medium text-slate-700 underline"
              onClick={() => model.cancel()}
            >
              Keep my account
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
