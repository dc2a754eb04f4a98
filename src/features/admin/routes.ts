import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { notFound } from '../../platform/errors.ts';
import { requireUser } from '../../platform/http/auth.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import { adminLogRoutes } from './log-routes.ts';
import { adminStatsRoutes } from './stats-routes.ts';
import { adminUserRoutes } from './user-routes.ts';

const tags = ['admin'];
const admins = ['admin', 'super_admin'] as const;

const ProjectionStatus = z
  .object({
    name: z.string(),
    version: z.number().int(),
    position: z.number().int(),
    status: z.enum(['running', 'failed', 'rebuilding', 'stopped']),
    lastError: z.string().nullable(),
    errorPosition: z.number().int().nullable(),
    rebuild: z
      .object({
        state: z.enum(['building', 'switching', 'done', 'failed']),
        position: z.number().int(),
        head: z.number().int(),
        startedAt: z.string(),
        finishedAt: z.string().nullable(),
        error: z.string().nullable(),
      })
      .nullable()
      .openapi({
        description:
          'The running or last rebuild since the server started: the new tables are built beside the live ones (`position` of `head`), then switched in at once',
      }),
  })
  .openapi('ProjectionStatus');

const projectionStatus = createRoute({
  method: 'get',
  path: '/api/admin/projections',
  tags,
  responses: {
    200: jsonResponse(
      z.object({
        head: z.number().int(),
        projections: z.array(ProjectionStatus.extend({ lag: z.number().int() })),
      }),
      'Status',
    ),
    ...problems(401, 403),
  },
});
const projectionAction = createRoute({
  method: 'post',
  path: '/api/admin/projections/{name}/{action}',
  tags,
  request: { params: z.object({ name: z.string(), action: z.enum(['rebuild', 'restart']) }) },
  responses: {
    202: { description: 'Started; follow progress in the status' },
    ...problems(401, 403, 404, 422),
  },
});

/**
 * Read-model operations for admins: status with lag, rebuild from zero, restart after a fix. Rebuild and
 * restart act on the projection runner, not on an event stream: no command, no position to answer with.
 */
export function adminRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(projectionStatus, async (c) => {
    requireUser(c, ...admins);
    const { projections, store } = c.get('deps');
    const head = await store.headPosition();
    const status = projections.status().map((s) => ({ ...s, lag: Math.max(0, head - s.position) }));
    return c.json({ head, projections: status }, 200);
  });

  app.openapi(projectionAction, async (c) => {
    requireUser(c, ...admins);
    const { name, action } = c.req.valid('param');
    const { projections } = c.get('deps');
    if (!projections.names.includes(name))
      throw notFound(`No projection named ${name}. Known: ${projections.names.join(', ')}.`);
    if (action === 'rebuild') projections.startRebuild(name);
    else await projections.restart(name);
    return c.body(null, 202);
  });

  app.route('/', adminUserRoutes());
  app.route('/', adminLogRoutes());
  app.route('/', adminStatsRoutes());
  return app;
}
