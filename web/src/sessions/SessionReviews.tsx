import { Alert } from '../ui/Alert.tsx';
import { cardClass, secondaryButtonClass } from '../ui/styles.ts';
import type { Session } from './api.ts';
import { ReplyForm } from './ReplyForm.tsx';
import { ReviewForm } from './ReviewForm.tsx';
import { ReviewItem } from './ReviewItem.tsx';
import type { SessionPageModel } from './session-page.model.ts';

/**
 * The session's reviews, newest first; an attendee's form once the session has ended (the server decides
 * who attended and whether the 14-day window is open, and its answer is shown), the host's replies.
 */
export function SessionReviews({
  model,
  session,
  viewerId,
}: {
  model: SessionPageModel;
  session: Session;
  viewerId: string | null;
}) {
  const reviews = model.reviews.value;
  const isHost = viewerId === session.host.id;
  const mine = reviews.some((r) => r.author.id === viewerId);
  const mayReview =
    viewerId !== null &&
    !isHost &&
    !mine &&
    session.status === 'ended' &&
    session.myRegistration === 'registered';
  if (session.status === 'cancelled' && reviews.length === 0) return null;
  return (
    <section class={`space-y-3 ${cardClass}`} aria-labelledby="reviews-heading">
      <h2 id="reviews-heading" class="text-lg font-semibold">
        Reviews ({reviews.length}
        {model.reviewsCursor.value ? '+' : ''})
      </h2>
      {mayReview && <ReviewForm sessionId={session.id} onDone={(r) => model.putReview(r)} />}
      <Alert message={model.reviewsError.value} />
      {reviews.length === 0 ? (
        <p class="text-slate-600">
          {session.status === 'ended'
            ? 'No reviews yet.'
            : 'Attendees can review the session once it has ended.'}
        </p>
      ) : (
        <div class="divide-y divide-slate-100">
          {reviews.map((review) => (
            <ReviewItem key={review.id} review={review}>
              {isHost && !review.reply && <ReplyForm review={review} onDone={(r) => model.putReview(r)} />}
            </ReviewItem>
          ))}
        </div>
      )}
      {model.reviewsCursor.value && (
        <button type="button" class={secondaryButtonClass} onClick={() => void model.moreReviews()}>
          More reviews
        </button>
      )}
    </section>
  );
}
