import type { Folds } from './features/audit/index.ts';
import { callAggregate, roomAggregate } from './features/calls/index.ts';
import { pairAggregate } from './features/connections/index.ts';
import { groupAggregate } from './features/groups/index.ts';
import { emailAggregate, userAggregate } from './features/identity/index.ts';
import { conversationAggregate } from './features/messages/index.ts';
import { inboxAggregate, settingsAggregate } from './features/notifications/index.ts';
import { calendarFeedAggregate, sessionAggregate } from './features/sessions/index.ts';
import { ticketAggregate } from './features/support/index.ts';

/**
 * Which aggregate folds which stream category, for the audit browser's time travel: each feature's own
 * `evolve`, so the state shown is the state its decider saw. A new aggregate joins here.
 */
export const auditFolds: Folds = {
  user: userAggregate,
  email: emailAggregate,
  connection: pairAggregate,
  dm: conversationAggregate,
  group: groupAggregate,
  session: sessionAggregate,
  calendar: calendarFeedAggregate,
  notifications: inboxAggregate,
  settings: settingsAggregate,
  ticket: ticketAggregate,
  call: callAggregate,
  /** `video-room-<room>`: LiveKit rooms and who was in them. */
  video: roomAggregate,
};
