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
  ip: string | null;
  user_agent: string | null;
}

/** One person's data key, wrapped by the master key; a destroyed key keeps its row with no key material. */
export interface PersonalDataKeysTable {
  subject_id: string;
  wrapped_key: string | null;
  /** Fingerprint of the master key that wrapped it (rotation rewraps the old ones). */
  kek_id: string;
  created_at: Generated<Timestamp>;
  destroyed_at: Timestamp | null;
}

/** The erasure list: who was erased when, and the receipt; re-applied after restoring an older backup. */
export interface ErasuresTable {
  user_id: string;
  erased_at: Timestamp;
  receipt: unknown;
}

/** One-time steps over the event log that need DATA_KEY (sealing events written before encryption). */
export interface PersonalDataMigrationsTable {
  name: string;
  done_at: Generated<Timestamp>;
  summary: unknown;
}

export interface PlatformTables {
  es_events: EsEventsTable;
  es_streams: EsStreamsTable;
  es_head: EsHeadTable;
  projection_checkpoints: ProjectionCheckpointsTable;
  auth_sessions: AuthSessionsTable;
  personal_data_keys: PersonalDataKeysTable;
  erasures: ErasuresTable;
  personal_data_migrations: PersonalDataMigrationsTable;
}

/**
 * Every table the app has. The platform declares only its own tables (`PlatformTables`) and knows no read
 * model: the composition root (`src/database.ts`) adds each read model's tables to this interface by
 * declaration merging, so queries everywhere stay typed while imports point one way.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- completed by src/database.ts
export interface Database extends PlatformTables {}

export type { Timestamp };
