import type { z } from 'zod';
import type { EventMetadata, NewEvent, RecordedEvent } from './port.ts';

/**
 * An event type: its name, its current schema version, the zod schema of that version, and upcasters
 * that lift older stored versions on read. Stored events are never rewritten.
 */
export interface EventDefinition<Type extends string, Schema extends z.ZodType> {
  type: Type;
  version: number;
  schema: Schema;
  /** upcast[v] turns data of version v into version v + 1. */
  upcast?: Record<number, (data: unknown) => unknown>;
}

export function defineEvent<Type extends string, Schema extends z.ZodType>(
  definition: EventDefinition<Type, Schema>,
): EventDefinition<Type, Schema> {
  return definition;
}

/** What every event of a registry looks like before it is recorded. */
export interface EventShape {
  type: string;
  data: unknown;
}

export type EventOf<D> = D extends EventDefinition<infer T, infer S> ? { type: T; data: z.output<S> } : never;
export type Recorded<E extends EventShape> = E extends unknown ? RecordedEvent<E['type'], E['data']> : never;
/** The recorded events of the named type(s) only: `RecordedOfType<UserEvent, 'UserRegistered'>`. */
export type RecordedOfType<E extends EventShape, T extends E['type']> = Extract<Recorded<E>, { type: T }>;
/** The events a registry decodes. */
export type EventsOf<R> = R extends EventRegistry<infer E extends EventShape> ? E : never;

/** Decodes recorded events of a set of definitions: upcasts old versions and validates the data. */
export class EventRegistry<E extends EventShape> {
  private readonly byType = new Map<string, EventDefinition<string, z.ZodType>>();

  constructor(definitions: readonly EventDefinition<string, z.ZodType>[]) {
    for (const d of definitions) this.byType.set(d.type, d);
  }

  /**
   * One registry for the events of several (e.g. a read model that reads two features' events). A type
   * may appear in more than one only with the very same definition.
   */
  static merge<R extends readonly EventRegistry<EventShape>[]>(
    ...registries: R
  ): EventRegistry<EventsOf<R[number]>> {
    const definitions = new Map<string, EventDefinition<string, z.ZodType>>();
    for (const registry of registries) {
      for (const [type, definition] of registry.byType) {
        const known = definitions.get(type);
        if (known && known !== definition) throw new Error(`Event type ${type} is defined twice`);
        definitions.set(type, definition);
      }
    }
    return new EventRegistry<EventsOf<R[number]>>([...definitions.values()]);
  }

  has(type: string): boolean {
    return this.byType.has(type);
  }

  decode(event: RecordedEvent): Recorded<E> {
    const definition = this.byType.get(event.type);
    if (!definition) throw new Error(`Unknown event type ${event.type} at position ${event.position}`);
    let data = event.data;
    for (let v = event.metadata.schemaVersion ?? 1; v < definition.version; v++) {
      const lift = definition.upcast?.[v];
      if (!lift) throw new Error(`No upcaster for ${event.type} v${v}`);
      data = lift(data);
    }
    return { ...event, data: definition.schema.parse(data) } as Recorded<E>;
  }

  /** Stamps new events with their schema version. */
  encode(event: E, metadata: EventMetadata): NewEvent {
    const version = this.byType.get(event.type)?.version ?? 1;
    return { type: event.type, data: event.data, metadata: { ...metadata, schemaVersion: version } };
  }
}
