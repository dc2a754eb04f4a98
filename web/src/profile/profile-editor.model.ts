import { computed, createModel, signal } from '@preact/signals';
import type { Me } from '../identity/api.ts';
import { ProfileFormModel } from './profile.model.ts';
import { SkillsModel } from './skills.model.ts';

/** My profile as one form: about-you and skills, one Save, and whether anything is unsaved. */
export const ProfileEditorModel = createModel((me: Me) => {
  const about = new ProfileFormModel(me);
  const skills = new SkillsModel(me);
  const saving = signal(false);
  const outcome = signal<'saved' | 'failed' | null>(null);
  const dirty = computed(() => about.dirty.value || skills.dirty.value);
  /** One line for the save bar: what state the page is in. */
  const state = computed(() => {
    if (saving.value) return 'Saving…';
    if (dirty.value)
      return outcome.value === 'failed' ? 'Not saved: see the messages above.' : 'Unsaved changes';
    return outcome.value === 'saved' ? 'Profile saved.' : 'All changes saved';
  });

  return {
    about,
    skills,
    saving,
    dirty,
    state,
    async save() {
      if (saving.value) return;
      saving.value = true;
      outcome.value = null;
      try {
        // Both parts are sent (one after the other, so the last answer holds both), and the errors of
        // each show together.
        const aboutSaved = await about.save();
        const skillsSaved = await skills.save();
        outcome.value = aboutSaved && skillsSaved ? 'saved' : 'failed';
      } finally {
        saving.value = false;
      }
    },
  };
});
