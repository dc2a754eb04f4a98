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
    const codec = this.codec;
    return {
      close: () => inner.close(),
      async *[Symbol.asyncIterator]() {
        for await (const event of inner) yield await codec.open(event);
      },
    };
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
