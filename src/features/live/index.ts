export { liveSocketRoute, type LiveSocketRoute } from './route.ts';
export type { LiveFrame, LiveFrameMapper } from '../../platform/realtime/live-frames.ts';
