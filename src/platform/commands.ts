import type { EventRegistry, Recorded } from './event-store/events.ts';
import { WrongExpectedVersion, type EventMetadata, type EventStore } from './event-store/port.ts';

export interface Aggregate<State, E extends { type: string; data: unknown }> {
  initial: State;
  evolve(state: State, event: Recorded<E>): State;
  registry: EventRegistry<E>;
}

export interface CommandResult<State, E> {
  state: State;
  events: E[];
  /** Global position of the last appended event; null when the command changed nothing. */
  position: number | null;
}

const MAX_ATTEMPTS = 5;

/** Folds a stream into state. */
export async function loadAggregate<State, E extends { type: string; data: unknown }>(
  store: EventStore,
  stream: string,
  aggregate: Aggregate<State, E>,
): Promise<{ state: State; revision: number | 'no_stream' }> {
  const recorded = await store.readStream(stream);
  let state = aggregate.initial;
  for (const event of recorded) state = aggregate.evolve(state, aggregate.registry.decode(event));
  const last = recorded[recorded.length - 1];
  return { state, revision: last ? last.revision : 'no_stream' };
}

/**
 * Load, decide, append with the revision read; on a concurrent write, reload and decide again.
 * `decide` is pure and throws a domain error when a rule is broken.
 */
export async function handleCommand<State, E extends { type: string; data: unknown }>(
  store: EventStore,
  stream: string,
  aggregate: Aggregate<State, E>,
  decide: (state: State) => E[],
  metadata: EventMetadata,
): Promise<CommandResult<State, E>> {
  for (let attempt = 1; ; attempt++) {
    const { state, revision } = await loadAggregate(store, stream, aggregate);
    const events = decide(state);
    if (events.length === 0) return { state, events, position: null };
    try {
      const result = await store.append(
        stream,
        events.map((e) => aggregate.registry.encode(e, metadata)),
        { expectedRevision: revision },
      );
      let next = state;
      let r = revision === 'no_stream' ? -1 : revision;
      for (const e of events) {
        r++;
        next = aggregate.evolve(next, {
          ...e,
          id: '',
          streamName: stream,
          revision: r,
          position: result.position,
          metadata,
          recordedAt: metadata.occurredAt,
        } as unknown as Recorded<E>);
      }
      return { state: next, events, position: result.position };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersion) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
