import { createModel, signal } from '@preact/signals';
import { ApiError } from '../lib/http.ts';
import { SubmissionModel } from '../lib/submission.model.ts';
import { identityApi } from './api.ts';
import { session } from './session.model.ts';

/** "Forgot password?": the address a link was asked for, once asked. */
export const ForgotPasswordModel = createModel(() => {
  const email = signal('');
  const sentTo = signal<string | null>(null);
  const submission = new SubmissionModel();
  return {
    email,
    sentTo,
    submission,
    async submit() {
      const address = email.value.trim();
      await submission.run(async () => {
        await identityApi.requestPasswordReset(address);
        sentTo.value = address;
      });
    },
  };
});

/** A new password from a reset link's token. */
export const ResetPasswordModel = createModel((token: string) => {
  const password = signal('');
  const done = signal(false);
  const submission = new SubmissionModel();
  return {
    password,
    done,
    submission,
    async submit() {
      await submission.run(async () => {
        await identityApi.confirmPasswordReset(token, password.value);
        // Every sign-in ended, this browser's too.
        session.user.value = null;
        done.value = true;
      });
    },
  };
});

/** Follows a verification link's token once. */
export const VerifyEmailModel = createModel((token: string) => {
  const state = signal<'verifying' | 'verified' | 'failed'>('verifying');
  const error = signal('');
  return {
    state,
    error,
    async verify() {
      try {
        await identityApi.verifyEmail(token);
        state.value = 'verified';
        if (session.signedIn.value) await session.load();
      } catch (err) {
        state.value = 'failed';
        error.value = err instanceof ApiError ? err.detail : 'Something went wrong. Please try again.';
      }
    },
  };
});

/** The reminder for people whose address is not verified yet, and the email change form. */
export const EmailModel = createModel(() => {
  const newEmail = signal('');
  const password = signal('');
  const sentTo = signal<string | null>(null);
  const submission = new SubmissionModel();
  return {
    newEmail,
    password,
    sentTo,
    submission,
    async resend() {
      await submission.run(async () => {
        sentTo.value = (await identityApi.resendVerification()).email;
      });
    },
    async change() {
      await submission.run(async () => {
        sentTo.value = (await identityApi.changeEmail(newEmail.value.trim(), password.value)).email;
        password.value = '';
        await session.load();
      });
    },
  };
});
