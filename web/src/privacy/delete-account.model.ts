import { createModel, signal } from '@preact/signals';
import { session } from '../identity/session.model.ts';
import { navigate, paths } from '../lib/router.ts';
import { SubmissionModel } from '../lib/submission.model.ts';
import { privacyApi } from './api.ts';

/**
 * Deleting my account (`DELETE /api/me`): first ask (`confirming`), then the password erases it; the
 * server has already signed every browser out, so the session is dropped and the app goes home.
 */
export const DeleteAccountModel = createModel(() => {
  const confirming = signal(false);
  const password = signal('');
  const submission = new SubmissionModel();
  return {
    confirming,
    password,
    submission,
    ask() {
      confirming.value = true;
    },
    cancel() {
      confirming.value = false;
      password.value = '';
      submission.clear();
    },
    async erase() {
      if (!password.value) {
        submission.reject({ password: 'Enter your current password.' });
        return;
      }
      const done = await submission.run(async () => {
        await privacyApi.deleteAccount(password.value);
        return true;
      });
      if (!done) return;
      password.value = '';
      session.user.value = null;
      navigate(paths.home, { replace: true });
    },
  };
});
