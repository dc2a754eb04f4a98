import { randomUUID } from 'node:crypto';
import type { EventMetadata, NewEvent } from '../src/platform/event-store/port.ts';

// The events both sides of every comparison write: same type names, same data and metadata shapes and
// sizes (~150 bytes of data, ~250 of metadata), so the adapter and the raw baselines move the same bytes.

const TYPES = ['UserRegistered', 'ProfileUpdated', 'SkillAdded', 'SkillRemoved', 'SessionStarted'] as const;
const AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

export function benchMetadata(i: number): EventMetadata {
  const system = i % 10 === 0;
  return {
    actorId: system ? null : randomUUID(),
    actorRole: system ? 'system' : 'user',
    correlationId: randomUUID(),
    causationId: i % 3 === 0 ? randomUUID() : null,
    occurredAt: new Date().toISOString(),
    ip: `10.0.${(i >> 8) & 255}.${i & 255}`,
    userAgent: AGENT,
    schemaVersion: 1,
  };
}

export function benchEvent(i: number): NewEvent & { id: string } {
  return {
    id: randomUUID(),
    type: TYPES[i % TYPES.length]!,
    data: {
      n: i,
      name: `Bench user ${i}`,
      skill: 'Woodworking',
      level: 'intermediate',
      note: 'x'.repeat(64),
    },
    metadata: benchMetadata(i),
  };
}
