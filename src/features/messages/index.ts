export { messagesRoutes } from './routes.ts';
export { directMessageLiveFrames } from './live-frames.ts';
export { directMessageEventTypes, dmStream } from './events.ts';
export { mayShowTyping } from './service.ts';
