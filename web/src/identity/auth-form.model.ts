import { createModel, signal } from '@preact/signals';
import { SubmissionModel } from '../lib/submission.model.ts';
import { session } from './session.model.ts';

/** Fields and submit actions of the sign-up and sign-in forms. Validation is the server's (422 → fields). */
export const AuthFormModel = createModel(() => {
  const email = signal('');
  const password = signal('');
  const displayName = signal('');
  const submission = new SubmissionModel();

  return {
    email,
    password,
    displayName,
    submission,
    async signUp() {
      await submission.run(() =>
        session.signUp({
          email: email.value.trim(),
          password: password.value,
          displayName: displayName.value.trim(),
        }),
      );
    },
    async signIn() {
      await submission.run(() => session.signIn({ email: email.value.trim(), password: password.value }));
    },
  };
});
