/** The notifications slice's public door: its routes, the email sender, and the person's email setting. */
export { notificationRoutes } from './routes.ts';
export { NotificationMailer, type MailTickResult } from './mail.ts';
export { loadSettings } from './service.ts';
export { notificationsStream, settingsStream } from './events.ts';
export { inboxAggregate, settingsAggregate } from './inbox.ts';
