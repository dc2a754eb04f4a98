import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore, NewEvent, RecordedEvent } from '../../src/platform/event-store/port.ts';
import { WrongExpectedVersion } from '../../src/platform/event-store/port.ts';
import { adapters } from './adapters.ts';

const meta = () => ({
  actorId: null,
  actorRole: 'system' as const,
  correlationId: randomUUID(),
  causationId: null,
  occurredAt: new Date().toISOString(),
});
const event = (type: string, data: Record<string, unknown> = {}): NewEvent => ({
  type,
  data,
  metadata: meta(),
});
const stream = (category = 'test') => `${category}-${randomUUID()}`;

async function collect(store: EventStore, after: number, until: (seen: RecordedEvent[]) => boolean) {
  const seen: RecordedEvent[] = [];
  const subscription = store.subscribeAll({ after });
  for await (const e of subscription) {
    seen.push(e);
    if (until(seen)) break;
  }
  await subscription.close();
  return seen;
}

describe.each(adapters)('event store conformance: $name', (adapter) => {
  let store: EventStore;
  let peers: EventStore[];
  let close: () => Promise<void>;
  beforeAll(async () => {
    const opened = await adapter.open();
    store = opened.store;
    peers = opened.peers;
    close = () => opened.close();
  });
  afterAll(async () => close());

  describe('optimistic concurrency', () => {
    it('no_stream succeeds on a new stream and fails once it exists', async () => {
      const s = stream();
      const first = await store.append(s, [event('A')], { expectedRevision: 'no_stream' });
      expect(first.revision).toBe(0);
      const error = await store
        .append(s, [event('B')], { expectedRevision: 'no_stream' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersion);
      expect((error as WrongExpectedVersion).actual).toBe(0);
    });

    it('stream_exists fails on a missing stream and succeeds on an existing one', async () => {
      const s = stream();
      const error = await store
        .append(s, [event('A')], { expectedRevision: 'stream_exists' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersion);
      expect((error as WrongExpectedVersion).actual).toBe('no_stream');
      await store.append(s, [event('A')]);
      await expect(
        store.append(s, [event('B')], { expectedRevision: 'stream_exists' }),
      ).resolves.toMatchObject({
        revision: 1,
      });
    });

    it('an exact revision must equal the last revision', async () => {
      const s = stream();
      await store.append(s, [event('A'), event('B')], { expectedRevision: 'no_stream' });
      await expect(store.append(s, [event('C')], { expectedRevision: 0 })).rejects.toBeInstanceOf(
        WrongExpectedVersion,
      );
      await expect(store.append(s, [event('C')], { expectedRevision: 2 })).rejects.toBeInstanceOf(
        WrongExpectedVersion,
      );
      await expect(store.append(s, [event('C')], { expectedRevision: 1 })).resolves.toMatchObject({
        revision: 2,
      });
      const missing = await store
        .append(stream(), [event('A')], { expectedRevision: 0 })
        .catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(WrongExpectedVersion);
    });

    it('any always appends', async () => {
      const s = stream();
      await store.append(s, [event('A')], { expectedRevision: 'any' });
      await expect(store.append(s, [event('B')], { expectedRevision: 'any' })).resolves.toMatchObject({
        revision: 1,
      });
    });

    it('of many racing appends at one revision exactly one wins', async () => {
      const s = stream();
      await store.append(s, [event('Created')], { expectedRevision: 'no_stream' });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          store.append(s, [event('Raced', { i })], { expectedRevision: 0 }),
        ),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const o of outcomes) {
        if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(WrongExpectedVersion);
      }
      expect(await store.readStream(s)).toHaveLength(2);
    });
  });

  describe('atomic appends', () => {
    it('writes several events with consecutive revisions and positions', async () => {
      const s = stream();
      const result = await store.append(s, [event('A'), event('B'), event('C')]);
      const events = await store.readStream(s);
      expect(events.map((e) => [e.type, e.revision])).toEqual([
        ['A', 0],
        ['B', 1],
        ['C', 2],
      ]);
      expect(events[2]!.position).toBe(result.position);
      expect(events[0]!.position).toBeLessThan(events[1]!.position);
    });

    it('writes none of the events when the revision check fails', async () => {
      const s = stream();
      await store.append(s, [event('A')]);
      await store.append(s, [event('B'), event('C')], { expectedRevision: 5 }).catch(() => undefined);
      expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A']);
    });

    it.runIf(adapter.name.startsWith('postgres'))(
      'writes none of the events when one is refused, and spares its neighbours',
      async () => {
        const s = stream();
        const neighbour = stream();
        const [bad, good] = await Promise.allSettled([
          store.append(s, [event('Fine'), event('Refused', { text: 'nul \u0000 byte' })]),
          store.append(neighbour, [event('Fine')]),
        ]);
        expect(bad.status).toBe('rejected');
        expect(good.status).toBe('fulfilled');
        expect(await store.readStream(s)).toEqual([]);
        expect(await store.readStream(neighbour)).toHaveLength(1);
      },
    );
  });

  describe('reads', () => {
    it('reads a stream forwards, backwards, from a revision, with a limit; unknown streams are empty', async () => {
      const s = stream();
      await store.append(
        s,
        ['A', 'B', 'C', 'D'].map((t) => event(t, { t })),
      );
      const types = (events: RecordedEvent[]) => events.map((e) => e.type);
      expect(types(await store.readStream(s))).toEqual(['A', 'B', 'C', 'D']);
      expect(types(await store.readStream(s, { direction: 'backwards' }))).toEqual(['D', 'C', 'B', 'A']);
      expect(types(await store.readStream(s, { from: 2 }))).toEqual(['C', 'D']);
      expect(types(await store.readStream(s, { from: 2, limit: 1 }))).toEqual(['C']);
      // The command pipeline reads a cached stream's tail this way: nothing past the end.
      expect(types(await store.readStream(s, { from: 4 }))).toEqual([]);
      expect(types(await store.readStream(s, { direction: 'backwards', from: 1 }))).toEqual(['B', 'A']);
      expect(types(await store.readStream(s, { direction: 'backwards', limit: 1 }))).toEqual(['D']);
      expect(await store.readStream(stream())).toEqual([]);
      const [first] = await store.readStream(s);
      expect(first).toMatchObject({ streamName: s, revision: 0, data: { t: 'A' } });
      expect(first!.metadata.correlationId).toEqual(expect.any(String));
      expect(Date.parse(first!.recordedAt)).not.toBeNaN();
    });

    it('reads all streams in position order after an exclusive position', async () => {
      const before = await store.headPosition();
      const a = stream();
      const b = stream();
      await store.append(a, [event('A1')]);
      await store.append(b, [event('B1')]);
      await store.append(a, [event('A2')]);
      const all = (await store.readAll({ after: before, limit: 1000 })).filter((e) =>
        [a, b].includes(e.streamName),
      );
      expect(all.map((e) => e.type)).toEqual(['A1', 'B1', 'A2']);
      const afterFirst = await store.readAll({ after: all[0]!.position, limit: 1000 });
      expect(afterFirst[0]!.position).toBeGreaterThan(all[0]!.position);
      expect(afterFirst.some((e) => e.id === all[0]!.id)).toBe(false);
      expect(await store.headPosition()).toBe(all[2]!.position);
    });
  });

  describe('audit reads', () => {
    it('lists streams in name order by prefix, paged after a name, with revision and last time', async () => {
      const category = `audit${randomUUID().slice(0, 8)}`;
      const names = [stream(category), stream(category), stream(category)].sort();
      for (const [i, name] of names.entries())
        await store.append(
          name,
          Array.from({ length: i + 1 }, () => event('A')),
        );
      // A stream whose name only shares the start of the prefix's letters stays out; so does a wildcard.
      await store.append(`${category}x-${randomUUID()}`, [event('A')]);

      const all = await store.listStreams({ prefix: `${category}-`, limit: 10 });
      expect(all.map((s) => s.name)).toEqual(names);
      expect(all.map((s) => s.revision)).toEqual([0, 1, 2]);
      for (const s of all) expect(Date.parse(s.lastEventAt)).not.toBeNaN();

      const page = await store.listStreams({ prefix: `${category}-`, after: names[0], limit: 1 });
      expect(page.map((s) => s.name)).toEqual([names[1]]);
      expect(await store.listStreams({ prefix: `${category.slice(0, 4)}%`, limit: 10 })).toEqual([]);
    });

    it('searches the global log by type, actor, correlation id and time, oldest first, after a position', async () => {
      const actorId = randomUUID();
      const correlationId = randomUUID();
      const type = `Audited${randomUUID().slice(0, 8)}`;
      const s = stream('audit');
      const byActor = { ...meta(), actorId, actorRole: 'user' as const };
      const before = await store.headPosition();
      await store.append(s, [
        { type, data: { n: 1 }, metadata: byActor },
        { type: 'Other', data: { n: 2 }, metadata: { ...byActor, correlationId } },
        { type, data: { n: 3 }, metadata: { ...meta(), correlationId } },
      ]);

      const ofType = await store.searchEvents({ types: [type], after: before, limit: 10 });
      expect(ofType.map((e) => e.data)).toEqual([{ n: 1 }, { n: 3 }]);
      const ofActor = await store.searchEvents({ actorId, limit: 10 });
      expect(ofActor.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
      const chain = await store.searchEvents({ correlationId, limit: 10 });
      expect(chain.map((e) => e.data)).toEqual([{ n: 2 }, { n: 3 }]);
      const both = await store.searchEvents({ actorId, correlationId, limit: 10 });
      expect(both.map((e) => e.data)).toEqual([{ n: 2 }]);

      const first = await store.searchEvents({ actorId, limit: 1 });
      const next = await store.searchEvents({ actorId, after: first[0]!.position, limit: 1 });
      expect(next.map((e) => e.data)).toEqual([{ n: 2 }]);

      const recorded = ofActor[0]!.recordedAt;
      const later = new Date(Date.parse(recorded) + 60_000).toISOString();
      expect(await store.searchEvents({ actorId, from: later, limit: 10 })).toEqual([]);
      expect(await store.searchEvents({ actorId, to: recorded, limit: 10 })).toEqual([]);
      expect(await store.searchEvents({ actorId, from: recorded, to: later, limit: 10 })).toHaveLength(2);
    });
  });

  describe('subscribeAll', () => {
    it('catches up, then delivers live events', async () => {
      const before = await store.headPosition();
      const s = stream();
      await store.append(s, [event('Old')]);
      const seen = collect(store, before, (events) => events.some((e) => e.type === 'New'));
      await new Promise((r) => setTimeout(r, 50));
      await store.append(s, [event('New')]);
      const mine = (await seen).filter((e) => e.streamName === s);
      expect(mine.map((e) => e.type)).toEqual(['Old', 'New']);
    });

    it('a live subscriber sees every event exactly once, in position order, while 16 writers append', async () => {
      const writers = 16;
      const perWriter = 40;
      const sizeOf = (i: number) => 1 + (i % 3);
      const total =
        writers * Array.from({ length: perWriter }, (_, i) => sizeOf(i)).reduce((a, b) => a + b, 0);
      const before = await store.headPosition();
      const run = randomUUID();
      const shared = stream('shared');
      const isOurs = (e: RecordedEvent) => (e.data as { run?: string }).run === run;

      let ours = 0;
      const seenPromise = collect(store, before, (events) => {
        if (isOurs(events[events.length - 1]!)) ours++;
        return ours === total;
      });
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          const writer = [store, ...peers][w % (peers.length + 1)]!;
          const own = stream('writer');
          for (let i = 0; i < perWriter; i++) {
            // Half the appends contend on one shared stream, half go to the writer's own stream.
            const target = i % 2 === 0 ? shared : own;
            const batch = Array.from({ length: sizeOf(i) }, (_, k) => event('Written', { run, w, i, k }));
            await writer.append(target, batch);
          }
        }),
      );
      const seen = await seenPromise;
      const positions = seen.map((e) => e.position);
      expect(positions).toEqual([...positions].sort((x, y) => x - y));
      expect(new Set(positions).size).toBe(positions.length);
      const stored = [];
      for (let after = before; ;) {
        const page = await store.readAll({ after, limit: 1000 });
        if (page.length === 0 || stored.length >= seen.length) break;
        stored.push(...page);
        after = page[page.length - 1]!.position;
      }
      // Every event the log holds up to the last one seen was delivered: no skipped position.
      const last = positions[positions.length - 1]!;
      expect(positions).toEqual(stored.filter((e) => e.position <= last).map((e) => e.position));
      expect(seen.filter(isOurs)).toHaveLength(total);
      if (store.kind === 'postgres') {
        expect(positions).toEqual(Array.from({ length: positions.length }, (_, i) => before + 1 + i));
      }
    });

    it('close() ends a waiting iteration', async () => {
      const subscription = store.subscribeAll({ after: await store.headPosition() });
      const iterator = subscription[Symbol.asyncIterator]();
      const pending = iterator.next();
      await subscription.close();
      await expect(pending).resolves.toMatchObject({ done: true });
    });
  });
});
