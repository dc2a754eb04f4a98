import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { requireUser } from '../../platform/http/auth.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import { exportPersonalData } from './export.ts';

const exportRoute = createRoute({
  method: 'get',
  path: '/api/me/export',
  tags: ['privacy'],
  description:
    'Everything the platform holds about me as one JSON document (a download): account, profile, skills, ' +
    'connections, blocks, messages sent and received, posts, sessions, reviews, badges, tickets, ' +
    'notifications, signed-in browsers, and my events with their metadata.',
  responses: {
    200: jsonResponse(
      z.object({ format: z.string(), exportedAt: z.string(), userId: z.string() }).passthrough(),
      'The export (saved as skillswap-export-<date>.json)',
    ),
    ...problems(401, 403),
  },
});

export function privacyRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(exportRoute, async (c) => {
    const user = requireUser(c);
    const document = await exportPersonalData(c.get('deps'), user.userId);
    const day = document.exportedAt.slice(0, 10);
    c.header('content-disposition', `attachment; filename="skillswap-export-${day}.json"`);
    c.header('cache-control', 'no-store');
    return c.json(document, 200);
  });
  return app;
}
