import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { progressOf } from '../../../projections/progress.ts';
import { requireUser } from '../../platform/http/auth.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import { Progress } from './schemas.ts';

const myProgress = createRoute({
  method: 'get',
  path: '/api/me/progress',
  tags: ['reviews'],
  description:
    'Per skill you teach or learn (or had sessions in): sessions attended and hosted, hours learned and ' +
    'taught, ratings received, and each level you declared with the time you declared it.',
  responses: {
    200: jsonResponse(Progress, 'Listed skills first, in the order of your lists'),
    ...problems(401, 403, 503),
  },
});

/** `GET /api/me/progress` (docs/api.md, "Reviews, reputation, progress"). */
export function progressRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(myProgress, async (c) => {
    const me = requireUser(c);
    return c.json({ skills: await progressOf(c.get('deps').db, me.userId) }, 200);
  });

  return app;
}
