import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
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
  apply(db: ProjectionDb, events: readonly RecordedEvent[]): Promise<void>;
}

export type EventHandler<E extends RecordedEvent = RecordedEvent> = (
  db: ProjectionDb,
  event: E,
) => Promise<void>;

/** A projection written as one handler per event type, applied one event at a time in order. */
export function defineProjection<Handlers extends Record<string, EventHandler<never>>>(definition: {
  name: string;
  version: number;
  tables: Projection['tables'];
  handlers: Handlers;
}): Projection {
  const handlers = definition.handlers as unknown as Record<string, EventHandler>;
  return {
    name: definition.name,
    version: definition.version,
    tables: definition.tables,
    handles: Object.keys(handlers),
    async apply(db, events) {
      for (const event of events) await handlers[event.type]?.(db, event);
    },
  };
}
