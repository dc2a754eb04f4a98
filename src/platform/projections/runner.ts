import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { EventStore, RecordedEvent, Subscription } from '../event-store/port.ts';
import type { Logger } from '../logger.ts';
import type { Projection } from './projection.ts';

const BATCH_SIZE = 1_000;
/**
 * A batch with no event a projection reads moves its checkpoint in memory only, until it is this far
 * ahead of the stored one (or the runner stops): a busy log then costs the other projections nothing,
 * and a crash re-reads at most this many events that they skip anyway.
 */
const IDLE_CHECKPOINT_EVERY = 1_000;
const BUFFER_LIMIT = 5_000;

export interface ProjectionStatus {
  name: string;
  version: number;
  position: number;
  status: 'running' | 'failed' | 'rebuilding' | 'stopped';
  lastError: string | null;
  errorPosition: number | null;
}

/**
 * Runs projections side by side, each with its own subscription and checkpoint, so a failing one stops
 * alone and reports while the others go on. Events are applied in batches of up to 1,000 in one
 * transaction together with the checkpoint: a crash resumes exactly where the last batch committed.
 */
export class ProjectionRunner {
  private readonly workers = new Map<string, ProjectionWorker>();
  private readonly progressWaiters = new Set<() => void>();

  constructor(
    private readonly db: Db,
    private readonly store: EventStore,
    projections: readonly Projection[],
    private readonly logger?: Logger,
  ) {
    for (const projection of projections) {
      this.workers.set(
        projection.name,
        new ProjectionWorker(projection, db, store, () => this.onProgress(), logger),
      );
    }
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
    await Promise.all([...this.workers.values()].map((w) => w.stop()));
  }

  status(): ProjectionStatus[] {
    return [...this.workers.values()].map((w) => w.status());
  }

  /** Empties the projection's tables and replays the whole log into them. */
  async rebuild(name: string): Promise<void> {
    const worker = this.worker(name);
    await worker.stop();
    await worker.reset();
    worker.start();
  }

  /** Restarts a failed projection from its checkpoint, e.g. after a fix was deployed. */
  async restart(name: string): Promise<void> {
    const worker = this.worker(name);
    await worker.stop();
    await worker.prepare();
    worker.start();
  }

  /**
   * Resolves true once every running projection (or the named ones) has applied `position`, false after
   * `timeoutMs`. Failed projections are skipped: their readers already get stale data, not a hang.
   */
  async waitFor(position: number, options: { timeoutMs?: number; names?: string[] } = {}): Promise<boolean> {
    const deadline = Date.now() + (options.timeoutMs ?? 5_000);
    const workers = options.names ? options.names.map((n) => this.worker(n)) : [...this.workers.values()];
    const done = () => workers.every((w) => w.state === 'failed' || w.position >= position);
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

  /** Resolves once every running projection has reached the store's current head. */
  async catchUp(timeoutMs = 60_000): Promise<boolean> {
    return this.waitFor(await this.store.headPosition(), { timeoutMs });
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

  constructor(
    private readonly projection: Projection,
    private readonly db: Db,
    private readonly store: EventStore,
    private readonly onProgress: () => void,
    private readonly logger?: Logger,
  ) {}

  status(): ProjectionStatus {
    const { name, version } = this.projection;
    return {
      name,
      version,
      position: this.position,
      status: this.state,
      lastError: this.lastError,
      errorPosition: this.errorPosition,
    };
  }

  async prepare(): Promise<void> {
    const { name, version } = this.projection;
    const row = await this.db
      .selectFrom('projection_checkpoints')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    if (!row || row.version !== version || row.status === 'rebuilding') {
      if (row)
        this.logger?.info(
          { projection: name, from: row.version, to: version },
          'projection version changed: rebuilding',
        );
      await this.reset();
      return;
    }
    this.position = Number(row.position);
    this.stored = { position: this.position, clean: row.status === 'running' && row.last_error === null };
    this.lastError = null;
    this.errorPosition = null;
  }

  async reset(): Promise<void> {
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
    if (this.loop) return;
    this.state = 'running';
    this.loop = this.run().finally(() => (this.loop = undefined));
  }

  async stop(): Promise<void> {
    if (this.state === 'running') this.state = 'stopped';
    await this.subscription?.close();
    await this.loop;
    // Store a position moved in memory only (batches this projection does not read).
    if (this.state === 'stopped' && this.stored.clean && this.position > this.stored.position)
      await this.writeCheckpoint(this.db, this.position).then(
        () => (this.stored = { position: this.position, clean: true }),
        (err: unknown) =>
          this.logger?.warn({ err, projection: this.projection.name }, 'could not store the checkpoint'),
      );
  }

  private async writeCheckpoint(db: Db, position: number): Promise<void> {
    await db
      .updateTable('projection_checkpoints')
      .set({ position, status: 'running', last_error: null, error_position: null, updated_at: sql`now()` })
      .where('name', '=', this.projection.name)
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
        await this.applyBatch(batch);
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

  private async applyBatch(batch: RecordedEvent[]): Promise<void> {
    const { handles } = this.projection;
    const relevant = handles === 'all' ? batch : batch.filter((e) => handles.includes(e.type));
    const last = batch[batch.length - 1]!.position;
    if (relevant.length === 0 && this.stored.clean && last - this.stored.position < IDLE_CHECKPOINT_EVERY) {
      this.position = last;
      this.onProgress();
      return;
    }
    await this.db.transaction().execute(async (trx) => {
      if (relevant.length > 0) await this.projection.apply(trx, relevant);
      await this.writeCheckpoint(trx, last);
    });
    this.stored = { position: last, clean: true };
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
