import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineEvent, EventRegistry } from './events.ts';
import type { RecordedEvent } from './port.ts';

// v1 stored { name }, v2 split it into { first, last }, v3 added { nickname }.
const PersonNamed = defineEvent({
  type: 'PersonNamed',
  version: 3,
  schema: z.object({ first: z.string(), last: z.string(), nickname: z.string().nullable() }),
  upcast: {
    1: (data) => {
      const [first = '', ...rest] = (data as { name: string }).name.split(' ');
      return { first, last: rest.join(' ') };
    },
    2: (data) => ({ ...(data as object), nickname: null }),
  },
});
type PersonEvent = { type: 'PersonNamed'; data: z.infer<typeof PersonNamed.schema> };
const registry = new EventRegistry<PersonEvent>([PersonNamed]);

const recorded = (data: unknown, schemaVersion?: number): RecordedEvent => ({
  id: 'e1',
  streamName: 'person-1',
  revision: 0,
  position: 1,
  type: 'PersonNamed',
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

describe('event registry', () => {
  it('upcasts a stored v1 event through every later version on read', () => {
    expect(registry.decode(recorded({ name: 'Ana María García' }, 1)).data).toEqual({
      first: 'Ana',
      last: 'María García',
      nickname: null,
    });
  });

  it('treats events without a schema version as v1', () => {
    expect(registry.decode(recorded({ name: 'Bo Li' })).data).toEqual({
      first: 'Bo',
      last: 'Li',
      nickname: null,
    });
  });

  it('reads the current version as stored, and refuses data that breaks the schema', () => {
    expect(registry.decode(recorded({ first: 'A', last: 'B', nickname: 'ab' }, 3)).data.nickname).toBe('ab');
    expect(() => registry.decode(recorded({ first: 'A' }, 3))).toThrow();
  });

  it('stamps new events with the current version', () => {
    const event = registry.encode(
      { type: 'PersonNamed', data: { first: 'A', last: 'B', nickname: null } },
      recorded({}).metadata,
    );
    expect(event.metadata.schemaVersion).toBe(3);
  });

  it('refuses unknown event types', () => {
    expect(() => registry.decode({ ...recorded({}), type: 'Other' })).toThrow(/Unknown event type Other/);
  });
});
