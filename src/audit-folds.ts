import type { Folds, ReadModelRows } from './features/audit/index.ts';
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

/** Where the read-model row of a stream lives, for the time-travel view's comparison with the state. */
export const auditReadModels: ReadModelRows = {
  user: {
    table: 'users',
    load: (db, id) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
  },
  session: {
    table: 'sessions',
    load: (db, id) => db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst(),
  },
  group: {
    table: 'groups',
    load: (db, id) => db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst(),
  },
  ticket: {
    table: 'support_tickets',
    load: (db, id) => db.selectFrom('support_tickets').selectAll().where('id', '=', id).executeTakeFirst(),
  },
};
