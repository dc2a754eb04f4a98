import { conflict, forbidden, invalid, notFound, type FieldError } from '../../platform/errors.ts';
import type { Role } from '../../platform/event-store/port.ts';
import type { SessionEvent } from './events.ts';
import { length, limits, optionalText } from './fields.ts';
import { endsAtMs, hasEnded, isAttendee, REVIEW_WINDOW_MS, reviewById, type Session } from './session.ts';

/**
 * Reviews live in the session's stream: who attended, whether it ended, and who already reviewed are all
 * facts of that stream, so "only attendees, once" is decided in one append, and a host cannot mark a
 * reviewer absent in a race with their review.
 */
export type ReviewCommand =
  | {
      type: 'WriteReview';
      reviewId: string;
      authorId: string;
      rating: number;
      comment?: string | null | undefined;
      now: Date;
    }
  | { type: 'ReplyToReview'; reviewId: string; by: string; body: string; now: Date }
  | { type: 'RemoveReview'; reviewId: string; by: string; byRole: Role; reason: string; now: Date };

/** Pure: the events of a review command on the session it belongs to, or a domain error. */
export function decideReview(command: ReviewCommand, session: Session): SessionEvent[] {
  switch (command.type) {
    case 'WriteReview':
      return write(command, session);
    case 'ReplyToReview':
      return reply(command, session);
    case 'RemoveReview':
      return remove(command, session);
    default: {
      const _never: never = command;
      return _never;
    }
  }
}

function write(command: Extract<ReviewCommand, { type: 'WriteReview' }>, session: Session): SessionEvent[] {
  const { reviewId, authorId, rating, now } = command;
  const comment = optionalText(command.comment);
  const errors: FieldError[] = [];
  if (!Number.isInteger(rating) || rating < 1 || rating > 5)
    errors.push({ path: 'rating', message: 'Rate from 1 to 5 stars, in whole stars.' });
  if (comment !== null && length(comment) > limits.reviewComment.max)
    errors.push({ path: 'comment', message: `Use at most ${limits.reviewComment.max} characters.` });
  if (errors.length > 0) throw invalid('The review needs fixing.', errors);

  if (session.status === 'cancelled') throw conflict('This session was cancelled, so it cannot be reviewed.');
  if (authorId === session.hostId) throw forbidden('You hosted this session; only its attendees review it.');
  if (!isAttendee(session, authorId)) throw forbidden('Only people who attended this session can review it.');
  if (!hasEnded(session, now)) throw conflict('You can review this session once it has ended.');
  if (now.getTime() > endsAtMs(session) + REVIEW_WINDOW_MS)
    throw conflict('Reviews close 14 days after a session ends; that time has passed.');
  if (session.reviews.some((r) => r.authorId === authorId))
    throw conflict('You have already reviewed this session.');
  if (reviewById(session, reviewId)) throw conflict('This review already exists.');
  return [
    {
      type: 'ReviewWritten',
      data: { sessionId: session.id, reviewId, authorId, hostId: session.hostId, rating, comment },
    },
  ];
}

function reply(command: Extract<ReviewCommand, { type: 'ReplyToReview' }>, session: Session): SessionEvent[] {
  const { reviewId, by } = command;
  const review = reviewById(session, reviewId);
  if (!review || review.removed) throw notFound('No review with this id.');
  if (by !== session.hostId) throw forbidden('Only the host of the session can reply to its reviews.');
  if (review.reply) throw conflict('You have already replied to this review.');
  const body = command.body.trim();
  const { min, max } = limits.replyBody;
  if (length(body) < min || length(body) > max) {
    throw invalid('The reply needs fixing.', [{ path: 'body', message: `Use ${min} to ${max} characters.` }]);
  }
  return [{ type: 'ReviewReplied', data: { sessionId: session.id, reviewId, hostId: session.hostId, body } }];
}

const moderatorRoles: readonly Role[] = ['moderator', 'admin', 'super_admin'];

function remove(command: Extract<ReviewCommand, { type: 'RemoveReview' }>, session: Session): SessionEvent[] {
  const { reviewId, by, byRole } = command;
  if (!moderatorRoles.includes(byRole)) throw forbidden('Only moderators can remove reviews.');
  const review = reviewById(session, reviewId);
  if (!review) throw notFound('No review with this id.');
  if (review.removed) throw conflict('This review has already been removed.');
  const reason = command.reason.trim();
  if (reason === '')
    throw invalid('Say why the review is removed.', [{ path: 'reason', message: 'Give a reason.' }]);
  return [
    {
      type: 'ReviewRemoved',
      data: {
        sessionId: session.id,
        reviewId,
        authorId: review.authorId,
        hostId: session.hostId,
        by,
        reason,
      },
    },
  ];
}
