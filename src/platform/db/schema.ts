import type { ColumnType, Generated } from 'kysely';

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
  /** The highest position this sign-in has written (read-your-writes). */
  read_floor: Generated<number>;
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

/**
 * Every table the app has. The platform declares only its own tables (`PlatformTables`) and knows no read
 * model: the composition root (`src/database.ts`) adds each read model's tables to this interface by
 * declaration merging, so queries everywhere stay typed while imports point one way.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- completed by src/database.ts
export interface Database extends PlatformTables {}

export type { Timestamp };
