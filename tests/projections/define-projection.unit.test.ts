import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  defineEvent,
  EventRegistry,
  type EventOf,
  type RecordedOfType,
} from '../../src/platform/event-store/events.ts';
import type { RecordedEvent } from '../../src/platform/event-store/port.ts';
import {
  defineBatchProjection,
  defineProjection,
  type ProjectionDb,
} from '../../src/platform/projections/projection.ts';

let upcasts = 0;
// v1 stored { name }, v2 stores { first, last }.
const PersonNamed = defineEvent({
  type: 'PersonNamed',
  version: 2,
  schema: z.object({ first: z.string(), last: z.string() }),
  upcast: {
    1: (data) => {
      upcasts++;
      const [first = '', last = ''] = (data as { name: string }).name.split(' ');
      return { first, last };
    },
  },
});
const PersonLeft = defineEvent({ type: 'PersonLeft', version: 1, schema: z.object({ id: z.string() }) });
const PetAdopted = defineEvent({ type: 'PetAdopted', version: 1, schema: z.object({ pet: z.string() }) });

type PersonEvent = EventOf<typeof PersonNamed | typeof PersonLeft>;
type PetEvent = EventOf<typeof PetAdopted>;
const people = new EventRegistry<PersonEvent>([PersonNamed, PersonLeft]);
const pets = new EventRegistry<PetEvent>([PetAdopted]);

const db = {} as ProjectionDb;
let position = 0;
const recorded = (type: string, data: unknown, schemaVersion?: number): RecordedEvent => ({
  id: `e${++position}`,
  streamName: 's',
  revision: 0,
  position,
  type,
  data,
  recordedAt: '2026-01-01T00:00:00.000Z',
  metadata: {
    actorId: null,
    actorRole: 'system',
    correlationId: 'c',
    causationId: null,
    occurredAt: '2026-01-01T00:00:00.000Z',
    ...(schemaVersion !== undefined && { schemaVersion }),
  },
});

describe('defineProjection', () => {
  it('decodes each handled event once (upcasting old versions) and hands it over typed; skips the rest', async () => {
    const seen: string[] = [];
    const projection = defineProjection({
      name: 'people',
      version: 1,
      tables: [],
      events: people,
      handlers: {
        PersonNamed: async (_db, event) => {
          expectTypeOf(event.data).toEqualTypeOf<{ first: string; last: string }>();
          expectTypeOf(event.type).toEqualTypeOf<'PersonNamed'>();
          seen.push(`${event.data.last}, ${event.data.first}`);
        },
      },
    });
    expect(projection.handles).toEqual(['PersonNamed']);
    upcasts = 0;
    await projection.apply(db, [
      recorded('PersonNamed', { name: 'Ana Lima' }, 1),
      recorded('PersonLeft', { id: 'x' }),
      recorded('SomethingElse', { whatever: true }),
      recorded('PersonNamed', { first: 'Bo', last: 'Li' }, 2),
    ]);
    expect(seen).toEqual(['Lima, Ana', 'Li, Bo']);
    expect(upcasts).toBe(1);
  });

  it('throws on a handled event that does not decode (the runner then stops the projection)', async () => {
    const projection = defineProjection({
      name: 'people',
      version: 1,
      tables: [],
      events: people,
      handlers: { PersonLeft: async () => undefined },
    });
    await expect(projection.apply(db, [recorded('PersonLeft', { id: 7 })])).rejects.toThrow();
  });

  it('refuses a handler for a type the registry does not define, at compile time and at run time', () => {
    const handlers = { PetAdopted: async () => undefined };
    expect(() =>
      defineProjection({
        name: 'people',
        version: 1,
        tables: [],
        events: people,
        // @ts-expect-error PetAdopted is not an event of `people`
        handlers,
      }),
    ).toThrow(/PetAdopted/);
    expect(() =>
      defineProjection({
        name: 'people',
        version: 1,
        tables: [],
        events: people,
        handlers: {
          PersonLeft: async () => undefined,
          // @ts-expect-error misspelt type name
          PersonNamd: async () => undefined,
        },
      }),
    ).toThrow(/PersonNamd/);
  });
});

describe('defineProjection runs', () => {
  it('hands a run of consecutive events of one type over at once; another handled type ends it, others do not', async () => {
    const calls: string[] = [];
    const projection = defineProjection({
      name: 'people',
      version: 1,
      tables: [],
      events: people,
      runs: {
        PersonNamed: async (_db, run) => {
          expectTypeOf(run).toEqualTypeOf<readonly RecordedOfType<PersonEvent, 'PersonNamed'>[]>();
          calls.push(`named ${run.map((e) => e.data.first).join(',')}`);
        },
      },
      handlers: {
        PersonLeft: async (_db, event) => {
          calls.push(`left ${event.data.id}`);
        },
      },
      afterBatch: async (_db, events) => {
        calls.push(`after ${events.length}`);
      },
    });
    expect(projection.handles).toEqual(['PersonLeft', 'PersonNamed']);
    await projection.apply(db, [
      recorded('PersonNamed', { first: 'Ana', last: 'L' }, 2),
      recorded('SomethingElse', {}),
      recorded('PersonNamed', { first: 'Bo', last: 'L' }, 2),
      recorded('PersonLeft', { id: 'x' }),
      recorded('PersonNamed', { first: 'Cy', last: 'L' }, 2),
    ]);
    expect(calls).toEqual(['named Ana,Bo', 'left x', 'named Cy', 'after 4']);
  });

  it('refuses a type handled both one at a time and in runs', () => {
    expect(() =>
      defineProjection({
        name: 'people',
        version: 1,
        tables: [],
        events: people,
        runs: { PersonLeft: async () => undefined },
        handlers: { PersonLeft: async () => undefined },
      }),
    ).toThrow(/PersonLeft/);
  });
});

describe('defineBatchProjection', () => {
  it('gives one call the handled events of a batch in order, decoded and narrowed; none when there are none', async () => {
    const batches: string[][] = [];
    const projection = defineBatchProjection({
      name: 'names',
      version: 1,
      tables: [],
      events: people,
      handles: ['PersonNamed'],
      async applyBatch(_db, events) {
        expectTypeOf(events).toEqualTypeOf<readonly RecordedOfType<PersonEvent, 'PersonNamed'>[]>();
        batches.push(events.map((e) => e.data.first));
      },
    });
    expect(projection.handles).toEqual(['PersonNamed']);
    await projection.apply(db, [
      recorded('PersonNamed', { name: 'Ana Lima' }, 1),
      recorded('PersonLeft', { id: 'x' }),
      recorded('PersonNamed', { first: 'Bo', last: 'Li' }, 2),
    ]);
    await projection.apply(db, [recorded('PersonLeft', { id: 'y' })]);
    expect(batches).toEqual([['Ana', 'Bo']]);
  });

  it('refuses a handled type the registry does not define', () => {
    expect(() =>
      defineBatchProjection({
        name: 'names',
        version: 1,
        tables: [],
        events: people,
        // @ts-expect-error PetAdopted is not an event of `people`
        handles: ['PetAdopted'],
        async applyBatch() {},
      }),
    ).toThrow(/PetAdopted/);
  });
});

describe('EventRegistry.merge', () => {
  it('decodes the events of every registry merged, for a projection reading several features', async () => {
    const seen: string[] = [];
    const projection = defineProjection({
      name: 'people-and-pets',
      version: 1,
      tables: [],
      events: EventRegistry.merge(people, pets),
      handlers: {
        PersonLeft: async (_db, e) => void seen.push(e.data.id),
        PetAdopted: async (_db, e) => void seen.push(e.data.pet),
      },
    });
    await projection.apply(db, [recorded('PetAdopted', { pet: 'Rex' }), recorded('PersonLeft', { id: 'a' })]);
    expect(seen).toEqual(['Rex', 'a']);
  });

  it('accepts one definition twice but not two definitions of one type', () => {
    expect(EventRegistry.merge(people, people).has('PersonNamed')).toBe(true);
    const other = defineEvent({ type: 'PetAdopted', version: 1, schema: z.object({ name: z.string() }) });
    expect(() => EventRegistry.merge(pets, new EventRegistry<EventOf<typeof other>>([other]))).toThrow(
      /PetAdopted/,
    );
  });
});
