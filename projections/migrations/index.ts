import type { Migration } from 'kysely';
import * as eventStore from './2026-11-21-01-event-store.ts';
import * as identityReadModels from './2026-11-21-02-identity-read-models.ts';
import * as blocks from './2026-11-21-03-blocks.ts';
import * as esAppendFunction from './2026-11-21-04-es-append-function.ts';
import * as connections from './2026-11-21-11-connections.ts';
import * as groupsAndDocMessages from './2026-11-21-14-groups-and-doc-messages.ts';
import * as ydocSnapshots from './2026-11-21-13-ydoc-snapshots.ts';
import * as directMessages from './2026-11-21-12-direct-messages.ts';
import * as matching from './2026-11-21-10-matching.ts';
import * as rateLimits from './2026-12-01-01-rate-limits.ts';
import * as reviewsReputation from './2026-12-01-20-reviews-reputation.ts';
import * as sessions from './2026-12-01-10-sessions.ts';
import * as sessionSchedule from './2026-12-01-30-session-schedule.ts';
import * as notifications from './2026-12-01-31-notifications.ts';
import * as auditLogIndexes from './2026-12-01-80-audit-log-indexes.ts';
import * as analytics from './2026-12-01-81-analytics.ts';
import * as supportTickets from './2026-12-01-50-support-tickets.ts';
import * as suspensions from './2026-12-01-40-a-suspensions.ts';
import * as reports from './2026-12-01-40-b-reports.ts';
import * as dailyStats from './2026-12-01-40-c-daily-stats.ts';
import * as calls from './2026-12-01-70-calls.ts';
import * as curatedSkills from './2026-12-01-86-a-curated-skills.ts';
import * as personalDataKeys from './2026-12-01-82-a-personal-data-keys.ts';
import * as removedReviews from './2026-12-01-83-removed-reviews.ts';
import * as skillNameWriters from './2026-12-01-90-audit-a-skill-name-writers.ts';

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '2026-11-21-01-event-store': eventStore,
  '2026-11-21-02-identity-read-models': identityReadModels,
  '2026-11-21-03-blocks': blocks,
  '2026-11-21-04-es-append-function': esAppendFunction,
  '2026-11-21-11-connections': connections,
  '2026-11-21-14-groups-and-doc-messages': groupsAndDocMessages,
  '2026-11-21-13-ydoc-snapshots': ydocSnapshots,
  '2026-11-21-12-direct-messages': directMessages,
  '2026-11-21-10-matching': matching,
  '2026-12-01-01-rate-limits': rateLimits,
  '2026-12-01-20-reviews-reputation': reviewsReputation,
  '2026-12-01-10-sessions': sessions,
  '2026-12-01-30-session-schedule': sessionSchedule,
  '2026-12-01-31-notifications': notifications,
  '2026-12-01-80-audit-log-indexes': auditLogIndexes,
  '2026-12-01-81-analytics': analytics,
  '2026-12-01-50-support-tickets': supportTickets,
  '2026-12-01-40-a-suspensions': suspensions,
  '2026-12-01-40-b-reports': reports,
  '2026-12-01-40-c-daily-stats': dailyStats,
  '2026-12-01-70-calls': calls,
  '2026-12-01-86-a-curated-skills': curatedSkills,
  '2026-12-01-82-a-personal-data-keys': personalDataKeys,
  '2026-12-01-83-removed-reviews': removedReviews,
  '2026-12-01-90-audit-a-skill-name-writers': skillNameWriters,
};
