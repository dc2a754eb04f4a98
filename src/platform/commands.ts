import { AppError } from './errors.ts';
import type { EventRegistry, Recorded } from './event-store/events.ts';
import { WrongExpectedVersion, type EventMetadata, type EventStore } from './event-store/port.ts';
import { KeyedSerializer } from './keyed-serializer.ts';

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

/** How long a command keeps retrying a stream that other writers keep changing under it. */
export interface RetryPolicy {
  /** Total time spent waiting between attempts before giving up with a 409. */
  maxWaitMs: number;
  /** First backoff ceiling; each lost race doubles it, up to `maxDelayMs` (full jitter below it). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Injected so tests can make the backoff deterministic. */
  random: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxWaitMs: 5_000,
  baseDelayMs: 4,
  maxDelayMs: 250,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * The one answer to a write race that survived every retry: 409 with Retry-After, never a 5xx. Nothing
 * was written: the command can simply be sent again.
 */
export const contended = () =>
  new AppError(
    409,
    'Conflict',
    'Too many changes to the same thing at the same moment, and yours was not saved. Try again.',
    { retryAfter: 1 },
  );

// Commands on one stream within one process run one at a time, so they queue instead of colliding.
// Keyed by store: each store (one per app, one per test database) has its own queues.
const serializers = new WeakMap<EventStore, KeyedSerializer>();
function serializerFor(store: EventStore): KeyedSerializer {
  let serializer = serializers.get(store);
  if (!serializer) serializers.set(store, (serializer = new KeyedSerializer()));
  return serializer;
}

/** "Full jitter": a random wait below a ceiling that doubles with each lost race, at least 1 ms. */
export function backoffDelay(
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>,
  attempt: number,
) {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.max(1, Math.round(policy.random() * ceiling));
}

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
 * The command pipeline: load, decide, append with the revision read. Within a process, commands on one
 * stream are serialized; a write by another process in between (`WrongExpectedVersion`) reloads and
 * decides again after a jittered, growing backoff. A stream still contended after `maxWaitMs` answers
 * 409 "try again" (`contended()`), in this one place for every feature. `decide` is pure and throws a
 * domain error when a rule is broken.
 */
export async function handleCommand<State, E extends { type: string; data: unknown }>(
  store: EventStore,
  stream: string,
  aggregate: Aggregate<State, E>,
  decide: (state: State) => E[],
  metadata: EventMetadata,
  policy: RetryPolicy = defaultRetryPolicy,
): Promise<CommandResult<State, E>> {
  return serializerFor(store).run(stream, async () => {
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      const outcome = await attemptOnce(store, stream, aggregate, decide, metadata);
      if (outcome !== 'lost') return outcome;
      const delay = backoffDelay(policy, attempt);
      if (waited + delay > policy.maxWaitMs) throw contended();
      waited += delay;
      await policy.sleep(delay);
    }
  });
}

async function attemptOnce<State, E extends { type: string; data: unknown }>(
  store: EventStore,
  stream: string,
  aggregate: Aggregate<State, E>,
  decide: (state: State) => E[],
  metadata: EventMetadata,
): Promise<CommandResult<State, E> | 'lost'> {
  const { state, revision } = await loadAggregate(store, stream, aggregate);
  const events = decide(state);
  if (events.length === 0) return { state, events, position: null };
  const encoded = events.map((e) => aggregate.registry.encode(e, metadata));
  let result;
  try {
    result = await store.append(stream, encoded, { expectedRevision: revision });
  } catch (error) {
    if (error instanceof WrongExpectedVersion) return 'lost';
    throw error;
  }
  // The state after the command, folded from the events just written, as a reader would decode them.
  let next = state;
  let r = revision === 'no_stream' ? -1 : revision;
  for (const e of encoded) {
    r++;
    const recorded = { ...e, id: '', streamName: stream, revision: r, position: result.position };
    next = aggregate.evolve(
      next,
      aggregate.registry.decode({ ...recorded, recordedAt: metadata.occurredAt }),
    );
  }
  return { state: next, events, position: result.position };
}
