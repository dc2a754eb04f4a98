import { z } from 'zod';
import {
  defineEvent,
  EventRegistry,
  type EventOf,
  type Recorded,
} from '../../platform/event-store/events.ts';

/** A person's read marker over their notifications: `notifications-<userId>`. */
export const notificationsStream = (userId: string) => `notifications-${userId}`;
/** A person's settings: `settings-<userId>`. */
export const settingsStream = (userId: string) => `settings-${userId}`;

/**
 * The person read every notification up to and including `upToId`, i.e. every one of theirs whose
 * position in the log is at most `upToPosition` (the position of the event that made `upToId`).
 */
export const NotificationsRead = defineEvent({
  type: 'NotificationsRead',
  version: 1,
  schema: z.object({ userId: z.string(), upToId: z.string(), upToPosition: z.number().int().nonnegative() }),
});

/** Whether notices also go out by email (docs/api.md, "Notifications and settings"); on until turned off. */
export const NotificationSettingsChanged = defineEvent({
  type: 'NotificationSettingsChanged',
  version: 1,
  schema: z.object({ userId: z.string(), emailNotifications: z.boolean() }),
});

const inboxDefinitions = [NotificationsRead] as const;
export type InboxEvent = EventOf<(typeof inboxDefinitions)[number]>;
export type RecordedInboxEvent = Recorded<InboxEvent>;
export const inboxEvents = new EventRegistry<InboxEvent>(inboxDefinitions);

const settingsDefinitions = [NotificationSettingsChanged] as const;
export type SettingsEvent = EventOf<(typeof settingsDefinitions)[number]>;
export type RecordedSettingsEvent = Recorded<SettingsEvent>;
export const settingsEvents = new EventRegistry<SettingsEvent>(settingsDefinitions);

/**
 * What a notification is about; the web app and the texts (`src/features/notifications/texts.ts`) know
 * each. Rows store facts as of the event (`NotificationData`); names and wording are rendered when read.
 */
export const notificationTypes = [
  'connection.requested',
  'connection.accepted',
  'message.received',
  'session.updated',
  'session.cancelled',
  'session.promoted',
  'session.reminder',
  'support.replied',
  'account.suspended',
  'content.removed',
] as const;
export type NotificationType = (typeof notificationTypes)[number];

/** The facts a notification's text needs, by type (absent fields do not apply). */
export interface NotificationData {
  /** connection.requested: the note sent with the request. */
  message?: string | null;
  /** message.received: how many messages this notice stands for, and the latest one's first words. */
  count?: number;
  excerpt?: string | null;
  /** session.*: the session as of the event. */
  title?: string;
  startsAt?: string;
  durationMinutes?: number;
  /** session.updated: the start before the change. */
  previousStartsAt?: string;
  /** session.cancelled */
  reason?: string | null;
  byStaff?: boolean;
  /** session.reminder */
  kind?: '24h' | '15m';
  /** session.reminder, session.cancelled: the person hosts the session. */
  hosting?: boolean;
  /** support.replied: the ticket's subject (the reply's first words are `excerpt`). */
  subject?: string;
  /** account.suspended: until when (null: until lifted); `reason` says why. */
  until?: string | null;
  /** content.removed: what kind of thing of theirs a moderator removed; `reason` is the moderator's note. */
  contentKind?: string;
}

/** Notification types that also go out by email, unless the person turned email off. */
export const emailedTypes: readonly NotificationType[] = [
  'session.updated',
  'session.cancelled',
  'session.promoted',
  'session.reminder',
  'support.replied',
  'account.suspended',
  'content.removed',
];

/** Types about the account itself: emailed even when email notifications are off. */
export const accountTypes: readonly NotificationType[] = ['account.suspended', 'content.removed'];
