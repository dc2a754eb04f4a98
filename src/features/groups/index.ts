export { groupRoutes } from './routes.ts';
export { groupLiveFrames } from './live-frames.ts';
export { groupEvents, groupEventTypes, groupStream } from './events.ts';
export { groupAggregate } from './group.ts';
