import { z } from '@hono/zod-openapi';
import { notificationTypes } from './events.ts';

export const Notification = z
  .object({
    id: z.string().uuid(),
    type: z.enum(notificationTypes).openapi({
      description: 'What it is about; more types come as features add notices.',
    }),
    title: z.string(),
    body: z.string(),
    link: z.string().openapi({ description: 'A page of the web app, e.g. /sessions/<id>.' }),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi('Notification');

export const NotificationList = z
  .object({
    notifications: z.array(Notification),
    unread: z.number().int().openapi({ description: 'All your unread notifications, not only this page.' }),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `cursor` for older ones; null at the end.' }),
  })
  .openapi('NotificationList');

/** `<position>.<id>` of the last notification of a page. */
const cursorPattern = /^(\d{1,15})\.([0-9a-f-]{36})$/i;
export const encodeCursor = (position: number, id: string) => `${position}.${id}`;
export function decodeCursor(cursor: string): { position: number; id: string } | undefined {
  const match = cursorPattern.exec(cursor);
  return match ? { position: Number(match[1]), id: match[2]!.toLowerCase() } : undefined;
}

export const NotificationQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100, 'limit must be at most 100.').default(20),
  cursor: z
    .string()
    .refine((c) => decodeCursor(c) !== undefined, 'cursor must be a nextCursor of an earlier answer.')
    .optional(),
});

export const ReadNotificationsBody = z
  .object({ upTo: z.string().uuid('upTo must be the id of one of your notifications.') })
  .strict()
  .openapi('ReadNotificationsBody');

export const Settings = z.object({ emailNotifications: z.boolean() }).openapi('Settings');
export const SettingsPatch = z
  .object({ emailNotifications: z.boolean().optional() })
  .strict()
  .openapi('SettingsPatch');
