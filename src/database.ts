/**
 * The app's database, composed where everything is known: the platform's tables plus each read model's,
 * declared beside its projection. The platform's `Database` interface is completed here by declaration
 * merging, so the platform imports no read model and every query in the app is typed.
 */
import type { ActivityLogTables } from '../projections/activity-log.ts';
import type { BlocksTables } from '../projections/blocks.ts';
import type { ConnectionsTables } from '../projections/connections.ts';
import type { DirectMessagesTables } from '../projections/direct-messages.ts';
import type { DocMessagesTables } from '../projections/doc-messages.ts';
import type { GroupsTables } from '../projections/groups.ts';
import type { MatchingTables } from '../projections/matching.ts';
import type { SessionsTables } from '../projections/sessions.ts';
import type { MailOutboxTables } from '../projections/mail-outbox.ts';
import type { NotificationsTables } from '../projections/notifications.ts';
import type { SessionScheduleTables } from '../projections/session-schedule.ts';
import type { IdentityTables } from '../projections/users.ts';
import type { ReputationTables } from '../projections/reputation.ts';
import type { SkillLevelTables } from '../projections/skill-levels.ts';
import type { SupportTables } from '../projections/support-tickets.ts';
import type { DocSnapshotTables } from './features/docs/index.ts';
import type { ReportsTables } from '../projections/reports.ts';
import type { DailyStatsTables } from '../projections/daily-stats.ts';
import type { CallsTables } from '../projections/calls.ts';

declare module './platform/db/schema.ts' {
  interface Database
    extends
      IdentityTables,
      ActivityLogTables,
      BlocksTables,
      ConnectionsTables,
      GroupsTables,
      DocMessagesTables,
      DocSnapshotTables,
      DirectMessagesTables,
      MatchingTables,
      ReputationTables,
      SkillLevelTables,
      SessionsTables,
      SessionScheduleTables,
      NotificationsTables,
      MailOutboxTables,
      SupportTables,
      ReportsTables,
      DailyStatsTables,
      CallsTables {}
}

export { migrations } from '../projections/migrations/index.ts';
export { projections } from '../projections/index.ts';
