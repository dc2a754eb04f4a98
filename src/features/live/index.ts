export { liveSocketRoute, type LiveSocketRoute } from './route.ts';
export type { LiveFrame, LiveFrameMapper } from './frames.ts';
