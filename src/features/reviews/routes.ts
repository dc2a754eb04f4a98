import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { reviewPage, sessionExists, sessionOfReview } from '../../../projections/reviews.ts';
import { findUser } from '../../../projections/users.ts';
import { notFound } from '../../platform/errors.ts';
import { command } from '../../platform/http/command-route.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { jsonBody, jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import {
  PageQuery,
  ReplyBody,
  Review,
  ReviewIdParam,
  ReviewList,
  SessionIdParam,
  UserIdParam,
  WriteReviewBody,
} from './schemas.ts';
import { reviewFromSession, reviewViews, runReviewCommand } from './service.ts';

const tags = ['reviews'];

const writeReview = createRoute({
  method: 'post',
  path: '/api/sessions/{id}/reviews',
  tags,
  description:
    'An attendee reviews a session once, from its end until 14 days after. 403: not an attendee (the host ' +
    'included); 409: already reviewed, not ended yet, the window closed, or the session was cancelled.',
  request: { params: SessionIdParam, body: jsonBody(WriteReviewBody) },
  responses: { 201: jsonResponse(Review, 'The review'), ...problems(400, 401, 403, 404, 409, 415, 422) },
});
const replyToReview = createRoute({
  method: 'post',
  path: '/api/reviews/{id}/reply',
  tags,
  description: "The session's host answers a review, once.",
  request: { params: ReviewIdParam, body: jsonBody(ReplyBody) },
  responses: {
    200: jsonResponse(Review, 'The review with its reply'),
    ...problems(400, 401, 403, 404, 409, 415, 422),
  },
});
const sessionReviews = createRoute({
  method: 'get',
  path: '/api/sessions/{id}/reviews',
  tags,
  request: { params: SessionIdParam, query: PageQuery },
  responses: { 200: jsonResponse(ReviewList, 'Newest first'), ...problems(404, 422, 503) },
});
const userReviews = createRoute({
  method: 'get',
  path: '/api/users/{id}/reviews',
  tags,
  description: 'Reviews of the sessions this person hosted.',
  request: { params: UserIdParam, query: PageQuery },
  responses: { 200: jsonResponse(ReviewList, 'Newest first'), ...problems(404, 422, 503) },
});

const Position = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Writing, answering and reading reviews (docs/api.md, "Reviews, reputation, progress"). */
export function reviewRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(writeReview, (c) => {
    const { id } = c.req.valid('param');
    const { rating, comment } = c.req.valid('json');
    return command(
      c,
      async ({ me, deps, metadata }) => {
        const reviewId = deps.newId();
        const write = {
          type: 'WriteReview' as const,
          reviewId,
          authorId: me.userId,
          rating,
          comment,
          now: deps.clock(),
        };
        const result = await runReviewCommand(deps, id, write, metadata);
        return { ...result, review: await reviewFromSession(deps.db, result.state, reviewId) };
      },
      ({ review }) => {
        c.header('Location', `/api/sessions/${id}/reviews`);
        return c.json(review, 201);
      },
    );
  });

  app.openapi(replyToReview, (c) => {
    const { id } = c.req.valid('param');
    const { body } = c.req.valid('json');
    return command(
      c,
      async ({ me, deps, metadata }) => {
        const sessionId = await sessionOfReview(deps.db, id);
        if (!sessionId) throw notFound('No review with this id.');
        const reply = {
          type: 'ReplyToReview',
          reviewId: id,
          by: me.userId,
          body,
          now: deps.clock(),
        } as const;
        const result = await runReviewCommand(deps, sessionId, reply, metadata);
        return { ...result, review: await reviewFromSession(deps.db, result.state, id) };
      },
      ({ review }) => c.json(review, 200),
    );
  });

  app.openapi(sessionReviews, async (c) => {
    const { id } = c.req.valid('param');
    const { limit, cursor } = c.req.valid('query');
    const db = c.get('deps').db;
    const before = cursor === undefined ? undefined : decodeCursor(cursor, Position);
    if (!(await sessionExists(db, id))) throw notFound('No session with this id.');
    const page = await reviewPage(db, { sessionId: id }, { limit, before });
    return c.json({ reviews: await reviewViews(db, page.rows), nextCursor: next(page) }, 200);
  });

  app.openapi(userReviews, async (c) => {
    const { id } = c.req.valid('param');
    const { limit, cursor } = c.req.valid('query');
    const db = c.get('deps').db;
    const before = cursor === undefined ? undefined : decodeCursor(cursor, Position);
    const user = await findUser(db, id);
    if (!user || user.status === 'deleted') throw notFound('No user with this id.');
    const page = await reviewPage(db, { hostId: id }, { limit, before });
    return c.json({ reviews: await reviewViews(db, page.rows), nextCursor: next(page) }, 200);
  });

  return app;
}

const next = (page: { rows: { position: number }[]; more: boolean }) =>
  page.more ? encodeCursor(page.rows[page.rows.length - 1]!.position) : null;
