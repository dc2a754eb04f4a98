import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/context.ts';
import type { RateLimit } from '../../platform/http/rate-limit.ts';
import { chatHistoryRoutes } from './chat-history-routes.ts';
import { groupRoutes as groupAndMemberRoutes } from './routes.ts';

export { groupLiveFrames } from './live-frames.ts';
export { groupEvents, groupEventTypes, groupStream } from './events.ts';
export { groupAggregate, type GroupState } from './group.ts';
export { runGroupCommand } from './service.ts';

/**
 * Groups, their members, and the history of the wall and group chats (docs/api.md, "Groups and the wall").
 * `limits.create`: groups one person may create per window.
 */
export function groupRoutes(limits: { create: RateLimit }) {
  const app = new OpenAPIHono<AppEnv>();
  app.route('/', groupAndMemberRoutes(limits));
  app.route('/', chatHistoryRoutes());
  return app;
}
