import { useModel } from '@preact/signals';
import type { Me } from '../identity/api.ts';
import { Alert } from '../ui/Alert.tsx';
import { Status } from '../ui/Status.tsx';
import { FieldError, errorProps } from '../ui/FieldError.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextField } from '../ui/TextField.tsx';
import { cardClass, inputClass, labelClass } from '../ui/styles.ts';
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
      <div>
        <label for="bio" class={labelClass}>
          Bio
        </label>
        <textarea
          id="bio"
          rows={5}
          class={inputClass}
          maxLength={maxBioLength}
          value={form.bio.value}
          onInput={(e) => (form.bio.value = e.currentTarget.value)}
          {...errorProps('bio', errors.bio)}
          aria-describedby={errors.bio ? 'bio-count bio-error' : 'bio-count'}
        />
        <p id="bio-count" class="mt-1 text-right text-xs text-slate-500">
          {form.bioRemaining.value} characters left
        </p>
        <FieldError fieldId="bio" message={errors.bio} />
      </div>
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
