import type { ColumnType, Generated } from 'kysely';

// One Database type assembled from per-table interfaces (STYLE.md §10). Read-model tables are declared
// beside their projection in projections/ and joined in here.
import type { IdentityTables } from '../../../projections/users.ts';
import type { ActivityLogTables } from '../../../projections/activity-log.ts';
import type { BlocksTables } from '../../../projections/blocks.ts';
import type { ConnectionsTables } from '../../../projections/connections.ts';
import type { DocMessagesTables } from '../../../projections/doc-messages.ts';
import type { GroupsTables } from '../../../projections/groups.ts';
import type { DocSnapshotTables } from '../../features/docs/doc-store.ts';
import type { DirectMessagesTables } from '../../../projections/direct-messages.ts';
import type { MatchingTables } from '../../../projections/matching.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface EsEventsTable {
  position: number;
  stream_name: string;
  revision: number;
  event_id: string;
  event_type: string;
  data: unknown;
  metadata: unknown;
  recorded_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface EsStreamsTable {
  stream_name: string;
  category: string;
  revision: number;
  position: number;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface EsHeadTable {
  id: number;
  position: number;
}

export interface ProjectionCheckpointsTable {
  name: string;
  version: number;
  position: number;
  status: 'running' | 'failed' | 'rebuilding';
  last_error: string | null;
  error_position: number | null;
  updated_at: Generated<Timestamp>;
}

export interface AuthSessionsTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  min_position: number;
  ip: string | null;
  user_agent: string | null;
}

export interface PlatformTables {
  es_events: EsEventsTable;
  es_streams: EsStreamsTable;
  es_head: EsHeadTable;
  projection_checkpoints: ProjectionCheckpointsTable;
  auth_sessions: AuthSessionsTable;
}

export interface Database
  extends
    PlatformTables,
    IdentityTables,
    ActivityLogTables,
    BlocksTables,
    ConnectionsTables,
    GroupsTables,
    DocMessagesTables,
    DocSnapshotTables,
    DirectMessagesTables,
    MatchingTables {}

export type { Timestamp };
