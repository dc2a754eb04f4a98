import type { InboxEvent, SettingsEvent } from './events.ts';
import type { InboxState, SettingsState } from './inbox.ts';

/**
 * Read up to a notification the handler found among the person's own (its position in the log). Marking
 * an older one than the marker already covers changes nothing, so `POST /api/notifications/read` is
 * idempotent and a late request from another tab cannot move the marker back.
 */
export type InboxCommand = {
  type: 'MarkNotificationsRead';
  userId: string;
  upToId: string;
  upToPosition: number;
};

export function decideInbox(command: InboxCommand, state: InboxState): InboxEvent[] {
  const { userId, upToId, upToPosition } = command;
  if (upToPosition <= state.readUpTo) return [];
  return [{ type: 'NotificationsRead', data: { userId, upToId, upToPosition } }];
}

/** `PATCH /api/me/settings`: only fields given and different from now become an event. */
export type SettingsCommand = {
  type: 'ChangeSettings';
  userId: string;
  emailNotifications?: boolean | undefined;
};

export function decideSettings(command: SettingsCommand, state: SettingsState): SettingsEvent[] {
  const { userId, emailNotifications } = command;
  if (emailNotifications === undefined || emailNotifications === state.emailNotifications) return [];
  return [{ type: 'NotificationSettingsChanged', data: { userId, emailNotifications } }];
}
