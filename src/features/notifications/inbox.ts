import type { Aggregate } from '../../platform/commands.ts';
import {
  inboxEvents,
  settingsEvents,
  type InboxEvent,
  type RecordedInboxEvent,
  type RecordedSettingsEvent,
  type SettingsEvent,
} from './events.ts';

/** A person's read marker: every notification at or before this log position is read. */
export interface InboxState {
  readUpTo: number;
}

export const inboxAggregate: Aggregate<InboxState, InboxEvent> = {
  initial: { readUpTo: 0 },
  evolve: (state: InboxState, event: RecordedInboxEvent) =>
    event.type === 'NotificationsRead'
      ? { readUpTo: Math.max(state.readUpTo, event.data.upToPosition) }
      : state,
  registry: inboxEvents,
};

/** A person's settings; email notifications are on until they turn them off. */
export interface SettingsState {
  emailNotifications: boolean;
}

export const settingsAggregate: Aggregate<SettingsState, SettingsEvent> = {
  initial: { emailNotifications: true },
  evolve: (state: SettingsState, event: RecordedSettingsEvent) =>
    event.type === 'NotificationSettingsChanged'
      ? { ...state, emailNotifications: event.data.emailNotifications }
      : state,
  registry: settingsEvents,
};
