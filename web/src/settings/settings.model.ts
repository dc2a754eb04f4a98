import { createModel, signal } from '@preact/signals';
import { errorText } from '../lib/error-text.ts';
import { ApiError } from '../lib/http.ts';
import { plural } from '../lib/plural.ts';
import { SubmissionModel } from '../lib/submission.model.ts';
import { settingsApi, type SignIn } from './api.ts';

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

/** The browsers signed in to the account, and signing out the ones that are not this one. */
export const SignInsModel = createModel(() => {
  const list = signal<readonly SignIn[] | null>(null);
  const busy = signal(false);
  const error = signal<string | null>(null);
  const message = signal<string | null>(null);

  async function load() {
    try {
      list.value = (await settingsApi.signIns()).signIns;
      error.value = null;
    } catch (err) {
      error.value = errorText(err, 'Could not load your signed-in browsers.');
    }
  }

  return {
    list,
    busy,
    error,
    message,
    load,
    async signOutOthers() {
      const others = (list.value ?? []).filter((s) => !s.current);
      if (others.length === 0 || busy.value) return;
      busy.value = true;
      message.value = null;
      try {
        // One at a time: an already ended one (404) is what we wanted anyway.
        for (const s of others) {
          await settingsApi.endSignIn(s.id).catch((err: unknown) => {
            if (!(err instanceof ApiError && err.status === 404)) throw err;
          });
        }
        message.value = `Signed out ${plural(others.length, 'other browser')}.`;
        await load();
      } catch (err) {
        error.value = errorText(err, 'Could not sign out your other browsers.');
      } finally {
        busy.value = false;
      }
    },
  };
});
