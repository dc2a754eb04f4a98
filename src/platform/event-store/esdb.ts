/**
 * EventStoreDB adapter of the event store port (docs/eventstoredb.md), over @eventstore/db-client 6.x.
 * Positions are the log's commit positions: increasing, not dense. See docs/eventstoredb.md.
 */
import { randomUUID } from 'node:crypto';
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type EventData,
  type JSONType,
  type Position,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  WrongExpectedVersion,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type ListStreamsOptions,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SearchEventsOptions,
  type StreamSummary,
  type Subscription,
} from './port.ts';

/** Events read per request when $all has to be paged (system events are filtered here, not by the server). */
const PAGE = 500;

export function createEsdbEventStore(connectionString: string): EventStore {
  let client: EventStoreDBClient;
  try {
    client = EventStoreDBClient.connectionString(connectionString);
  } catch (error) {
    const expected = (error as { expected?: unknown }).expected;
    const hint = typeof expected === 'string' ? ` (expected ${expected})` : '';
    // No `cause`: the client's parse error quotes the whole string, credentials included.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(`EVENTSTORE_URL is not a valid EventStoreDB connection string${hint}`);
  }
  return new EsdbEventStore(client);
}

class EsdbEventStore implements EventStore {
  readonly kind = 'esdb';

  constructor(private readonly client: EventStoreDBClient) {}

  async append(
    stream: string,
    events: NewEvent[],
    { expectedRevision = 'any' }: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    const data: EventData[] = events.map((event) =>
      jsonEvent({
        id: event.id ?? randomUUID(),
        type: event.type,
        data: event.data as JSONType,
        metadata: event.metadata,
      }),
    );
    try {
      const result = await this.client.appendToStream(stream, data, {
        expectedRevision: toClientRevision(expectedRevision),
      });
      return {
        revision: Number(result.nextExpectedRevision),
        // The server omits the position when nothing was written (an empty append).
        position: result.position ? Number(result.position.commit) : await this.headPosition(),
      };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion === NO_STREAM ? 'no_stream' : Number(error.actualVersion);
        throw new WrongExpectedVersion(stream, expectedRevision, actual);
      }
      throw error;
    }
  }

  async readStream(
    stream: string,
    { from, direction = 'forwards', limit }: ReadStreamOptions = {},
  ): Promise<RecordedEvent[]> {
    if (limit === 0) return [];
    const backwards = direction === 'backwards';
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(stream, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: from !== undefined ? BigInt(from) : backwards ? END : START,
        maxCount: limit,
      });
      for await (const resolved of read) {
        const event = toRecorded(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readAll({ after = 0, limit = Number.MAX_SAFE_INTEGER }: ReadAllOptions = {}): Promise<
    RecordedEvent[]
  > {
    const events: RecordedEvent[] = [];
    let from: ReadPosition = after > 0 ? at(after) : START;
    // Reads from a position include the event at it, so everything up to the cursor has been seen.
    let cursor = after > 0 ? BigInt(after) : -1n;
    while (events.length < limit) {
      // +1 for the already-seen event the page starts at.
      const maxCount = Math.min(PAGE, limit - events.length + 1);
      let read = 0;
      // Never break out of the loop: that would leave the gRPC call open until the client is disposed.
      const page: AsyncIterable<AllStreamResolvedEvent> = this.client.readAll({
        fromPosition: from,
        maxCount,
      });
      for await (const resolved of page) {
        read++;
        const raw = resolved.event;
        if (!raw || raw.position.commit <= cursor) continue;
        from = raw.position;
        cursor = raw.position.commit;
        const event = toRecorded(resolved);
        if (event && !isSystemEvent(event.type) && events.length < limit) events.push(event);
      }
      if (read < maxCount) break;
    }
    return events;
  }

  subscribeAll({ after = 0 }: { after?: number } = {}): Subscription {
    const source = this.client.subscribeToAll({
      fromPosition: after > 0 ? at(after) : START,
      filter: excludeSystemEvents(),
    });
    const STOPPED = Symbol('stopped');
    let closed = false;
    let failure: Error | undefined;
    let stop!: () => void;
    const stopped = new Promise<typeof STOPPED>((resolve) => (stop = () => resolve(STOPPED)));
    // Listen from the start: an error emitted before the first next() would otherwise crash the process.
    source.on('error', (error) => {
      failure ??= error;
      stop();
    });
    const iterator = source[Symbol.asyncIterator]();

    const close = async (): Promise<void> => {
      if (closed) return;
      closed = true;
      stop();
      await source.unsubscribe().catch(() => undefined);
      source.destroy();
    };

    async function* events(): AsyncGenerator<RecordedEvent> {
      try {
        while (!closed) {
          // Racing against `stopped` lets close() end a next() that waits for a live event.
          const step = await Promise.race([stopped, iterator.next()]);
          if (step === STOPPED) {
            if (failure && !closed) throw failure;
            return;
          }
          if (step.done) return;
          const event = toRecorded(step.value);
          if (event && event.position > after && !isSystemEvent(event.type)) yield event;
        }
      } finally {
        await close();
      }
    }

    const generator = events();
    return { [Symbol.asyncIterator]: () => generator, close };
  }

  /**
   * EventStoreDB keeps no table of streams: the `$streams` system projection links every stream's first
   * event, so the names come from there (that projection must run), sorted here, and each listed stream's
   * last event gives its revision and time. Cost grows with the number of streams; docs/eventstoredb.md.
   */
  async listStreams({ prefix = '', after, limit }: ListStreamsOptions): Promise<StreamSummary[]> {
    const names: string[] = [];
    try {
      for await (const link of this.client.readStream('$streams', { fromRevision: START })) {
        // A link's data is "<revision>@<stream name>".
        const data = link.link?.data ?? link.event?.data;
        const text =
          typeof data === 'string' ? data : data instanceof Uint8Array ? Buffer.from(data).toString() : '';
        const name = text.slice(text.indexOf('@') + 1);
        if (!name || name.startsWith('$') || !name.startsWith(prefix)) continue;
        if (after === undefined || name > after) names.push(name);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    names.sort();
    const summaries: StreamSummary[] = [];
    for (const name of names.slice(0, limit)) {
      const [last] = await this.readStream(name, { direction: 'backwards', limit: 1 });
      if (last) summaries.push({ name, revision: last.revision, lastEventAt: last.recordedAt });
    }
    return summaries;
  }

  /** A filtered scan of `$all` (this client cannot filter reads on the server); docs/eventstoredb.md. */
  async searchEvents(options: SearchEventsOptions): Promise<RecordedEvent[]> {
    const found: RecordedEvent[] = [];
    let after = options.after ?? 0;
    for (;;) {
      const page = await this.readAll({ after, limit: PAGE });
      for (const event of page) {
        if (matches(event, options)) found.push(event);
        if (found.length === options.limit) return found;
      }
      if (page.length < PAGE) return found;
      after = page.at(-1)!.position;
    }
  }

  async headPosition(): Promise<number> {
    let from: ReadPosition = END;
    for (;;) {
      let read = 0;
      let head: number | undefined;
      const page: AsyncIterable<AllStreamResolvedEvent> = this.client.readAll({
        direction: BACKWARDS,
        fromPosition: from,
        maxCount: PAGE,
      });
      for await (const resolved of page) {
        read++;
        const raw = resolved.event;
        if (!raw) continue;
        from = raw.position;
        if (head === undefined && !isSystemEvent(raw.type)) head = Number(raw.position.commit);
      }
      if (head !== undefined) return head;
      if (read < PAGE) return 0;
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

function toClientRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/** Our positions are commit positions; in EventStoreDB 20+ an event's prepare position equals its commit position. */
function at(position: number): Position {
  return { commit: BigInt(position), prepare: BigInt(position) };
}

function matches(event: RecordedEvent, options: SearchEventsOptions): boolean {
  const { types, actorId, correlationId, from, to } = options;
  if (types && types.length > 0 && !types.includes(event.type)) return false;
  if (actorId !== undefined && event.metadata.actorId !== actorId) return false;
  if (correlationId !== undefined && event.metadata.correlationId !== correlationId) return false;
  if (from !== undefined && Date.parse(event.recordedAt) < Date.parse(from)) return false;
  if (to !== undefined && Date.parse(event.recordedAt) >= Date.parse(to)) return false;
  return true;
}

function isSystemEvent(type: string): boolean {
  return type.startsWith('$');
}

function toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  return {
    id: event.id,
    streamName: event.streamId,
    revision: Number(event.revision),
    position: Number(resolved.commitPosition ?? event.position?.commit ?? -1n),
    type: event.type,
    data: event.data,
    metadata: event.metadata as unknown as EventMetadata,
    recordedAt: event.created.toISOString(),
  };
}
