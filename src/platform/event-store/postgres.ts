import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { EsEventsTable } from '../db/schema.ts';
import type pg from 'pg';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { PgNotifyBroadcast } from '../realtime/broadcast.ts';
import { LogTail } from './log-tail.ts';
import { AppendNotifier } from './notifier.ts';
import {
  streamCategory,
  WrongExpectedVersion,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type ListStreamsOptions,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SearchEventsOptions,
  type StreamSummary,
  type Subscription,
} from './port.ts';

const CHANNEL = 'es_appended';
const MAX_BATCH_EVENTS = 5_000;
/** es_append() tracks stream revisions in a jsonb map; bounding the appends per call bounds its cost. */
const MAX_BATCH_APPENDS = 256;
const PAGE_SIZE = 1_000;
/** Recent events kept for this process's subscribers (`LogTail`). */
const TAIL_EVENTS = 10_000;
/** Fallback poll for subscribers in case a notification was lost (e.g. LISTEN connection dropped). */
const POLL_MS = 500;

/** es_append() result for one append: where it landed, or the revision that refused it. */
interface AppendOutcome {
  revision?: number;
  position?: number;
  actual?: string;
}

interface PendingAppend {
  stream: string;
  events: NewEvent[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

type EventRow = Selectable<EsEventsTable>;

export interface PostgresEventStoreOptions {
  db: Db;
  /** A real server's pool: enables LISTEN/NOTIFY so appends by other processes wake our subscribers. */
  pool?: pg.Pool | undefined;
  logger?: Logger | undefined;
  /** Told about every write: how many events and how long it took (metrics). */
  onWrite?: ((events: number, seconds: number) => void) | undefined;
}

/**
 * Event store kept in Postgres (PGlite or a server). Appends that arrive while a write is in flight are
 * queued and written together in one transaction under the es_head row lock: positions stay dense and
 * commit in order across processes, and concurrent writers share one commit.
 */
export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres';
  private readonly db: Db;
  private readonly notifier = new AppendNotifier();
  private queue: PendingAppend[] = [];
  private writing = false;
  private listener: PgNotifyBroadcast | undefined;
  private closed = false;
  private readonly logger: Logger | undefined;
  private readonly onWrite: PostgresEventStoreOptions['onWrite'];
  private readonly tail = new LogTail(
    (after) => this.readAll({ after, limit: PAGE_SIZE }),
    () => this.notifier.current,
    TAIL_EVENTS,
    PAGE_SIZE,
  );

  private constructor(options: PostgresEventStoreOptions) {
    this.db = options.db;
    this.logger = options.logger;
    this.onWrite = options.onWrite;
  }

  static async create(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const store = new PostgresEventStore(options);
    if (options.pool) await store.listen(options.pool);
    return store;
  }

  /** Appends of other processes wake this one's subscribers (on the process's shared LISTEN connection). */
  private async listen(pool: pg.Pool): Promise<void> {
    const listener = new PgNotifyBroadcast(pool, CHANNEL, this.logger);
    listener.subscribe(() => this.notifier.notify());
    await listener.ready();
    this.listener = listener;
  }

  append(
    stream: string,
    events: NewEvent[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('Event store is closed'));
    if (events.length === 0) return Promise.reject(new Error(`append to ${stream}: no events`));
    return new Promise((resolve, reject) => {
      this.queue.push({ stream, events, expected: options?.expectedRevision ?? 'any', resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.takeBatch();
        try {
          await this.writeBatch(batch);
        } catch (error) {
          // One bad append (say, data Postgres refuses) must not fail its neighbours: retry them alone.
          if (batch.length === 1) batch[0]!.reject(error);
          else for (const one of batch) await this.writeBatch([one]).catch((e: unknown) => one.reject(e));
        }
        // With concurrent writers, cut the next batch one macrotask later: the callers this commit resumed
        // append again through microtasks only, however many awaits deep, so by then they have all queued
        // and share the next commit instead of splitting it. A lone writer skips the wait.
        if (batch.length > 1 || this.queue.length > 0) {
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private takeBatch(): PendingAppend[] {
    let count = 0;
    let take = 0;
    while (
      take < this.queue.length &&
      take < MAX_BATCH_APPENDS &&
      (take === 0 || count + this.queue[take]!.events.length <= MAX_BATCH_EVENTS)
    ) {
      count += this.queue[take]!.events.length;
      take++;
    }
    return this.queue.splice(0, take);
  }

  /** One round trip: es_append() locks the log head, checks revisions, inserts and notifies (migration 04). */
  private async writeBatch(batch: PendingAppend[]): Promise<void> {
    const appends = batch.map((append) => ({
      stream: append.stream,
      category: streamCategory(append.stream),
      expected: String(append.expected),
      events: append.events.map((event) => ({
        event_id: event.id ?? randomUUID(),
        event_type: event.type,
        data: event.data,
        metadata: event.metadata,
      })),
    }));
    const started = performance.now();
    const { rows } = await sql<{ results: AppendOutcome[] }>`
      select es_append(${JSON.stringify(appends)}::text::jsonb) as results`.execute(this.db);
    const events = appends.reduce((n, a) => n + a.events.length, 0);
    this.onWrite?.(events, (performance.now() - started) / 1000);
    const outcomes = rows[0]!.results;
    if (outcomes.some((o) => o.position !== undefined)) this.notifier.notify();
    outcomes.forEach((outcome, i) => {
      const append = batch[i]!;
      if (outcome.position !== undefined && outcome.revision !== undefined) {
        append.resolve({ revision: Number(outcome.revision), position: Number(outcome.position) });
      } else {
        const actual = outcome.actual === 'no_stream' ? 'no_stream' : Number(outcome.actual);
        append.reject(new WrongExpectedVersion(append.stream, append.expected, actual));
      }
    });
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    let query = this.db
      .selectFrom('es_events')
      .selectAll()
      .where('stream_name', '=', stream)
      .orderBy('revision', backwards ? 'desc' : 'asc');
    if (options.from !== undefined) query = query.where('revision', backwards ? '<=' : '>=', options.from);
    if (options.limit !== undefined) query = query.limit(options.limit);
    return (await query.execute()).map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const rows = await this.db
      .selectFrom('es_events')
      .selectAll()
      .where('position', '>', options.after ?? 0)
      .orderBy('position')
      .limit(options.limit ?? PAGE_SIZE)
      .execute();
    return rows.map(toRecorded);
  }

  async listStreams({ prefix, after, limit }: ListStreamsOptions): Promise<StreamSummary[]> {
    let query = this.db
      .selectFrom('es_streams')
      .select(['stream_name', 'revision', 'updated_at'])
      .orderBy('stream_name')
      .limit(limit);
    // LIKE with its wildcards escaped, so the pattern index serves it.
    if (prefix) query = query.where('stream_name', 'like', `${prefix.replace(/[\\%_]/g, '\\$&')}%`);
    if (after !== undefined) query = query.where('stream_name', '>', after);
    return (await query.execute()).map((row) => ({
      name: row.stream_name,
      revision: Number(row.revision),
      lastEventAt: new Date(row.updated_at as unknown as string).toISOString(),
    }));
  }

  async searchEvents(options: SearchEventsOptions): Promise<RecordedEvent[]> {
    const { types, actorId, correlationId, from, to, after, limit } = options;
    let query = this.db.selectFrom('es_events').selectAll().orderBy('position').limit(limit);
    if (after !== undefined) query = query.where('position', '>', after);
    if (types && types.length > 0) query = query.where('event_type', 'in', types);
    if (actorId !== undefined) query = query.where(sql<string>`metadata->>'actorId'`, '=', actorId);
    if (correlationId !== undefined)
      query = query.where(sql<string>`metadata->>'correlationId'`, '=', correlationId);
    if (from !== undefined) query = query.where('recorded_at', '>=', new Date(from));
    if (to !== undefined) query = query.where('recorded_at', '<', new Date(to));
    return (await query.execute()).map(toRecorded);
  }

  async headPosition(): Promise<number> {
    const row = await this.db.selectFrom('es_head').select('position').where('id', '=', 1).executeTakeFirst();
    return Number(row?.position ?? 0);
  }

  subscribeAll(options: { after?: number } = {}): Subscription {
    const abort = new AbortController();
    const iterator = this.follow(options.after ?? 0, abort.signal);
    return {
      [Symbol.asyncIterator]: () => iterator,
      close: async () => {
        abort.abort();
      },
    };
  }

  /**
   * Pages through the log after `position`, then waits for appends (local, NOTIFY, or the poll). Pages near
   * the head come from the tail this process's subscribers share (`LogTail`), so an append costs one read
   * however many projections and hubs follow the log.
   */
  private async *follow(position: number, signal: AbortSignal): AsyncGenerator<RecordedEvent> {
    while (!signal.aborted) {
      const seen = this.notifier.current;
      const page = await this.tail.page(position, seen);
      for (const event of page) {
        if (signal.aborted) return;
        position = event.position;
        yield event;
      }
      if (page.length < PAGE_SIZE) await this.notifier.wait(seen, POLL_MS, signal);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    while (this.writing || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
    this.notifier.notify();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.close();
  }
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamName: row.stream_name,
    revision: Number(row.revision),
    position: Number(row.position),
    type: row.event_type,
    data: row.data,
    metadata: row.metadata as EventMetadata,
    recordedAt: new Date(row.recorded_at).toISOString(),
  };
}
