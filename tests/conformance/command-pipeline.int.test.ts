import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { handleCommand, loadAggregate, type Aggregate } from '../../src/platform/commands.ts';
import { conflict } from '../../src/platform/errors.ts';
import { defineEvent, EventRegistry, type EventOf } from '../../src/platform/event-store/events.ts';
import type { EventStore } from '../../src/platform/event-store/port.ts';
import { systemMetadata } from '../support/events.ts';
import { adapters } from './adapters.ts';

// Group commit and the state cache of the command pipeline (src/platform/commands.ts), on every event
// store adapter: a store is one app process, its peers are others on the same log.

const Counted = defineEvent({
  type: 'TestCounted',
  version: 1,
  schema: z.object({ n: z.number().int(), by: z.string() }),
});
type CounterEvent = EventOf<typeof Counted>;
const counter: Aggregate<number, CounterEvent> = {
  initial: 0,
  evolve: (_state, event) => event.data.n,
  registry: new EventRegistry<CounterEvent>([Counted]),
};

/** Counts one up, as `by`; refuses when told to, or (with `atLeast`) while the count is below it. */
const increment =
  (by: string, options: { refuse?: boolean; atLeast?: number; badData?: boolean } = {}) =>
  (n: number): CounterEvent[] => {
    if (options.refuse) throw conflict(`${by} is refused`);
    if (options.atLeast !== undefined && n < options.atLeast) throw conflict(`${by}: only ${n} so far`);
    // Data the event's schema refuses (a reader could not decode it): this command must fail alone.
    if (options.badData) return [{ type: 'TestCounted', data: { n: n + 0.5, by } }];
    return [{ type: 'TestCounted', data: { n: n + 1, by } }];
  };
const nothing = () => (): CounterEvent[] => [];

describe.each(adapters)('command pipeline: $name', (adapter) => {
  let store: EventStore;
  let peer: EventStore;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const opened = await adapter.open();
    store = opened.store;
    peer = opened.peers[0]!;
    close = () => opened.close();
  });
  afterAll(async () => close());

  const run = (s: EventStore, stream: string, decide: (n: number) => CounterEvent[], by = 'x') => {
    const metadata = { ...systemMetadata(), correlationId: by };
    return handleCommand(s, stream, counter, decide, metadata);
  };
  const counted = async (stream: string) =>
    (await store.readStream(stream)).map((e) => ({
      n: (e.data as { n: number }).n,
      by: (e.data as { by: string }).by,
      correlationId: e.metadata.correlationId,
    }));

  it('decides commands that queue on one stream together, in arrival order, each with its own metadata', async () => {
    const stream = `test-${randomUUID()}`;
    const names = Array.from({ length: 40 }, (_, i) => `c${i}`);
    const results = await Promise.all(names.map((by) => run(store, stream, increment(by), by)));
    // Each caller gets the state after its own command, as if they had run one by one.
    expect(results.map((r) => r.state)).toEqual(names.map((_, i) => i + 1));
    expect(await counted(stream)).toEqual(names.map((by, i) => ({ n: i + 1, by, correlationId: by })));
    // They were written in fewer appends than commands: commands of one append share its position.
    expect(new Set(results.map((r) => r.position)).size).toBeLessThan(names.length);
  });

  it('fails a refused command alone; the others are decided as if it had not been sent', async () => {
    const stream = `test-${randomUUID()}`;
    const refused = new Set([3, 4, 11]);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 16 }, (_, i) =>
        run(store, stream, increment(`c${i}`, { refuse: refused.has(i), badData: i === 7 }), `c${i}`),
      ),
    );
    outcomes.forEach((outcome, i) => {
      if (refused.has(i))
        expect(outcome).toMatchObject({
          status: 'rejected',
          reason: { status: 409, detail: `c${i} is refused` },
        });
      else if (i === 7) expect(outcome.status).toBe('rejected');
      else expect(outcome.status).toBe('fulfilled');
    });
    const kept = [...Array(16).keys()].filter((i) => !refused.has(i) && i !== 7);
    expect(await counted(stream)).toEqual(
      kept.map((i, k) => ({ n: k + 1, by: `c${i}`, correlationId: `c${i}` })),
    );
  });

  it('loses a race to another process on a cached state, reads what changed and decides again', async () => {
    const stream = `test-${randomUUID()}`;
    expect((await run(store, stream, increment('a'))).state).toBe(1); // cached at revision 0
    expect((await run(peer, stream, increment('b'))).state).toBe(2); // written behind its back
    expect((await run(store, stream, increment('c'))).state).toBe(3);
    expect((await counted(stream)).map((e) => `${e.by}${e.n}`)).toEqual(['a1', 'b2', 'c3']);
  });

  it('never answers a command that writes nothing from a stale cached state', async () => {
    const stream = `test-${randomUUID()}`;
    await run(store, stream, increment('a'));
    await run(peer, stream, increment('b'));
    // A no-op sees the count the other process wrote, and so does a plain read.
    expect((await run(store, stream, nothing())).state).toBe(2);
    await run(peer, stream, increment('c'));
    expect((await loadAggregate(store, stream, counter)).state).toBe(3);
    // A refusal on the cached state is checked against the stream before it is given.
    await run(peer, stream, increment('d'));
    const allowed = await run(store, stream, increment('e', { atLeast: 4 }));
    expect(allowed.state).toBe(5);
  });

  it('keeps every command exactly once while two processes race on one stream', async () => {
    const stream = `test-${randomUUID()}`;
    const names = Array.from({ length: 60 }, (_, i) => `c${i}`);
    const outcomes = await Promise.allSettled(
      names.map((by, i) => run(i % 2 ? store : peer, stream, increment(by), by)),
    );
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    const events = await counted(stream);
    expect(events.map((e) => e.n)).toEqual(names.map((_, i) => i + 1));
    expect(events.map((e) => e.by).sort()).toEqual([...names].sort());
    // Each process's commands keep their arrival order among themselves.
    for (const parity of [0, 1]) {
      const mine = events.map((e) => Number(e.by.slice(1))).filter((i) => i % 2 === parity);
      expect(mine).toEqual([...mine].sort((a, b) => a - b));
    }
  });
});
