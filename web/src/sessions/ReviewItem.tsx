import type { ComponentChildren } from 'preact';
import { session } from '../identity/session.model.ts';
import { Link } from '../lib/Link.tsx';
import { ReportButton } from '../moderation/ReportButton.tsx';
import { paths } from '../lib/router.ts';
import { formatDay } from '../lib/zoned-time.ts';
import type { Review } from './api.ts';

/** One review: stars, author (or the session, on a profile), comment and the host's reply. */
export function ReviewItem({
  review,
  show = 'author',
  children,
}: {
  review: Review;
  show?: 'author' | 'session';
  children?: ComponentChildren;
}) {
  return (
    <article class="space-y-1 py-3" aria-label={`Review by ${review.author.displayName}`}>
      <p class="text-sm">
        <span class="text-amber-500" aria-hidden="true">
          {'★'.repeat(review.rating)}
          <span class="text-slate-300">{'★'.repeat(5 - review.rating)}</span>
        </span>{' '}
        <span class="font-medium">{review.rating} of 5</span>
        {' · '}
        {show === 'author' ? (
          <Link href={paths.user(review.author.id)} class="text-indigo-700 hover:underline">
            {review.author.displayName}
          </Link>
        ) : (
          <Link href={paths.session(review.session.id)} class="text-indigo-700 hover:underline">
            {review.session.title}
          </Link>
        )}
        <span class="text-slate-500">
          {' · '}
          <time dateTime={review.createdAt}>{formatDay(review.createdAt)}</time>
        </span>
      </p>
      {review.comment && <p class="whitespace-pre-line break-words">{review.comment}</p>}
      {review.reply && (
        <blockquote class="ml-3 border-l-2 border-slate-200 pl-3 text-sm text-slate-700">
          <p class="font-medium">The host replied:</p>
          <p class="whitespace-pre-line break-words">{review.reply.body}</p>
        </blockquote>
      )}
      {children}
      {session.user.value && session.user.value.id !== review.author.id && (
        <div>
          <ReportButton target={{ kind: 'review', targetId: review.id }} />
        </div>
      )}
    </article>
  );
}
