import { createModel, signal } from '@preact/signals';
import { errorText } from '../lib/error-text.ts';
import { SubmissionModel } from '../lib/submission.model.ts';
import { settingsApi } from './api.ts';

/** Email preferences: loaded once, each change saved at once (the checkbox is the whole form). */
export const EmailPreferencesModel = createModel(() => {
  const emailNotifications = signal<boolean | null>(null);
  const saving = signal(false);
  const message = signal<string | null>(null);
  const error = signal<string | null>(null);
  return {
    emailNotifications,
    saving,
    message,
    error,
    async load() {
      try {
        emailNotifications.value = (await settingsApi.get()).emailNotifications;
      } catch (err) {
        error.value = errorText(err, 'Could not load your email preferences.');
      }
    },
    async set(on: boolean) {
      const before = emailNotifications.value;
      emailNotifications.value = on;
      saving.value = true;
      message.value = null;
      error.value = null;
      try {
        emailNotifications.value = (await settingsApi.update({ emailNotifications: on })).emailNotifications;
        message.value = on ? 'Saved: we will email you.' : 'Saved: no more emails about activity.';
      } catch (err) {
        emailNotifications.value = before;
        error.value = errorText(err, 'Could not save your email preference.');
      } finally {
        saving.value = false;
      }
    },
  };
});

/** Changing the password: the current one proves it is you; other browsers are signed out afterwards. */
export const PasswordModel = createModel(() => {
  const current = signal('');
  const next = signal('');
  const saved = signal<string | null>(null);
  const submission = new SubmissionModel((path) =>
    path === 'currentPassword' || path === 'newPassword' ? path : null,
  );
  return {
    current,
    next,
    saved,
    submission,
    async change() {
      saved.value = null;
      if (next.value.length < 10) {
        submission.reject({ newPassword: 'Use at least 10 characters.' });
        return;
      }
      const done = await submission.run(async () => {
        await settingsApi.changePassword(current.value, next.value);
        return true;
      });
      if (!done) return;
      current.value = '';
      next.value = '';
      saved.value = 'Password changed. Your other browsers are signed out.';
    },
  };
});
