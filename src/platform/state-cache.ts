/**
 * The last folded state of recently used streams, so a command on a hot stream reads only the events after
 * it instead of the whole stream again (docs/architecture.md, "A request"). Bounded: the least recently
 * used stream goes first. Never trusted on its own: every load reads the stream's tail after the cached
 * revision, and every write is an append at the revision decided on, so a stale entry costs a lost race
 * and a reload, never a wrong decision. States are immutable (`evolve` returns a new one), so the cache
 * and its readers may share them.
 */
export interface CachedState {
  /** The aggregate that folded it: the same stream read as another aggregate is a miss. */
  aggregate: unknown;
  state: unknown;
  /** Revision of the last event folded in. */
  revision: number;
}

export class StateCache {
  private readonly entries = new Map<string, CachedState>();

  constructor(readonly capacity: number) {}

  get(stream: string, aggregate: unknown): CachedState | undefined {
    const entry = this.entries.get(stream);
    if (!entry || entry.aggregate !== aggregate) return undefined;
    // Map keeps insertion order: re-inserting marks the stream as the most recently used.
    this.entries.delete(stream);
    this.entries.set(stream, entry);
    return entry;
  }

  /** Keeps the newer of two states of one stream (a read and a command may finish in either order). */
  set(stream: string, entry: CachedState): void {
    const current = this.entries.get(stream);
    if (current && current.aggregate === entry.aggregate && current.revision > entry.revision) return;
    this.entries.delete(stream);
    this.entries.set(stream, entry);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  drop(stream: string): void {
    this.entries.delete(stream);
  }

  get size(): number {
    return this.entries.size;
  }
}
