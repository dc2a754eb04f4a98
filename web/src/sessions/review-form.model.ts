import { createModel, signal } from '@preact/signals';
import { SubmissionModel } from '../lib/submission.model.ts';
import { sessionsApi, type Review } from './api.ts';

export const maxCommentLength = 2000;

/** An attendee's review of a session: a rating of 1 to 5 and an optional comment. */
export const ReviewFormModel = createModel((sessionId: string) => {
  const rating = signal<number | null>(null);
  const comment = signal('');
  const submission = new SubmissionModel((path) => (path === 'rating' || path === 'comment' ? path : null));
  return {
    rating,
    comment,
    submission,
    /** The review as the server stored it, or undefined when refused (the errors are then set). */
    async submit(): Promise<Review | undefined> {
      const stars = rating.value;
      if (stars === null) {
        submission.reject({ rating: 'Choose a rating from 1 to 5 stars.' });
        return undefined;
      }
      const text = comment.value.trim();
      return submission.run(() =>
        sessionsApi.writeReview(sessionId, { rating: stars, comment: text || null }),
      );
    },
  };
});
export type ReviewFormModel = InstanceType<typeof ReviewFormModel>;

/** The host's one answer to a review. */
export const ReplyFormModel = createModel((reviewId: string) => {
  const body = signal('');
  const submission = new SubmissionModel((path) => (path === 'body' ? 'body' : null));
  return {
    body,
    submission,
    async submit(): Promise<Review | undefined> {
      const text = body.value.trim();
      if (!text) {
        submission.reject({ body: 'Write a reply first.' });
        return undefined;
      }
      return submission.run(() => sessionsApi.reply(reviewId, text));
    },
  };
});
