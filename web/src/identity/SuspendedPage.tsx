import { useModel } from '@preact/signals';
import { createModel, signal } from '@preact/signals';
import { supportApi } from '../support/api.ts';
import { SubmissionModel } from '../lib/submission.model.ts';
import { Alert } from '../ui/Alert.tsx';
import { cardClass } from '../ui/styles.ts';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextAreaField } from '../ui/TextAreaField.tsx';
import type { Me } from './api.ts';
import { SignOutButton } from './SignOutButton.tsx';

const when = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));

/** One appeal per suspension: a support ticket of category `appeal` (the only thing a suspended person may send). */
const AppealModel = createModel(() => {
  const body = signal('');
  const sent = signal(false);
  const submission = new SubmissionModel((path) => (path === 'body' ? 'body' : null));
  return {
    body,
    sent,
    submission,
    async send() {
      const ticket = await submission.run(() =>
        supportApi.open({ subject: 'Appeal of my suspension', body: body.value, category: 'appeal' }),
      );
      if (ticket) sent.value = true;
    },
  };
});

/** What a suspended person sees instead of the app: why, until when, and their one appeal. */
export function SuspendedPage({ me }: { me: Me }) {
  const appeal = useModel(AppealModel);
  const suspension = me.suspension;
  return (
    <section class="mx-auto w-full max-w-2xl space-y-4" aria-labelledby="suspended-heading">
      <h1 id="suspended-heading" class="text-2xl font-semibold">
        Your account is suspended
      </h1>
      <div class="rounded-md border border-red-200 bg-red-50 p-4 text-red-900">
        <p data-testid="suspension-reason">Reason: {suspension?.reason ?? 'none given'}</p>
        <p>
          {suspension?.until ? `Until ${when(suspension.until)}.` : 'Until a moderator lifts it.'} Meanwhile
          you can only read this page, appeal once, and sign out.
        </p>
      </div>
      <section class={cardClass} aria-labelledby="appeal-heading">
        <h2 id="appeal-heading" class="mb-3 text-lg font-semibold">
          Appeal
        </h2>
        {appeal.sent.value ? (
          <p role="status">Your appeal was sent. Support will answer you by email.</p>
        ) : (
          <form
            noValidate
            class="space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              void appeal.send();
            }}
          >
            <Alert message={appeal.submission.formError.value} />
            <TextAreaField
              id="appeal-body"
              label="Why should the suspension be lifted?"
              rows={4}
              maxLength={10_000}
              value={appeal.body.value}
              onValue={(v) => (appeal.body.value = v)}
              error={appeal.submission.fieldErrors.value.body}
            />
            <SubmitButton pending={appeal.submission.pending.value}>Send appeal</SubmitButton>
          </form>
        )}
      </section>
      <SignOutButton />
    </section>
  );
}
