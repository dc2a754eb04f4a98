import { useModel, useSignal } from '@preact/signals';
import { Alert } from '../ui/Alert.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextAreaField } from '../ui/TextAreaField.tsx';
import { secondaryButtonClass } from '../ui/styles.ts';
import type { Review } from './api.ts';
import { maxCommentLength, ReplyFormModel } from './review-form.model.ts';

/** The host answers a review, once: a button that opens a small form. */
export function ReplyForm({ review, onDone }: { review: Review; onDone: (review: Review) => void }) {
  const model = useModel(() => new ReplyFormModel(review.id));
  const open = useSignal(false);
  const fieldId = `reply-${review.id}`;
  if (!open.value) {
    return (
      <button
        type="button"
        class={secondaryButtonClass}
        onClick={() => (open.value = true)}
        aria-label={`Reply to ${review.author.displayName}`}
      >
        Reply
      </button>
    );
  }
  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const answered = await model.submit();
    if (answered) onDone(answered);
  }
  return (
    <form
      noValidate
      onSubmit={onSubmit}
      class="space-y-2"
      aria-label={`Reply to ${review.author.displayName}`}
    >
      <Alert message={model.submission.formError.value} />
      <TextAreaField
        id={fieldId}
        label="Your reply"
        rows={2}
        maxLength={maxCommentLength}
        value={model.body.value}
        onValue={(v) => (model.body.value = v)}
        error={model.submission.fieldErrors.value.body}
      />
      <div class="flex flex-wrap gap-2">
        <SubmitButton pending={model.submission.pending.value}>Post reply</SubmitButton>
        <button type="button" class={secondaryButtonClass} onClick={() => (open.value = false)}>
          Not now
        </button>
      </div>
    </form>
  );
}
