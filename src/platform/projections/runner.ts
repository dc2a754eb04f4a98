import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { EventStore, RecordedEvent, Subscription } from '../event-store/port.ts';
import type { Logger } from '../logger.ts';
import type { PgNotifyBroadcast } from '../realtime/broadcast.ts';
import type { Projection } from './projection.ts';
import { createShadow, dropShadow, inShadow, switchToShadow } from './shadow.ts';

const BATCH_SIZE = 1_000;
/**
 * A batch with no event a projection reads moves its checkpoint in memory only, until it is this far
 * ahead of the stored one (or the runner stops): a busy log then costs the other projections nothing,
 * and a crash re-reads at most this many events that they skip anyway.
 */
const IDLE_CHECKPOINT_EVERY = 1_000;
const BUFFER_LIMIT = 5_000;
const TRANSIENT_ATTEMPTS = 4;
/**
 * How long a worker that found its last batch already applied by another process waits for that process to
 * announce the next one, before applying it itself (that process may have stopped).
 */
const FOLLOW_WAIT_MS = 100;

/**
 * Postgres errors that say "try again": serialization failure, deadlock, and the connection or server going
 * away (classes 08 and 57P). A projection's own bug (bad data, a constraint) is not one.
 */
export function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return code === '40001' || code === '40P01' || code.startsWith('08') || code.startsWith('57P');
}

/**
 * The app's channel for projection progress on a server. App processes on one database announce the
 * checkpoints they move (`<name> <version> <position>`, sent by NOTIFY in the transaction that moves it), so a
 * process whose batch another one already applied takes it from the announcement instead of a transaction of
 * its own.
 */
export const PROJECTION_PROGRESS_CHANNEL = 'projection_progress';

/** How a batch that had events to apply ended in this process. */
export type BatchOutcome = 'applied' | 'already-applied' | 'followed';

export interface ProjectionRunnerOptions {
  /** Where this process hears the announcements, and whose channel it announces on (a server only). */
  progress?: PgNotifyBroadcast | undefined;
  /** Told about every batch with events to apply (metrics). */
  onBatch?: ((projection: string, outcome: BatchOutcome) => void) | undefined;
}

export interface ProjectionStatus {
  name: string;
  version: number;
  position: number;
  status: 'running' | 'failed' | 'rebuilding' | 'stopped';
  lastError: string | null;
  errorPosition: number | null;
  /** The running or last blue/green rebuild of this process, if any. */
  rebuild: RebuildProgress | null;
}

/**
 * A rebuild builds the new tables beside the live ones (`building`, `position` of `head`, the log's head when
 * it started), then swaps them in (`switching`) and is `done`; or it `failed` and the live tables stay.
 */
export interface RebuildProgress {
  state: 'building' | 'switching' | 'done' | 'failed';
  position: number;
  head: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

/**
 * Runs projections side by side, each with its own subscription and checkpoint, so a failing one stops
 * alone and reports while the others go on. Events are applied in batches of up to 1,000 in one
 * transaction together with the checkpoint: a crash resumes exactly where the last batch committed.
 */
export class ProjectionRunner {
  private readonly workers = new Map<string, ProjectionWorker>();
  private readonly progressWaiters = new Set<() => void>();

  private readonly unsubscribe: (() => void) | undefined;

  constructor(
    private readonly db: Db,
    private readonly store: EventStore,
    projections: readonly Projection[],
    private readonly logger?: Logger,
    options: ProjectionRunnerOptions = {},
  ) {
    const live = { channel: options.progress?.channel, onBatch: options.onBatch };
    for (const projection of projections) {
      this.workers.set(
        projection.name,
        new ProjectionWorker(projection, db, store, () => this.onProgress(), logger, undefined, live),
      );
    }
    this.unsubscribe = options.progress?.subscribe((payload) => {
      const [name, version, position] = payload.split(' ');
      this.workers.get(name ?? '')?.announced(Number(version), Number(position));
    });
  }

  get names(): string[] {
    return [...this.workers.keys()];
  }

  /** Loads checkpoints (rebuilding projections whose version changed) and starts every worker. */
  async start(): Promise<void> {
    for (const worker of this.workers.values()) await worker.prepare();
    for (const worker of this.workers.values()) worker.start();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await Promise.all([...this.workers.values()].map((w) => w.stop()));
  }

  status(): ProjectionStatus[] {
    return [...this.workers.values()].map((w) => w.status());
  }

  /**
   * Rebuilds the read model from the whole log beside the live one and switches to it once caught up
   * (shadow.ts); resolves when it switched or failed (see `status()`). Readers keep the old rows meanwhile.
   */
  async rebuild(name: string): Promise<void> {
    await this.worker(name).rebuild();
  }

  /** Starts `rebuild` and answers at once; progress shows in `status()`. */
  startRebuild(name: string): void {
    const worker = this.worker(name);
    worker
      .rebuild()
      .catch((err: unknown) => this.logger?.error({ err, projection: name }, 'rebuild could not run'));
  }

  /** Restarts a failed projection from its checkpoint, e.g. after a fix was deployed. */
  async restart(name: string): Promise<void> {
    const worker = this.worker(name);
    await worker.stopLive();
    await worker.prepare();
    worker.start();
  }

  /**
   * Resolves true once every running projection (or the named ones) has applied `position`, false after
   * `timeoutMs`. Failed projections are skipped: their readers already get stale data, not a hang; so are
   * ones waiting for a rebuild after a version change. With `rebuilds`, a rebuild must also have finished.
   */
  async waitFor(
    position: number,
    options: { timeoutMs?: number; names?: string[]; rebuilds?: boolean } = {},
  ): Promise<boolean> {
    const deadline = Date.now() + (options.timeoutMs ?? 5_000);
    const workers = options.names ? options.names.map((n) => this.worker(n)) : [...this.workers.values()];
    const done = () =>
      options.rebuilds
        ? workers.every((w) => w.state === 'failed' || (!w.rebuilding && w.position >= position))
        : this.reached(position, options.names);
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(wake, Math.min(left, 250));
        const waiters = this.progressWaiters;
        function wake() {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve();
        }
        waiters.add(wake);
      });
    }
    return true;
  }

  /** Whether `waitFor(position, { names })` would answer true at once. */
  reached(position: number, names?: readonly string[]): boolean {
    const workers = names ? names.map((n) => this.worker(n)) : [...this.workers.values()];
    return workers.every((w) => w.state === 'failed' || w.state === 'rebuilding' || w.position >= position);
  }

  /** Resolves once every running projection, rebuilds included, has reached the store's current head. */
  async catchUp(timeoutMs = 60_000): Promise<boolean> {
    return this.waitFor(await this.store.headPosition(), { timeoutMs, rebuilds: true });
  }

  private worker(name: string): ProjectionWorker {
    const worker = this.workers.get(name);
    if (!worker) throw new Error(`Unknown projection "${name}". Known: ${this.names.join(', ')}`);
    return worker;
  }

  private onProgress(): void {
    for (const wake of [...this.progressWaiters]) wake();
  }
}

class ProjectionWorker {
  position = 0;
  state: ProjectionStatus['status'] = 'stopped';
  private lastError: string | null = null;
  private errorPosition: number | null = null;
  private subscription: Subscription | undefined;
  private loop: Promise<void> | undefined;
  /** The checkpoint row as this worker last read or wrote it: its position, and whether it is `running`. */
  private stored = { position: 0, clean: false };
  /** Set by `prepare` when the stored tables were built by another version: `start` rebuilds them. */
  private outdated = false;
  private progress: RebuildProgress | null = null;
  /** The rebuild in progress, and the shadow worker building its tables. */
  private rebuildRun: Promise<void> | undefined;
  private shadow: ProjectionWorker | undefined;

  /** `shadow`: the schema this worker builds a rebuild into; it then keeps its position in memory only. */
  constructor(
    private readonly projection: Projection,
    private readonly db: Db,
    private readonly store: EventStore,
    private readonly onProgress: () => void,
    private readonly logger?: Logger,
    private readonly shadowSchema?: string,
    /** A live worker's progress channel and batch counter (a rebuild's shadow has neither). */
    private readonly live: {
      channel?: string | undefined;
      onBatch?: ProjectionRunnerOptions['onBatch'];
    } = {},
  ) {}

  /** The highest checkpoint another process (or this one) announced for this version of the read model. */
  private announcedPosition = 0;
  /** Set when this worker's last batch had been applied by another process already: it follows that one. */
  private following = false;
  private onAnnounced: (() => void) | undefined;

  announced(version: number, position: number): void {
    if (version !== this.projection.version || !(position > this.announcedPosition)) return;
    this.announcedPosition = position;
    this.onAnnounced?.();
  }

  /** Resolves true once `position` was announced, false after `ms`. */
  private announcement(position: number, ms: number): Promise<boolean> {
    if (this.announcedPosition >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.onAnnounced = undefined;
        resolve(ok);
      };
      const timer = setTimeout(() => done(false), ms);
      this.onAnnounced = () => {
        if (this.announcedPosition >= position) done(true);
      };
    });
  }

  get rebuilding(): boolean {
    return this.rebuildRun !== undefined;
  }

  status(): ProjectionStatus {
    const { name, version } = this.projection;
    return {
      name,
      version,
      position: this.position,
      status: this.state,
      lastError: this.lastError,
      errorPosition: this.errorPosition,
      rebuild: this.progress && { ...this.progress },
    };
  }

  /** Announcements heard so far name rows of tables that a reset or a rebuild replaced. */
  private forgetAnnouncements(): void {
    this.announcedPosition = 0;
    this.following = false;
  }

  async prepare(): Promise<void> {
    this.forgetAnnouncements();
    const { name, version } = this.projection;
    const row = await this.db
      .selectFrom('projection_checkpoints')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    if (!row || row.status === 'rebuilding') {
      await this.reset();
      return;
    }
    // Another version built these tables: readers keep them while the new version builds beside them.
    this.outdated = row.version !== version;
    if (this.outdated)
      this.logger?.info(
        { projection: name, from: row.version, to: version },
        'projection version changed: rebuilding beside the old tables',
      );
    this.position = Number(row.position);
    this.stored = { position: this.position, clean: row.status === 'running' && row.last_error === null };
    this.lastError = null;
    this.errorPosition = null;
  }

  async reset(): Promise<void> {
    this.forgetAnnouncements();
    const { name, version, tables } = this.projection;
    await this.db.transaction().execute(async (trx) => {
      for (const table of tables) await sql`delete from ${sql.table(table)}`.execute(trx);
      await trx
        .insertInto('projection_checkpoints')
        .values({ name, version, position: 0, status: 'running', last_error: null, error_position: null })
        .onConflict((oc) =>
          oc.column('name').doUpdateSet({
            version,
            position: 0,
            status: 'running',
            last_error: null,
            error_position: null,
            updated_at: sql`now()`,
          }),
        )
        .execute();
    });
    this.position = 0;
    this.stored = { position: 0, clean: true };
    this.lastError = null;
    this.errorPosition = null;
  }

  start(): void {
    if (this.outdated) {
      this.state = 'rebuilding';
      this.rebuild().catch((err: unknown) =>
        this.logger?.error({ err, projection: this.projection.name }, 'rebuild could not run'),
      );
      return;
    }
    if (this.loop) return;
    this.state = 'running';
    this.loop = this.run().finally(() => (this.loop = undefined));
  }

  /** Stops the live run and any rebuild in progress (its shadow tables are dropped). */
  async stop(): Promise<void> {
    await this.shadow?.stop();
    await this.rebuildRun?.catch(() => undefined);
    await this.stopLive();
  }

  /** Stops the live run only. */
  async stopLive(): Promise<void> {
    if (this.state === 'running') this.state = 'stopped';
    await this.subscription?.close();
    await this.loop;
    // A shadow keeps no checkpoint; its rebuild learns here that it stopped.
    if (this.shadowSchema) return this.onProgress();
    // Store a position moved in memory only (batches this projection does not read).
    if (this.state === 'stopped' && this.stored.clean && this.position > this.stored.position)
      await this.writeCheckpoint(this.db, this.position).then(
        () => (this.stored = { position: this.position, clean: true }),
        (err: unknown) =>
          this.logger?.warn({ err, projection: this.projection.name }, 'could not store the checkpoint'),
      );
  }

  /** One blue/green rebuild at a time: a second call joins the one in progress. */
  rebuild(): Promise<void> {
    this.rebuildRun ??= this.runRebuild().finally(() => {
      this.rebuildRun = undefined;
      this.shadow = undefined;
      this.onProgress();
    });
    return this.rebuildRun;
  }

  private async runRebuild(): Promise<void> {
    const head = await this.store.headPosition();
    const progress: RebuildProgress = {
      state: 'building',
      position: 0,
      head,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      error: null,
    };
    this.progress = progress;
    let check: () => void = () => undefined;
    const schema = await createShadow(this.db, this.projection);
    const shadow = new ProjectionWorker(
      this.projection,
      this.db,
      this.store,
      () => {
        progress.position = shadow.position;
        check();
        this.onProgress();
      },
      this.logger,
      schema,
    );
    this.shadow = shadow;
    /** Resolves once the shadow has applied `target`; rejects if it failed or was stopped. */
    const reached = (target: number) =>
      new Promise<void>((resolve, reject) => {
        check = () => {
          if (shadow.position >= target) resolve();
          else if (shadow.state === 'failed') reject(new Error(shadow.lastError ?? 'the rebuild failed'));
          else if (shadow.state === 'stopped') reject(new Error('the rebuild was stopped'));
        };
        check();
      });
    shadow.start();
    try {
      await reached(head);
      // Caught up: stop the live run, let the shadow pass wherever it got to, and swap in one transaction.
      progress.state = 'switching';
      const wasLive = this.state === 'running' || this.state === 'failed' || this.outdated;
      await this.stopLive();
      await reached(this.position);
      await shadow.stop();
      await switchToShadow(this.db, schema, this.projection, shadow.position);
      this.forgetAnnouncements();
      this.position = shadow.position;
      this.stored = { position: this.position, clean: true };
      this.lastError = null;
      this.errorPosition = null;
      this.outdated = false;
      Object.assign(progress, {
        state: 'done',
        position: this.position,
        finishedAt: new Date().toISOString(),
      });
      this.logger?.info({ projection: this.projection.name, position: this.position }, 'projection rebuilt');
      if (wasLive) this.start();
    } catch (error) {
      await shadow.stop();
      await dropShadow(this.db, schema).catch(() => undefined);
      const message = error instanceof Error ? error.message : String(error);
      Object.assign(progress, { state: 'failed', error: message, finishedAt: new Date().toISOString() });
      this.logger?.error({ err: error, projection: this.projection.name }, 'rebuild failed');
      if (this.outdated) {
        this.state = 'failed';
        this.lastError = `Rebuild failed: ${message}`;
      }
    }
  }

  /**
   * Stores a position this worker reached through batches it had nothing to write for. Never moves the
   * checkpoint back: another process may have applied events beyond it meanwhile.
   */
  private async writeCheckpoint(db: Db, position: number): Promise<void> {
    await db
      .updateTable('projection_checkpoints')
      .set({ position, status: 'running', last_error: null, error_position: null, updated_at: sql`now()` })
      .where('name', '=', this.projection.name)
      .where('position', '<', position)
      .execute();
  }

  private async run(): Promise<void> {
    const subscription = this.store.subscribeAll({ after: this.position });
    this.subscription = subscription;
    const buffer: RecordedEvent[] = [];
    let wake: (() => void) | undefined;
    let room: (() => void) | undefined;
    let ended = false;
    const signal = () => (wake?.(), (wake = undefined));

    const pump = (async () => {
      try {
        for await (const event of subscription) {
          buffer.push(event);
          signal();
          if (buffer.length >= BUFFER_LIMIT) await new Promise<void>((r) => (room = r));
        }
      } finally {
        ended = true;
        signal();
      }
    })();

    while (this.state === 'running') {
      if (buffer.length === 0) {
        if (ended) break;
        await new Promise<void>((r) => (wake = r));
        continue;
      }
      // Let the pump move the rest of an already-fetched page into the buffer (it does so in microtasks),
      // so a batch is a whole page rather than its first event.
      if (buffer.length < BATCH_SIZE && !ended) await new Promise((r) => setImmediate(r));
      const batch = buffer.splice(0, BATCH_SIZE);
      room?.();
      room = undefined;
      try {
        await this.applyWithRetries(batch);
      } catch (error) {
        await this.fail(batch, error);
        break;
      }
    }
    await subscription.close();
    room?.();
    await pump.catch((error: unknown) =>
      this.logger?.error({ err: error, projection: this.projection.name }, 'subscription failed'),
    );
  }

  /**
   * A batch that failed for a passing reason (a deadlock, a serialization failure, a dropped connection) is
   * tried again after a short pause; anything else, or the same failure four times, stops the projection.
   */
  private async applyWithRetries(batch: RecordedEvent[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.applyBatch(batch);
      } catch (error) {
        if (attempt >= TRANSIENT_ATTEMPTS || !isTransient(error) || this.state !== 'running') throw error;
        this.logger?.warn(
          { err: error, projection: this.projection.name, attempt },
          'projection batch failed for a passing reason: trying again',
        );
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  }

  private async applyBatch(batch: RecordedEvent[]): Promise<void> {
    const { handles, name } = this.projection;
    const relevant = handles === 'all' ? batch : batch.filter((e) => handles.includes(e.type));
    const last = batch[batch.length - 1]!.position;
    if (this.shadowSchema) {
      if (relevant.length > 0)
        await inShadow(this.db, this.shadowSchema, (trx) => this.projection.apply(trx, relevant));
      this.position = last;
      this.onProgress();
      return;
    }
    if (relevant.length === 0 && this.stored.clean && last - this.stored.position < IDLE_CHECKPOINT_EVERY) {
      this.position = last;
      this.onProgress();
      return;
    }
    const { channel, onBatch } = this.live;
    // Another process announced it applied this far: the rows are in the tables, nothing is left to do. A
    // worker whose last batch another process had applied waits a moment for that process's announcement.
    if (
      channel &&
      (this.announcedPosition >= last || (this.following && (await this.announcement(last, FOLLOW_WAIT_MS))))
    ) {
      this.stored = { position: Math.max(this.stored.position, this.announcedPosition), clean: true };
      this.position = last;
      if (relevant.length > 0) onBatch?.(name, 'followed');
      this.onProgress();
      return;
    }
    const announce = channel
      ? sql`, (select pg_notify(${channel}, ${`${name} ${this.projection.version} ${last}`}) from moved) as announced`
      : sql``;
    const done = await this.db.transaction().execute(async (trx) => {
      // Every app process runs every projection on the same tables. Locking the checkpoint row first makes
      // them take turns per read model (no deadlock between two writers of the same rows), and events the
      // other process already applied are skipped rather than applied twice. One round trip locks the row,
      // reads where it stood, moves it to the end of this batch and announces it (NOTIFY is sent on
      // commit); the batch's rows commit with it or not at all.
      const row = await sql<{ done: string | number | null }>`
        with prior as (select position from projection_checkpoints where name = ${name} for update),
        moved as (
          update projection_checkpoints c
             set position = ${last}, status = 'running', last_error = null, error_position = null,
                 updated_at = now()
            from prior
           where c.name = ${name} and prior.position < ${last}
          returning c.position)
        select (select position from prior) as done${announce}`.execute(trx);
      const done = Number(row.rows[0]?.done ?? 0);
      const todo = relevant.filter((e) => e.position > done);
      if (todo.length > 0) await this.projection.apply(trx, todo);
      return done;
    });
    this.following = done >= last;
    if (relevant.length > 0) onBatch?.(name, this.following ? 'already-applied' : 'applied');
    this.stored = { position: Math.max(done, last), clean: true };
    this.position = last;
    this.onProgress();
  }

  private async fail(batch: RecordedEvent[], error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const errorPosition = batch[0]!.position;
    this.logger?.error(
      { err: error, projection: this.projection.name, after: this.position },
      'projection stopped on error',
    );
    // Stored first, so whoever sees the failure in memory also finds it in the table.
    if (!this.shadowSchema)
      await this.db
        .updateTable('projection_checkpoints')
        .set({ status: 'failed', last_error: message, error_position: errorPosition, updated_at: sql`now()` })
        .where('name', '=', this.projection.name)
        .execute()
        .catch(() => undefined);
    this.state = 'failed';
    this.stored.clean = false;
    this.lastError = message;
    this.errorPosition = errorPosition;
    this.onProgress();
  }
}
