import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  backoffDelay,
  contended,
  defaultRetryPolicy,
  handleCommand,
  type Aggregate,
} from '../src/platform/commands.ts';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/database.ts';
import { AppError } from '../src/platform/errors.ts';
import { defineEvent, EventRegistry, type EventOf } from '../src/platform/event-store/events.ts';
import type { EventStore } from '../src/platform/event-store/port.ts';
import { PostgresEventStore } from '../src/platform/event-store/postgres.ts';
import { createTestDatabase } from './support/database.ts';
import { systemMetadata } from './support/events.ts';

// A counter: the smallest aggregate whose every command depends on the revision it read.
const Counted = defineEvent({ type: 'TestCounted', version: 1, schema: z.object({ n: z.number() }) });
type CounterEvent = EventOf<typeof Counted>;
const counter: Aggregate<number, CounterEvent> = {
  initial: 0,
  evolve: (_state, event) => event.data.n,
  registry: new EventRegistry<CounterEvent>([Counted]),
};
const increment = (n: number): CounterEvent[] => [{ type: 'TestCounted', data: { n: n + 1 } }];

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let store: EventStore;
/** A second store on the same log, as another app process holds: its commands are not queued with ours. */
let peer: EventStore;
let peerDatabase: DatabaseHandle | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  store = await PostgresEventStore.create({ db: database.db, pool: database.pool });
  peerDatabase = database.url ? await openDatabase({ databaseUrl: database.url, poolSize: 4 }) : undefined;
  peer = await PostgresEventStore.create({
    db: peerDatabase?.db ?? database.db,
    pool: peerDatabase?.pool ?? database.pool,
  });
});

afterAll(async () => {
  await peer.close();
  await peerDatabase?.close();
  await store.close();
  await database.close();
});

const run = (s: EventStore, stream: string, policy = defaultRetryPolicy) =>
  handleCommand(s, stream, counter, increment, systemMetadata(), policy);

describe('the command pipeline', () => {
  it('queues 50 concurrent commands on one stream in one process: every one succeeds, in order', async () => {
    const stream = `test-${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 50 }, () => run(store, stream)));
    expect(results.map((r) => r.state).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect((await store.readStream(stream)).length).toBe(50);
  });

  it('retries races lost to another process with backoff until every command is written', async () => {
    const stream = `test-${randomUUID()}`;
    const both = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) => run(i % 2 ? store : peer, stream)),
    );
    expect(both.filter((r) => r.status === 'rejected')).toEqual([]);
    const events = await store.readStream(stream);
    expect(events.map((e) => (e.data as { n: number }).n)).toEqual(
      Array.from({ length: 60 }, (_, i) => i + 1),
    );
  });

  it('answers a stream that stays contended past the bounded wait with one 409 "try again"', async () => {
    // No time to wait at all: every lost race is final, so the losers must come back as the 409.
    const impatient = { ...defaultRetryPolicy, maxWaitMs: 0 };
    let conflicts = 0;
    for (let round = 0; round < 20 && conflicts === 0; round++) {
      const stream = `test-${randomUUID()}`;
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => run(i % 2 ? store : peer, stream, impatient)),
      );
      for (const outcome of outcomes) {
        if (outcome.status === 'fulfilled') continue;
        expect(outcome.reason).toBeInstanceOf(AppError);
        expect(outcome.reason).toMatchObject({ status: 409, extra: { retryAfter: 1 } });
        conflicts++;
      }
      const written = (await store.readStream(stream)).length;
      expect(written).toBe(outcomes.filter((o) => o.status === 'fulfilled').length);
    }
    expect(conflicts).toBeGreaterThan(0);
    expect(contended().detail).toMatch(/Try again/);
  });

  it('backs off with full jitter below a ceiling that doubles up to maxDelayMs', () => {
    const at = (random: number) => (attempt: number) =>
      backoffDelay({ ...defaultRetryPolicy, random: () => random }, attempt);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(at(1))).toEqual([4, 8, 16, 32, 64, 128, 250, 250]);
    expect([0, 3, 7].map(at(0))).toEqual([1, 1, 1]);
    expect(at(0.5)(3)).toBe(16);
  });
});
