export { groupRoutes } from './routes.ts';
export { groupLiveFrames } from './live-frames.ts';
export { groupEventTypes, groupStream } from './events.ts';
