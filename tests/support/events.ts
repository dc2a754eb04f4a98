import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '../../src/platform/event-store/port.ts';

export const systemMetadata = () => ({
  actorId: null,
  actorRole: 'system' as const,
  correlationId: randomUUID(),
  causationId: null,
  occurredAt: new Date().toISOString(),
});

/** Appends `count` test events, `perAppend` at a time, round-robin over `streams` streams. */
export async function appendTestEvents(
  store: EventStore,
  count: number,
  options: { perAppend?: number; streams?: number } = {},
) {
  const perAppend = options.perAppend ?? 10;
  const streams = Array.from({ length: options.streams ?? 5 }, () => `test-${randomUUID()}`);
  for (let i = 0, n = 0; n < count; i++) {
    const size = Math.min(perAppend, count - n);
    const events: NewEvent[] = Array.from({ length: size }, (_, k) => ({
      type: 'TestHappened',
      data: { n: n + k },
      metadata: systemMetadata(),
    }));
    await store.append(streams[i % streams.length]!, events);
    n += size;
  }
}
