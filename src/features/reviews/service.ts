import type { ReviewRow } from '../../../projections/reviews.ts';
import { emptyReputation } from '../../../projections/reputation.ts';
import { handleCommand } from '../../platform/commands.ts';
import type { Db } from '../../platform/db/database.ts';
import type { EventMetadata } from '../../platform/event-store/port.ts';
import type { Deps } from '../../platform/http/context.ts';
import { findPublicProfiles, type PublicProfileData } from '../identity/index.ts';
import {
  decideSession,
  reviewById,
  sessionAggregate,
  sessionStream,
  type ReviewCommand,
  type SessionState,
} from '../sessions/index.ts';

/** Runs a review command on the session's stream: reviews are facts of the session they review. */
export function runReviewCommand(
  deps: Deps,
  sessionId: string,
  command: ReviewCommand,
  metadata: EventMetadata,
) {
  return handleCommand(
    deps.store,
    sessionStream(sessionId),
    sessionAggregate,
    (state) => decideSession(command, state),
    metadata,
  );
}

/** Reviews keep their author after the account was erased, shown as "Deleted user". */
const deletedUser = (id: string): PublicProfileData => ({
  id,
  displayName: 'Deleted user',
  bio: '',
  avatarUrl: null,
  languages: [],
  timezone: null,
  teach: [],
  learn: [],
  reputation: emptyReputation(),
});

type ReviewFacts = Omit<ReviewRow, 'hostId' | 'position'>;

/** `Review` of docs/api.md for each row, with its author's public profile. */
export async function reviewViews(db: Db, rows: readonly ReviewFacts[]) {
  const profiles = await findPublicProfiles(
    db,
    rows.map((r) => r.authorId),
  );
  return rows.map((r) => ({
    id: r.id,
    session: { id: r.sessionId, title: r.sessionTitle },
    author: profiles.get(r.authorId) ?? deletedUser(r.authorId),
    rating: r.rating,
    comment: r.comment,
    createdAt: r.createdAt,
    reply: r.reply,
  }));
}

/** The review as the command that wrote or answered it left it in the session's state. */
export async function reviewFromSession(db: Db, session: SessionState, reviewId: string) {
  const review = session.status === 'unscheduled' ? undefined : reviewById(session, reviewId);
  if (session.status === 'unscheduled' || !review)
    throw new Error(`Review ${reviewId} is not in its session`);
  const [view] = await reviewViews(db, [{ ...review, sessionId: session.id, sessionTitle: session.title }]);
  return view!;
}
