import type { Projection } from '../src/platform/projections/projection.ts';
import { activityLogProjection } from './activity-log.ts';
import { blocksProjection } from './blocks.ts';
import { connectionsProjection } from './connections.ts';
import { docMessagesProjection } from './doc-messages.ts';
import { groupsProjection } from './groups.ts';
import { directMessagesProjection } from './direct-messages.ts';
import { matchingProjection } from './matching.ts';
import { sessionsProjection } from './sessions.ts';
import { notificationsProjection } from './notifications.ts';
import { sessionScheduleProjection } from './session-schedule.ts';
import { usersProjection } from './users.ts';
import { reputationProjection } from './reputation.ts';
import { skillLevelsProjection } from './skill-levels.ts';
import { supportTicketsProjection } from './support-tickets.ts';
import { reportsProjection } from './reports.ts';
import { dailyStatsProjection } from './daily-stats.ts';
import { callsProjection } from './calls.ts';

/** Every read model the app runs, in no particular order: each has its own checkpoint. */
export const projections: readonly Projection[] = [
  usersProjection,
  activityLogProjection,
  blocksProjection,
  connectionsProjection,
  groupsProjection,
  docMessagesProjection,
  directMessagesProjection,
  matchingProjection,
  reputationProjection,
  skillLevelsProjection,
  sessionsProjection,
  sessionScheduleProjection,
  notificationsProjection,
  supportTicketsProjection,
  reportsProjection,
  dailyStatsProjection,
  callsProjection,
];
