import { describe, expect, it } from 'vitest';
import { LogTail } from './log-tail.ts';
import type { RecordedEvent } from './port.ts';

/** An in-memory log standing in for the database table: what is committed, and how often it was read. */
function memoryLog() {
  const events: RecordedEvent[] = [];
  let version = 0;
  const log = {
    reads: 0,
    /** The read the tail is given: committed events after `after`, a page of `page` at most. */
    read: (page: number) => async (after: number) => {
      log.reads++;
      // Taken when the query starts, as a statement snapshot is.
      const snapshot = events.filter((e) => e.position > after).slice(0, page);
      await new Promise((resolve) => setImmediate(resolve));
      return snapshot;
    },
    version: () => version,
    append(count = 1) {
      for (let i = 0; i < count; i++) {
        const position = events.length + 1;
        events.push({
          id: `e${position}`,
          streamName: 's-1',
          revision: position - 1,
          position,
          type: 'Happened',
          data: {},
          metadata: { actorId: null, actorRole: null, correlationId: 'c', causationId: null, occurredAt: '' },
          recordedAt: '',
        });
      }
      version++;
    },
  };
  return log;
}

const positions = (events: RecordedEvent[]) => events.map((e) => e.position);

describe('LogTail', () => {
  it('serves twelve subscribers at the head with one read per append', async () => {
    const log = memoryLog();
    const tail = new LogTail(log.read(1_000), log.version, 100, 1_000);
    log.append(3);
    const first = await Promise.all(Array.from({ length: 12 }, () => tail.page(0, log.version())));
    expect(first.map(positions)).toEqual(Array(12).fill([1, 2, 3]));
    expect(log.reads).toBe(1);

    log.append(2);
    const next = await Promise.all(Array.from({ length: 12 }, () => tail.page(3, log.version())));
    expect(next.map(positions)).toEqual(Array(12).fill([4, 5]));
    expect(log.reads).toBe(2);
  });

  it('gives a subscriber woken by an append that append, not the answer of a read that started before it', async () => {
    const log = memoryLog();
    const tail = new LogTail(log.read(1_000), log.version, 100, 1_000);
    log.append(1);
    expect(positions(await tail.page(0, log.version()))).toEqual([1]);
    // A read starts (nothing new yet); an append lands and wakes a second subscriber while it is in flight.
    const early = tail.page(1, log.version());
    log.append(1);
    const woken = tail.page(1, log.version());
    expect(positions(await early)).toEqual([]);
    expect(positions(await woken)).toEqual([2]);
  });

  it('sends a subscriber behind the kept range to the log itself, and keeps only the newest events', async () => {
    const log = memoryLog();
    const tail = new LogTail(log.read(10), log.version, 5, 10);
    log.append(12);
    expect(positions(await tail.page(0, log.version()))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(positions(await tail.page(10, log.version()))).toEqual([11, 12]);
    expect(log.reads).toBe(2);
    // Kept: 8..12. Inside it, from memory; before it, from the log.
    expect(positions(await tail.page(9, log.version()))).toEqual([10, 11, 12]);
    expect(log.reads).toBe(2);
    expect(positions(await tail.page(2, log.version()))).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(log.reads).toBe(3);
  });

  it('starts an empty tail where the first subscriber stands', async () => {
    const log = memoryLog();
    log.append(4);
    const tail = new LogTail(log.read(1_000), log.version, 100, 1_000);
    expect(positions(await tail.page(2, log.version()))).toEqual([3, 4]);
    expect(positions(await tail.page(3, log.version()))).toEqual([4]);
    expect(log.reads).toBe(1);
  });
});
