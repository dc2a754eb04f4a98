import { useModel } from '@preact/signals';
import type { Me } from '../identity/api.ts';
import { Alert } from '../ui/Alert.tsx';
import { Status } from '../ui/Status.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextAreaField } from '../ui/TextAreaField.tsx';
import { TextField } from '../ui/TextField.tsx';
import { cardClass } from '../ui/styles.ts';
import { LanguagesInput } from './LanguagesInput.tsx';
import { ProfileFormModel, maxBioLength } from './profile.model.ts';
import { TimeZoneSelect } from './TimeZoneSelect.tsx';

export function ProfileForm({ me }: { me: Me }) {
  const form = useModel(() => new ProfileFormModel(me));
  const errors = form.submission.fieldErrors.value;

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    await form.save();
  }

  return (
    <form
      noValidate
      onSubmit={onSubmit}
      onInput={form.edited}
      class={`space-y-4 ${cardClass}`}
      aria-labelledby="profile-heading"
    >
      <h2 id="profile-heading" class="text-lg font-semibold">
        About you
      </h2>
      <Alert message={form.submission.formError.value} />
      <TextField
        id="displayName"
        label="Display name"
        autoComplete="name"
        required
        maxLength={80}
        value={form.displayName.value}
        onValue={(v) => (form.displayName.value = v)}
        error={errors.displayName}
      />
      <TextAreaField
        id="bio"
        label="Bio"
        rows={5}
        maxLength={maxBioLength}
        value={form.bio.value}
        onValue={(v) => (form.bio.value = v)}
        error={errors.bio}
        count={`${form.bioRemaining.value} characters left`}
      />
      <LanguagesInput
        languages={form.languages}
        draft={form.languageDraft}
        onAdd={form.addLanguage}
        onRemove={form.removeLanguage}
        error={errors.languages}
      />
      <TimeZoneSelect
        value={form.timezone.value}
        onValue={(v) => (form.timezone.value = v)}
        error={errors.timezone}
      />
      <div class="flex flex-wrap items-center gap-3">
        <SubmitButton pending={form.submission.pending.value}>Save profile</SubmitButton>
        <Status message={form.saved.value} />
      </div>
    </form>
  );
}
