/**
 * Identity-shaped events for the encryption benches: a registration and a profile update by the person
 * themselves, with an IP and a browser user agent in the metadata (all of it personal data).
 */
import { randomUUID } from 'node:crypto';
import type { EventMetadata, NewEvent } from '../src/platform/event-store/port.ts';

export const AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

export const meta = (actorId: string, i: number): EventMetadata => ({
  actorId,
  actorRole: 'user',
  correlationId: randomUUID(),
  causationId: null,
  occurredAt: new Date().toISOString(),
  ip: `10.0.${(i >> 8) & 255}.${i & 255}`,
  userAgent: AGENT,
  schemaVersion: 1,
});
export const registered = (userId: string, i: number): NewEvent => ({
  type: 'UserRegistered',
  data: {
    userId,
    email: `person.${i}.${userId.slice(0, 8)}@example.com`,
    displayName: `Bench Person ${i}`,
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g',
    role: 'user',
  },
  metadata: meta(userId, i),
});
export const profileUpdated = (userId: string, i: number): NewEvent => ({
  type: 'ProfileUpdated',
  data: {
    userId,
    displayName: `Bench Person ${i}`,
    bio: `I teach woodworking and want to learn Portuguese; update ${i}. ${'x'.repeat(80)}`,
    languages: ['en', 'pt'],
    timezone: 'Europe/Lisbon',
  },
  metadata: meta(userId, i),
});
