import type { Db } from '../src/platform/db/database.ts';

/** Queries of the reviews table (built by the reputation projection, projections/reputation.ts). */

export interface ReviewRow {
  id: string;
  sessionId: string;
  sessionTitle: string;
  hostId: string;
  authorId: string;
  rating: number;
  comment: string | null;
  createdAt: string;
  reply: { body: string; createdAt: string } | null;
  /** The global position of `ReviewWritten`: the page order (newest first) and cursor. */
  position: number;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * One page of reviews of a session, or of the sessions a person hosted, newest first; `before` is the
 * position the previous page ended on. `more` says whether another page follows.
 */
export async function reviewPage(
  db: Db,
  of: { sessionId: string } | { hostId: string },
  page: { limit: number; before?: number | undefined },
): Promise<{ rows: ReviewRow[]; more: boolean }> {
  let query = db
    .selectFrom('reviews as r')
    .innerJoin('reputation_sessions as s', 's.session_id', 'r.session_id')
    .select([
      'r.id',
      'r.session_id',
      's.title',
      'r.host_id',
      'r.author_id',
      'r.rating',
      'r.comment',
      'r.created_at',
      'r.reply_body',
      'r.replied_at',
      'r.position',
    ]);
  query =
    'sessionId' in of
      ? query.where('r.session_id', '=', of.sessionId)
      : query.where('r.host_id', '=', of.hostId);
  if (page.before !== undefined) query = query.where('r.position', '<', page.before);
  const rows = await query
    .orderBy('r.position', 'desc')
    .limit(page.limit + 1)
    .execute();
  return {
    more: rows.length > page.limit,
    rows: rows.slice(0, page.limit).map((r) => ({
      id: r.id,
      sessionId: r.session_id,
      sessionTitle: r.title,
      hostId: r.host_id,
      authorId: r.author_id,
      rating: r.rating,
      comment: r.comment,
      createdAt: iso(r.created_at),
      reply:
        r.reply_body === null || r.replied_at === null
          ? null
          : { body: r.reply_body, createdAt: iso(r.replied_at) },
      position: Number(r.position),
    })),
  };
}

/** The session a review belongs to (`POST /api/reviews/:id/reply` runs its command on that stream). */
export async function sessionOfReview(db: Db, reviewId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('reviews')
    .select('session_id')
    .where('id', '=', reviewId)
    .executeTakeFirst();
  return row?.session_id;
}

/** Whether the reputation read model knows this session (scheduled at some point, cancelled or not). */
export async function sessionExists(db: Db, sessionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('reputation_sessions')
    .select('session_id')
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  return row !== undefined;
}
