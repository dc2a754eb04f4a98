import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/context.ts';
import { mentorRoutes } from './mentor-routes.ts';
import { progressRoutes } from './progress-routes.ts';
import { reviewRoutes as writeAndReadReviews } from './routes.ts';

/** Reviews, reputation, mentors and progress (docs/api.md, "Reviews, reputation, progress"). */
export function reviewRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  app.route('/', writeAndReadReviews());
  app.route('/', mentorRoutes());
  app.route('/', progressRoutes());
  return app;
}
export { encodeCursor, decodeCursor } from './cursor.ts';
