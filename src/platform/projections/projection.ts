import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { EventRegistry, EventShape, Recorded, RecordedOfType } from '../event-store/events.ts';
import type { RecordedEvent } from '../event-store/port.ts';

export type ProjectionDb = Transaction<Database>;

/**
 * A read model built from the log. `apply` runs inside the transaction that also stores the checkpoint,
 * so it must be idempotent and deterministic: time comes from the event, never from the clock.
 */
export interface Projection {
  name: string;
  /** Bump on any change of logic or tables: the engine then rebuilds from zero. */
  version: number;
  /** Tables emptied on rebuild. */
  tables: readonly (keyof Database)[];
  /** Event types applied; `all` for projections like the activity log. */
  handles: readonly string[] | 'all';
  /** Gets recorded events as stored; events of types it does not handle are skipped. */
  apply(db: ProjectionDb, events: readonly RecordedEvent[]): Promise<void>;
}

/** One handler per event type of a registry, each given its event decoded (upcast, validated) and typed. */
export type EventHandlers<E extends EventShape> = {
  [T in E['type']]?: (db: ProjectionDb, event: RecordedOfType<E, T>) => Promise<void>;
};

/**
 * Handlers that take a run of consecutive events of one type at once (a crowd registering is hundreds
 * of `SessionRegistrationAdded` in a row), so they can write the run in a few multi-row statements. A run
 * ends at the next event of another type the projection handles; events it does not handle do not end
 * it, since they change none of its tables. A run handler must leave the tables as its events applied
 * one at a time would.
 */
export type RunHandlers<E extends EventShape> = {
  [T in E['type']]?: (db: ProjectionDb, events: readonly RecordedOfType<E, T>[]) => Promise<void>;
};

/** Keys of `H` that name no event type of `E`: each must be `never`, so a stray or misspelt key is an error. */
type OnlyEventTypes<E extends EventShape, H> = { [K in Exclude<keyof H, E['type']>]: never };

interface Definition<E extends EventShape> {
  name: string;
  version: number;
  tables: Projection['tables'];
  /** Decodes the handled events; `EventRegistry.merge(a, b)` for a read model of several features. */
  events: EventRegistry<E>;
}

function checkHandled(definition: Definition<EventShape>, types: readonly string[]): void {
  for (const type of types) {
    if (!definition.events.has(type))
      throw new Error(
        `Projection ${definition.name} handles ${type}, which its event registry does not define`,
      );
  }
}

/**
 * A projection written as one handler per event type, applied one event at a time in order. Each handled
 * event is decoded once, here, and its handler gets it typed by its type name; `handles` is the handler
 * keys. A handled event that does not decode throws, which stops this projection and reports (runner.ts).
 */
export function defineProjection<E extends EventShape, H, R = object>(
  definition: Definition<E> & {
    handlers: H & EventHandlers<E> & OnlyEventTypes<E, H>;
    /** Types handled a run at a time instead (never also in `handlers`). */
    runs?: R & RunHandlers<E> & OnlyEventTypes<E, R>;
    /**
     * Runs after the handlers of a batch, in its transaction, with the events they were given: for work
     * a batch needs once rather than once per event (a count over rows the events changed, say).
     */
    afterBatch?: (db: ProjectionDb, events: readonly Recorded<E>[]) => Promise<void>;
  },
): Projection {
  const { name, version, tables, events } = definition;
  // A handler is called only with a decoded event of its own type name, which TypeScript cannot relate (a
  // key to its value's parameter type): this one cast is what spares every projection its own.
  type Handler = (db: ProjectionDb, event: Recorded<E>) => Promise<void>;
  type RunHandler = (db: ProjectionDb, events: readonly Recorded<E>[]) => Promise<void>;
  const handlers = new Map<string, Handler>();
  const byType = definition.handlers as Partial<Record<string, Handler>>;
  for (const [type, handler] of Object.entries(byType)) {
    if (handler) handlers.set(type, handler);
  }
  const runs = new Map<string, RunHandler>();
  const byRunType: Partial<Record<string, RunHandler>> = definition.runs ?? {};
  for (const [type, handler] of Object.entries(byRunType)) {
    if (!handler) continue;
    if (handlers.has(type))
      throw new Error(`Projection ${name} handles ${type} both one at a time and in runs`);
    runs.set(type, handler);
  }
  const handles = [...handlers.keys(), ...runs.keys()];
  checkHandled(definition, handles);
  return {
    name,
    version,
    tables,
    handles,
    async apply(db, recorded) {
      const handled: Recorded<E>[] = [];
      let run: Recorded<E>[] = [];
      const endRun = async () => {
        if (run.length === 0) return;
        const events = run;
        run = [];
        await runs.get(events[0]!.type)!(db, events);
      };
      for (const event of recorded) {
        const handler = handlers.get(event.type);
        if (!handler && !runs.has(event.type)) continue;
        const decoded = events.decode(event);
        if (handler) {
          await endRun();
          await handler(db, decoded);
        } else {
          if (run.length > 0 && run[0]!.type !== decoded.type) await endRun();
          run.push(decoded);
        }
        handled.push(decoded);
      }
      await endRun();
      if (definition.afterBatch && handled.length > 0) await definition.afterBatch(db, handled);
    },
  };
}

/**
 * A projection that writes a batch at a time (multi-row or set-based writes): `applyBatch` gets the
 * batch's events of the `handles` types, in order, each decoded once and typed, and is not called when
 * there are none. A handled event that does not decode throws before anything is written.
 */
export function defineBatchProjection<E extends EventShape, const T extends E['type']>(
  definition: Definition<E> & {
    handles: readonly T[];
    applyBatch(db: ProjectionDb, events: readonly RecordedOfType<E, T>[]): Promise<void>;
  },
): Projection {
  const { name, version, tables, events } = definition;
  const handles = new Set<string>(definition.handles);
  checkHandled(definition, [...handles]);
  return {
    name,
    version,
    tables,
    handles: [...handles],
    async apply(db, recorded) {
      const handled: RecordedOfType<E, T>[] = [];
      for (const event of recorded) {
        // Decoded only when its type is one of `handles`, so it is an event of a type in T (which the
        // registry's decode cannot tell).
        if (handles.has(event.type)) handled.push(events.decode(event) as RecordedOfType<E, T>);
      }
      if (handled.length > 0) await definition.applyBatch(db, handled);
    },
  };
}
