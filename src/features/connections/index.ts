import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/context.ts';
import { blockRoutes } from './block-routes.ts';
import { connectionRoutes } from './routes.ts';

export { connectionLiveFrames } from './live-frames.ts';
export { pairKey, pairStream, pairEventTypes } from './events.ts';
export { canTalk, pairAggregate, type ConnectionStatus, type PairState } from './pair.ts';

/** Connections and blocks (docs/api.md, "Matching and connections"). */
export function connectionsRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  app.route('/', connectionRoutes());
  app.route('/', blockRoutes());
  return app;
}
