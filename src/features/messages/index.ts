import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/context.ts';
import type { RateLimit } from '../../platform/http/rate-limit.ts';
import { conversationRoutes } from './conversation-routes.ts';
import { messageRoutes } from './routes.ts';

export { directMessageLiveFrames } from './live-frames.ts';
export { directMessageEventTypes, dmStream } from './events.ts';
export { mayShowTyping } from './service.ts';
export { removeDirectMessage } from './moderation.ts';

/** Direct messages: conversations, their messages, read receipts (docs/api.md, "Direct messages"). */
export function messagesRoutes(limits: { send: RateLimit }) {
  const app = new OpenAPIHono<AppEnv>();
  app.route('/', conversationRoutes());
  app.route('/', messageRoutes(limits));
  return app;
}
export { conversationAggregate } from './conversation.ts';
