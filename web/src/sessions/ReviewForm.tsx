import { useModel } from '@preact/signals';
import { Alert } from '../ui/Alert.tsx';
import { FieldError, errorProps } from '../ui/FieldError.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextAreaField } from '../ui/TextAreaField.tsx';
import { cardClass } from '../ui/styles.ts';
import type { Review } from './api.ts';
import { maxCommentLength, ReviewFormModel } from './review-form.model.ts';

const stars = [1, 2, 3, 4, 5] as const;

/** An attendee rates the session they attended (1–5 stars) and may say why. */
export function ReviewForm({ sessionId, onDone }: { sessionId: string; onDone: (review: Review) => void }) {
  const model = useModel(() => new ReviewFormModel(sessionId));
  const errors = model.submission.fieldErrors.value;
  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const review = await model.submit();
    if (review) onDone(review);
  }
  const left = maxCommentLength - [...model.comment.value].length;
  return (
    <form noValidate onSubmit={onSubmit} class={`space-y-4 ${cardClass}`} aria-labelledby="review-heading">
      <h3 id="review-heading" class="text-base font-semibold">
        Review this session
      </h3>
      <Alert message={model.submission.formError.value} />
      <fieldset {...errorProps('rating', errors.rating)}>
        <legend class="mb-1 text-sm font-medium text-slate-700">Rating</legend>
        <div class="flex flex-wrap gap-2">
          {stars.map((n) => (
            <label
              key={n}
              class="inline-flex cursor-pointer items-center gap-1 rounded-md border border-slate-300 px-3 py-2 text-sm has-[:checked]:border-amber-500 has-[:checked]:bg-amber-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-500"
            >
              <input
                type="radio"
                name="rating"
                value={n}
                class="sr-only"
                checked={model.rating.value === n}
                onChange={() => (model.rating.value = n)}
              />
              <span aria-hidden="true" class="text-amber-500">
                {'★'.repeat(n)}
              </span>
              <span>
                {n} {n === 1 ? 'star' : 'stars'}
              </span>
            </label>
          ))}
        </div>
        <FieldError fieldId="rating" message={errors.rating} />
      </fieldset>
      <TextAreaField
        id="review-comment"
        label="Comment (optional)"
        rows={3}
        maxLength={maxCommentLength}
        value={model.comment.value}
        onValue={(v) => (model.comment.value = v)}
        error={errors.comment}
        count={`${left} characters left`}
      />
      <SubmitButton pending={model.submission.pending.value}>Post review</SubmitButton>
    </form>
  );
}
