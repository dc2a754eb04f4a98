import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  ListStreamsOptions,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SearchEventsOptions,
  StreamSummary,
  Subscription,
} from '../event-store/port.ts';
import type { PersonalDataCodec } from './codec.ts';

/**
 * The event store port with personal data sealed on the way in and opened on the way out. It wraps either
 * adapter, so every reader (command pipeline, projections, live hub, audit, export) sees plain values, or
 * erased ones after an erasure, and no feature knows that anything is encrypted.
 */
export class PersonalDataStore implements EventStore {
  readonly kind: EventStore['kind'];
  private readonly opened = new WeakMap<
    RecordedEvent,
    { generation: number; event: Promise<RecordedEvent> }
  >();

  constructor(
    readonly inner: EventStore,
    readonly codec: PersonalDataCodec,
  ) {
    this.kind = inner.kind;
  }

  async append(
    stream: string,
    events: NewEvent[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult> {
    const sealed = await Promise.all(events.map((e) => this.codec.sealEvent(stream, e)));
    return this.inner.append(stream, sealed, options);
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.openAll(await this.inner.readStream(stream, options));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.openAll(await this.inner.readAll(options));
  }

  subscribeAll(options?: { after?: number }): Subscription {
    const inner = this.inner.subscribeAll(options);
    const open = (event: RecordedEvent) => this.openShared(event);
    return {
      close: () => inner.close(),
      async *[Symbol.asyncIterator]() {
        for await (const event of inner) yield await open(event);
      },
    };
  }

  /**
   * The subscribers of one process get the same stored event objects (the adapter's shared tail): each is
   * opened once for all of them, unless a key was destroyed or forgotten since (an erasure), when it is
   * opened again and reads as erased.
   */
  private openShared(event: RecordedEvent): Promise<RecordedEvent> {
    const generation = this.codec.keys.generation;
    const known = this.opened.get(event);
    if (known && known.generation === generation) return known.event;
    const opened = this.codec.open(event);
    this.opened.set(event, { generation, event: opened });
    opened.catch(() => this.opened.delete(event));
    return opened;
  }

  listStreams(options: ListStreamsOptions): Promise<StreamSummary[]> {
    return this.inner.listStreams(options);
  }

  async searchEvents(options: SearchEventsOptions): Promise<RecordedEvent[]> {
    return this.openAll(await this.inner.searchEvents(options));
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async openAll(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    const out = new Array<RecordedEvent>(events.length);
    // The page's missing keys in one query; then in order (an erasure in the page drops its key).
    if (events.length > 1) await this.codec.preload(events);
    for (let i = 0; i < events.length; i++) out[i] = await this.codec.open(events[i] as RecordedEvent);
    return out;
  }
}
