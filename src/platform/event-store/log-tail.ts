import type { RecordedEvent } from './port.ts';

/**
 * The most recent events of the log, shared by the subscribers of one process. It holds exactly the events
 * with positions in `(from, to]`, as the database returned them: it only grows by reading after `to`, and
 * the store makes positions visible in order (the Postgres adapter appends under one head lock), so nothing can
 * appear inside that range later.
 *
 * A subscriber inside the range gets its page from memory. One at `to` joins the read in flight, if that
 * read started after the last wake-up the subscriber saw (else it could miss an event that woke it), or
 * starts the next one. A subscriber outside the range (far behind, say, after a restart) reads the database
 * itself; an empty tail restarts at the first position asked for.
 */
export class LogTail {
  private events: RecordedEvent[] = [];
  private from = 0;
  private to = 0;
  /** The read in progress: after which position, since which wake-up, and its answer. */
  private inflight: { after: number; version: number; rows: Promise<RecordedEvent[]> } | undefined;

  constructor(
    private readonly read: (after: number) => Promise<RecordedEvent[]>,
    private readonly version: () => number,
    private readonly capacity: number,
    private readonly pageSize: number,
  ) {}

  /** The events after `after` (a page at most), including every append whose wake-up bumped `seen`. */
  async page(after: number, seen: number): Promise<RecordedEvent[]> {
    for (;;) {
      if (this.events.length === 0 && !this.inflight && after !== this.to) this.from = this.to = after;
      if (after < this.from || after > this.to) return this.read(after);
      if (after < this.to) return this.slice(after);
      const current = this.inflight;
      if (current && current.version >= seen && current.after === after) return current.rows;
      if (current) {
        await current.rows.catch(() => undefined);
        continue;
      }
      const rows = this.extend(after);
      this.inflight = { after, version: this.version(), rows };
      try {
        return await rows;
      } finally {
        if (this.inflight?.rows === rows) this.inflight = undefined;
      }
    }
  }

  /** Reads the events after `to` (= `after`) and keeps them, dropping the oldest beyond the capacity. */
  private async extend(after: number): Promise<RecordedEvent[]> {
    const rows = await this.read(after);
    if (rows.length === 0) return rows;
    this.events.push(...rows);
    this.to = rows[rows.length - 1]!.position;
    const over = this.events.length - this.capacity;
    if (over > 0) {
      this.from = this.events[over - 1]!.position;
      this.events = this.events.slice(over);
    }
    return rows;
  }

  /** The events after `after` (from <= after < to), a page at most. */
  private slice(after: number): RecordedEvent[] {
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.events[mid]!.position <= after) lo = mid + 1;
      else hi = mid;
    }
    return this.events.slice(lo, lo + this.pageSize);
  }
}
