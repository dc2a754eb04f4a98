import type { Schema } from '../api/types.ts';
import { http, request } from '../lib/http.ts';

export type Notification = Schema<'Notification'>;
export type NotificationList = Schema<'NotificationList'>;

export const notificationsApi = {
  list: (minPosition?: number) =>
    request<NotificationList>('GET', '/api/notifications?limit=20', { minPosition }),
  markRead: (upTo: string) => http.post<void>('/api/notifications/read', { upTo }),
};
