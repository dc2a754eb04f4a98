/** The moderation slice's door: reports and the moderators' queue. */
export { moderationRoutes } from './routes.ts';
export { reportEvents, reportEventTypes } from './events.ts';
