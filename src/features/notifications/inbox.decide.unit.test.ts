import { describe, it } from 'vitest';
import { deciderSpecification } from '../../../tests/support/decider.ts';
import type { InboxEvent, SettingsEvent } from './events.ts';
import { decideInbox, decideSettings, type InboxCommand, type SettingsCommand } from './inbox.decide.ts';
import { inboxAggregate, settingsAggregate, type InboxState, type SettingsState } from './inbox.ts';

const userId = 'ana-0000';
const read = (upToPosition: number): InboxEvent => ({
  type: 'NotificationsRead',
  data: { userId, upToId: `n-${upToPosition}`, upToPosition },
});
const mark = (upToPosition: number): InboxCommand => ({
  type: 'MarkNotificationsRead',
  userId,
  upToId: `n-${upToPosition}`,
  upToPosition,
});

describe('decideInbox', () => {
  const { given } = deciderSpecification<InboxState, InboxCommand, InboxEvent>({
    ...inboxAggregate,
    decide: decideInbox,
  });

  it('moves the read marker forward', () => {
    given([])
      .when(mark(7))
      .then([read(7)]);
    given([read(3)])
      .when(mark(7))
      .then([read(7)]);
  });

  it('never moves it back, and marking the same again changes nothing', () => {
    given([read(7)])
      .when(mark(7))
      .thenNothingHappens();
    given([read(7)])
      .when(mark(3))
      .thenNothingHappens();
  });
});

describe('decideSettings', () => {
  const { given } = deciderSpecification<SettingsState, SettingsCommand, SettingsEvent>({
    ...settingsAggregate,
    decide: decideSettings,
  });
  const changed = (emailNotifications: boolean): SettingsEvent => ({
    type: 'NotificationSettingsChanged',
    data: { userId, emailNotifications },
  });

  it('email notifications are on until turned off', () => {
    given([])
      .when({ type: 'ChangeSettings', userId, emailNotifications: false })
      .then([changed(false)]);
    given([]).when({ type: 'ChangeSettings', userId, emailNotifications: true }).thenNothingHappens();
  });

  it('records only a change', () => {
    given([changed(false)])
      .when({ type: 'ChangeSettings', userId, emailNotifications: true })
      .then([changed(true)]);
    given([changed(false)])
      .when({ type: 'ChangeSettings', userId, emailNotifications: false })
      .thenNothingHappens();
    given([changed(false)])
      .when({ type: 'ChangeSettings', userId })
      .thenNothingHappens();
  });
});
