/**
 * The event store port (docs/architecture.md). Two adapters implement it: `postgres.ts` (Kysely, on PGlite or a
 * real server) and `esdb.ts` (EventStoreDB). Both must pass `tests/conformance/event-store.int.test.ts`.
 *
 * Numbers: revisions and positions are JS numbers (safe to 2^53). Revisions start at 0 within a stream.
 * Global positions increase with commit order; the Postgres adapter makes them dense (1, 2, 3, …),
 * EventStoreDB uses its log's commit positions (increasing, not dense).
 */

export type Role = 'user' | 'moderator' | 'admin' | 'super_admin';

/** Who caused an event and why; appended with every event; audit and activity logs are built from it. */
export interface EventMetadata {
  actorId: string | null;
  actorRole: Role | 'system' | null;
  correlationId: string;
  causationId: string | null;
  occurredAt: string;
  ip?: string;
  userAgent?: string;
  /** Version of the event's data schema; readers upcast older versions. */
  schemaVersion?: number;
}

export interface NewEvent<Type extends string = string, Data = unknown> {
  /** Optional id for idempotent retries; generated when absent. */
  id?: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  id: string;
  streamName: string;
  revision: number;
  position: number;
  type: Type;
  data: Data;
  metadata: EventMetadata;
  recordedAt: string;
}

/** `any`, `no_stream`, `stream_exists`, or the exact revision of the stream's last event. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendResult {
  /** Revision of the last event written: pass it as expectedRevision for the next append. */
  revision: number;
  /** Global position of the last event written. */
  position: number;
}

export interface ReadStreamOptions {
  /** Inclusive revision to start at; defaults to the start (forwards) or the end (backwards). */
  from?: number;
  direction?: 'forwards' | 'backwards';
  limit?: number;
}

export interface ReadAllOptions {
  /** Exclusive: the position of the last event already seen; omit (or 0) to start at the beginning. */
  after?: number;
  limit?: number;
}

/** One stream as the audit browser lists it. */
export interface StreamSummary {
  name: string;
  /** Revision of its last event. */
  revision: number;
  /** When its last event was recorded. */
  lastEventAt: string;
}

export interface ListStreamsOptions {
  /** Only streams whose name starts with this (a category is `user-`, `session-`, …). */
  prefix?: string;
  /** Exclusive: the name of the last stream already listed; streams come in name order. */
  after?: string;
  limit: number;
}

/** A search of the global log; every criterion given must hold. Events come oldest first. */
export interface SearchEventsOptions {
  types?: readonly string[];
  actorId?: string;
  correlationId?: string;
  /** Inclusive lower and exclusive upper bound on the recorded time (ISO-8601). */
  from?: string;
  to?: string;
  /** Exclusive: the position of the last event already returned. */
  after?: number;
  limit: number;
}

export interface Subscription extends AsyncIterable<RecordedEvent> {
  /** Ends the iteration; pending `next()` calls resolve as done. */
  close(): Promise<void>;
}

export interface EventStore {
  readonly kind: 'postgres' | 'esdb';
  append(
    stream: string,
    events: NewEvent[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;
  /** Events of one stream; an unknown stream reads as empty. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Events of all streams in global order (system events excluded). */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch-up then live: every event after `after`, in order, exactly once, until closed. */
  subscribeAll(options?: { after?: number }): Subscription;
  /** Streams in name order, for the audit browser (system streams excluded). */
  listStreams(options: ListStreamsOptions): Promise<StreamSummary[]>;
  /** Events of all streams that match `options`, in global order (system events excluded). */
  searchEvents(options: SearchEventsOptions): Promise<RecordedEvent[]>;
  /** Position of the last committed event (0 when empty). */
  headPosition(): Promise<number>;
  close(): Promise<void>;
}

export class WrongExpectedVersion extends Error {
  override readonly name = 'WrongExpectedVersion';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

/** `user-123e…` → `user`. */
export function streamCategory(stream: string): string {
  const dash = stream.indexOf('-');
  return dash === -1 ? stream : stream.slice(0, dash);
}
