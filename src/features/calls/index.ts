/** Video calls (docs/video.md): LiveKit rooms, built-in 1:1 calls, call history. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/context.ts';
import type { RateLimit } from '../../platform/http/rate-limit.ts';
import { callRoutes } from './routes.ts';
import type { VideoSettings } from './service.ts';
import { webhookRoutes } from './webhook-routes.ts';

export { callLiveFrames } from './live-frames.ts';
export { CallScheduler, type CallTickResult } from './scheduler.ts';
export { evictWithLiveKit } from './room-service.ts';
export { maySignal, TOKEN_TTL_SECONDS, type IceServer, type VideoSettings } from './service.ts';
export { callEventTypes, RING_TIMEOUT_MS } from './events.ts';

/** `POST/GET /api/calls`, answering built-in calls, and LiveKit's webhook. */
export function videoRoutes(video: VideoSettings, limits: { ring: RateLimit }) {
  const app = new OpenAPIHono<AppEnv>();
  app.route('/', callRoutes(video, limits));
  app.route('/', webhookRoutes(video));
  return app;
}
export { callAggregate } from './call.ts';
export { roomAggregate } from './room.ts';
