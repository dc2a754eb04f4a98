import { AppError } from './errors.ts';
import type { EventRegistry, Recorded } from './event-store/events.ts';
import {
  WrongExpectedVersion,
  type EventMetadata,
  type EventStore,
  type NewEvent,
} from './event-store/port.ts';
import { StateCache } from './state-cache.ts';

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

/** "Full jitter": a random wait below a ceiling that doubles with each lost race, at least 1 ms. */
export function backoffDelay(
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>,
  attempt: number,
) {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.max(1, Math.round(policy.random() * ceiling));
}

/** Streams whose last folded state each store keeps in memory (`StateCache`). */
export const STATE_CACHE_STREAMS = 1_000;
/** At most this many queued commands of one stream are decided together and written in one append. */
export const MAX_COMMANDS_PER_APPEND = 256;

// Per store (one per app, one per test database): its commands queued per stream, and its state cache.
const lanesByStore = new WeakMap<EventStore, Map<string, Lane>>();
const cachesByStore = new WeakMap<EventStore, StateCache>();

function cacheFor(store: EventStore): StateCache {
  let cache = cachesByStore.get(store);
  if (!cache) cachesByStore.set(store, (cache = new StateCache(STATE_CACHE_STREAMS)));
  return cache;
}

/**
 * Folds a stream into state: the cached state of the stream, if any, plus the events after it, read from
 * the store every time (so an append by another process is never missed).
 */
export async function loadAggregate<State, E extends { type: string; data: unknown }>(
  store: EventStore,
  stream: string,
  aggregate: Aggregate<State, E>,
): Promise<{ state: State; revision: number | 'no_stream' }> {
  const cache = cacheFor(store);
  const cached = cache.get(stream, aggregate);
  const recorded = await store.readStream(stream, cached ? { from: cached.revision + 1 } : {});
  let state = cached ? (cached.state as State) : aggregate.initial;
  for (const event of recorded) state = aggregate.evolve(state, aggregate.registry.decode(event));
  const revision = recorded.at(-1)?.revision ?? cached?.revision ?? ('no_stream' as const);
  if (revision !== 'no_stream') cache.set(stream, { aggregate, state, revision });
  return { state, revision };
}

/** One caller's command, waiting in its stream's lane. */
interface Queued {
  aggregate: Aggregate<unknown, { type: string; data: unknown }>;
  decide: (state: unknown) => { type: string; data: unknown }[];
  metadata: EventMetadata;
  policy: RetryPolicy;
  resolve(result: CommandResult<unknown, { type: string; data: unknown }>): void;
  reject(error: unknown): void;
}

/** The commands of one stream in this process: the ones waiting, and whether an append is in flight. */
interface Lane {
  waiting: Queued[];
  busy: boolean;
}

/**
 * The command pipeline: load, decide, append with the revision read, for every feature.
 *
 * - **Group commit.** Within a process, commands on one stream are queued in arrival order. While one
 *   append for the stream is in flight, the commands that arrive wait; then all of them (up to
 *   `MAX_COMMANDS_PER_APPEND`) are decided one after the other against one load, each on the state the
 *   ones before it left, and their events are written in one append at the revision read. Each event
 *   carries its own command's metadata, each caller gets its own answer (the state after its own events),
 *   and a command the decider refuses fails alone: the others are decided as if it had not been sent.
 * - **State cache.** The load starts from the stream's last folded state (`StateCache`) and reads only the
 *   events after it.
 * - **Races with other processes.** A write in between (`WrongExpectedVersion`) drops the cached state and,
 *   after a jittered, growing backoff, reloads and decides the whole group again. A stream still contended
 *   after `maxWaitMs` answers 409 "try again" (`contended()`) to every command of the group. Nothing of a
 *   group is written unless all of its accepted commands are.
 *
 * `decide` is pure and throws a domain error when a rule is broken. `evolve` may read an event's data,
 * metadata and revision, not its id or position: a group is folded before it is written.
 */
export function handleCommand<State, E extends { type: string; data: unknown }>(
  store: EventStore,
  stream: string,
  aggregate: Aggregate<State, E>,
  decide: (state: State) => E[],
  metadata: EventMetadata,
  policy: RetryPolicy = defaultRetryPolicy,
): Promise<CommandResult<State, E>> {
  return new Promise((resolve, reject) => {
    let lanes = lanesByStore.get(store);
    if (!lanes) lanesByStore.set(store, (lanes = new Map<string, Lane>()));
    let lane = lanes.get(stream);
    if (!lane) lanes.set(stream, (lane = { waiting: [], busy: false }));
    lane.waiting.push({ aggregate, decide, metadata, policy, resolve, reject } as unknown as Queued);
    if (!lane.busy) void drain(store, stream, lanes, lane);
  });
}

async function drain(store: EventStore, stream: string, lanes: Map<string, Lane>, lane: Lane) {
  lane.busy = true;
  try {
    while (lane.waiting.length > 0) {
      // One group shares an aggregate and a retry policy (in practice: every command of the stream).
      const first = lane.waiting[0]!;
      let take = 1;
      while (
        take < lane.waiting.length &&
        take < MAX_COMMANDS_PER_APPEND &&
        lane.waiting[take]!.aggregate === first.aggregate &&
        lane.waiting[take]!.policy === first.policy
      )
        take++;
      await runGroup(store, stream, lane.waiting.splice(0, take));
    }
  } finally {
    lane.busy = false;
    if (lanes.get(stream) === lane) lanes.delete(stream);
  }
}

/** Decides and writes one group until it is written, refused, or given up on; settles every command. */
async function runGroup(store: EventStore, stream: string, group: Queued[]): Promise<void> {
  const { policy } = group[0]!;
  let waited = 0;
  for (let attempt = 0; ; attempt++) {
    let written: boolean;
    try {
      // The first attempt may decide on the cached state alone; after a lost race, read what changed.
      written = await attemptGroup(store, stream, group, attempt === 0);
    } catch (error) {
      // Not a lost race (a read or write failed): the outcome of the append is unknown, so forget the
      // cached state; run each command alone, so that one whose events the store refuses fails alone.
      cacheFor(store).drop(stream);
      if (group.length === 1) group[0]!.reject(error);
      else for (const one of group) await runGroup(store, stream, [one]);
      return;
    }
    if (written) return;
    const delay = backoffDelay(policy, attempt);
    if (waited + delay > policy.maxWaitMs) {
      for (const one of group) one.reject(contended());
      return;
    }
    waited += delay;
    await policy.sleep(delay);
  }
}

type Decided =
  | { command: Queued; refused: unknown }
  | { command: Queued; events: { type: string; data: unknown }[]; state: unknown };

/**
 * Decides every command of the group in order on one state, then writes their events in one append at
 * that state's revision. False when another process wrote first (the group is decided again).
 *
 * The state is the cached one without a read when `trustCache` (the append at its revision proves it was
 * current), else the cache plus the stream's tail. A group that writes nothing has no append to prove
 * its state, so its answers (refusals, no-ops) always come from a state just read.
 */
async function attemptGroup(
  store: EventStore,
  stream: string,
  group: Queued[],
  trustCache: boolean,
): Promise<boolean> {
  const { aggregate } = group[0]!;
  const cached = trustCache ? cacheFor(store).get(stream, aggregate) : undefined;
  const loaded = cached
    ? { state: cached.state, revision: cached.revision }
    : await loadAggregate(store, stream, aggregate);
  const { decided, events, state } = decideGroup(stream, group, loaded);
  if (events.length === 0 && cached) return attemptGroup(store, stream, group, false);
  let position: number | null = null;
  if (events.length > 0) {
    try {
      const result = await store.append(stream, events, { expectedRevision: loaded.revision });
      position = result.position;
      cacheFor(store).set(stream, { aggregate, state, revision: result.revision });
    } catch (error) {
      if (error instanceof WrongExpectedVersion) return false;
      throw error;
    }
  }
  // Every command of the group answers with the position of the group's last event: all were written
  // in one transaction, so a reader that has it has them all.
  for (const d of decided) {
    if ('refused' in d) d.command.reject(d.refused);
    else d.command.resolve({ state: d.state, events: d.events, position: d.events.length ? position : null });
  }
  return true;
}

/** The pure part: each command decided on the state the ones before it left; a refusal skips only it. */
function decideGroup(
  stream: string,
  group: Queued[],
  loaded: { state: unknown; revision: number | 'no_stream' },
) {
  const { aggregate } = group[0]!;
  let state = loaded.state;
  let revision = loaded.revision === 'no_stream' ? -1 : loaded.revision;
  const decided: Decided[] = [];
  const events: NewEvent[] = [];
  for (const command of group) {
    try {
      const produced = command.decide(state);
      const encoded = produced.map((e) => aggregate.registry.encode(e, command.metadata));
      // Fold the events as a reader would decode them; data a reader would refuse fails this command only.
      let next = state;
      let r = revision;
      for (const e of encoded) {
        const recorded = { ...e, id: '', streamName: stream, revision: ++r, position: 0 };
        next = aggregate.evolve(
          next,
          aggregate.registry.decode({ ...recorded, recordedAt: e.metadata.occurredAt }),
        );
      }
      decided.push({ command, events: produced, state: next });
      events.push(...encoded);
      state = next;
      revision = r;
    } catch (refused) {
      decided.push({ command, refused });
    }
  }
  return { decided, events, state };
}
