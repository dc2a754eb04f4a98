import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { findMentors } from '../../../projections/mentors.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { MentorList, MentorQuery } from './schemas.ts';

const listMentors = createRoute({
  method: 'get',
  path: '/api/mentors',
  tags: ['reviews'],
  description:
    'People who teach a skill (typos, case and synonyms forgiven), best reputation within that skill first: ' +
    'its Bayesian rating from reviews of sessions of that skill, then reviews and students in it, then the ' +
    'overall rating. Without `skill`, every teacher by overall reputation. Signed in, people you blocked ' +
    'or who blocked you are left out.',
  request: { query: MentorQuery },
  responses: { 200: jsonResponse(MentorList, 'Best first'), ...problems(422, 503) },
});

const Rating = z.number().min(-1).max(5);
const Count = z.number().int().min(0).max(2_147_483_647);
const MentorCursor = z.tuple([Rating, Count, Count, Rating, z.string().uuid()]);

/** `GET /api/mentors` (docs/api.md, "Reviews, reputation, progress"). */
export function mentorRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(listMentors, async (c) => {
    const { skill, level, language, limit, cursor } = c.req.valid('query');
    const after = cursor === undefined ? undefined : decodeCursor(cursor, MentorCursor);
    const viewerId = c.get('user')?.userId;
    const page = await findMentors(c.get('deps').db, { skill, level, language, viewerId, limit, after });
    const last = page.rows[page.rows.length - 1];
    return c.json(
      {
        mentors: page.rows.map(({ key: _key, ...mentor }) => mentor),
        nextCursor: page.more && last ? encodeCursor(last.key) : null,
      },
      200,
    );
  });

  return app;
}
