import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { findMatches } from '../../../projections/matches.ts';
import { requireUser } from '../../platform/http/auth.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import { MatchList, MatchQuery } from './schemas.ts';

const listMatches = createRoute({
  method: 'get',
  path: '/api/matches',
  tags: ['matching'],
  description:
    'People who teach what you learn and learn what you teach (mutual first), then one-way matches. ' +
    'Skill names match across case, accents, typos, word order and common synonyms.',
  request: { query: MatchQuery },
  responses: { 200: jsonResponse(MatchList, 'Best matches first'), ...problems(401, 403, 422, 503) },
});

/** Matches for the signed-in user (docs/api.md, "Matching and connections"). */
export function matchingRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(listMatches, async (c) => {
    const me = requireUser(c);
    const matches = await findMatches(c.get('deps').db, me.userId, c.req.valid('query'));
    return c.json({ matches }, 200);
  });

  return app;
}
