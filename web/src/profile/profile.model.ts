import { computed, createModel, signal } from '@preact/signals';
import type { Me } from '../identity/api.ts';
import { session } from '../identity/session.model.ts';
import { SubmissionModel } from '../lib/submission.model.ts';
import { profileApi } from './api.ts';
import { browserTimeZone } from './time-zones.ts';

export const maxBioLength = 2000;
const profileFields = new Set(['displayName', 'bio', 'languages', 'timezone']);

/** "languages.2" → "languages": list errors show under the list. */
function profileField(path: string): string | null {
  const head = path.split('.')[0] ?? '';
  return profileFields.has(head) ? head : null;
}

/** Editable copy of the signed-in user's profile (display name, bio, languages, time zone). */
export const ProfileFormModel = createModel((me: Me) => {
  const displayName = signal(me.displayName);
  const bio = signal(me.bio ?? '');
  const languages = signal<readonly string[]>(me.languages);
  const languageDraft = signal('');
  // A new account has no time zone yet; suggest the browser's.
  const timezone = signal(me.timezone || browserTimeZone());
  const submission = new SubmissionModel(profileField);
  const bioRemaining = computed(() => maxBioLength - bio.value.length);
  const snapshot = () =>
    JSON.stringify([displayName.value.trim(), bio.value, languages.value, timezone.value]);
  // What the server holds. The suggested time zone of a new account is not a change of the person's own:
  // leaving without saving it need not be asked about (Save still sends it).
  const baseline = signal(snapshot());
  const dirty = computed(() => snapshot() !== baseline.value || languageDraft.value.trim() !== '');

  /** Adds the draft (comma-separated allowed) as chips, skipping case-insensitive duplicates. */
  function addLanguage() {
    const known = new Set(languages.value.map((l) => l.toLowerCase()));
    const added: string[] = [];
    for (const raw of languageDraft.value.split(',')) {
      const language = raw.trim();
      if (!language || known.has(language.toLowerCase())) continue;
      known.add(language.toLowerCase());
      added.push(language);
    }
    if (added.length > 0) languages.value = [...languages.value, ...added];
    languageDraft.value = '';
  }

  return {
    displayName,
    bio,
    bioRemaining,
    languages,
    languageDraft,
    timezone,
    submission,
    dirty,
    addLanguage,
    removeLanguage(language: string) {
      languages.value = languages.value.filter((l) => l !== language);
    },
    /** Resolves to whether it saved (errors are on `submission` otherwise). */
    async save(): Promise<boolean> {
      addLanguage(); // a language typed but not yet added still counts
      const updated = await submission.run(() =>
        profileApi.update({
          displayName: displayName.value.trim(),
          bio: bio.value,
          languages: [...languages.value],
          timezone: timezone.value,
        }),
      );
      if (!updated) return false;
      session.update(updated);
      languages.value = updated.languages;
      baseline.value = snapshot();
      return true;
    },
  };
});

export type ProfileFormModel = InstanceType<typeof ProfileFormModel>;
