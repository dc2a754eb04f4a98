import { Alert } from '../ui/Alert.tsx';
import { TextAreaField } from '../ui/TextAreaField.tsx';
import { TextField } from '../ui/TextField.tsx';
import { cardClass } from '../ui/styles.ts';
import { LanguagesInput } from './LanguagesInput.tsx';
import { maxBioLength, type ProfileFormModel } from './profile.model.ts';
import { TimeZoneSelect } from './TimeZoneSelect.tsx';

/** The "About you" part of My profile; saved with the rest of the page. */
export function ProfileForm({ form }: { form: ProfileFormModel }) {
  const errors = form.submission.fieldErrors.value;
  return (
    <section class={`space-y-4 ${cardClass}`} aria-labelledby="profile-heading">
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
    </section>
  );
}
