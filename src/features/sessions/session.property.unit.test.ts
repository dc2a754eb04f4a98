import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recorded } from '../../../tests/support/decider.ts';
import { AppError } from '../../platform/errors.ts';
import type { SessionEvent } from './events.ts';
import { decideSession, type SessionCommand } from './session.decide.ts';
import {
  evolveSession,
  initialSessionState,
  registeredOf,
  waitlistOf,
  type Session,
  type SessionState,
} from './session.ts';

const host = 'host';
const people = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'];
const now = new Date('2026-03-01T10:00:00.000Z');

type Step =
  | { kind: 'register'; userId: string }
  | { kind: 'unregister'; userId: string }
  | { kind: 'capacity'; capacity: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(...people).map((userId) => ({ kind: 'register' as const, userId })),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(...people).map((userId) => ({ kind: 'unregister' as const, userId })),
  },
  {
    weight: 2,
    arbitrary: fc.integer({ min: 1, max: 6 }).map((capacity) => ({ kind: 'capacity' as const, capacity })),
  },
);

const command = (s: Step): SessionCommand => {
  switch (s.kind) {
    case 'register':
      return { type: 'RegisterForSession', userId: s.userId, blocked: false, now };
    case 'unregister':
      return { type: 'UnregisterFromSession', userId: s.userId, now };
    case 'capacity':
      return { type: 'EditSession', by: host, changes: { capacity: s.capacity }, now };
    default: {
      const _never: never = s;
      return _never;
    }
  }
};

const apply = (state: SessionState, events: readonly SessionEvent[]) =>
  recorded(events).reduce(evolveSession, state);

/** The rules in their plainest form: a set of seats and a queue. */
class Model {
  capacity: number;
  seated: string[] = [];
  queue: string[] = [];
  constructor(capacity: number) {
    this.capacity = capacity;
  }
  /** Whether the decider must accept the step; applies it when so. */
  run(s: Step): boolean {
    switch (s.kind) {
      case 'register':
        if (this.seated.includes(s.userId) || this.queue.includes(s.userId)) return false;
        if (this.seated.length < this.capacity) this.seated.push(s.userId);
        else this.queue.push(s.userId);
        return true;
      case 'unregister':
        if (this.queue.includes(s.userId)) this.queue = this.queue.filter((u) => u !== s.userId);
        else if (this.seated.includes(s.userId)) this.seated = this.seated.filter((u) => u !== s.userId);
        else return false;
        this.fill();
        return true;
      case 'capacity':
        if (s.capacity < this.seated.length) return false;
        this.capacity = s.capacity;
        this.fill();
        return true;
      default: {
        const _never: never = s;
        return _never;
      }
    }
  }
  private fill() {
    while (this.seated.length < this.capacity && this.queue.length > 0) this.seated.push(this.queue.shift()!);
  }
}

describe('registrations under any interleaving of register, unregister and capacity edits', () => {
  it('keep registered ≤ capacity, the waitlist in strict arrival order, and no one in both', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(step, { maxLength: 60 }), (capacity, steps) => {
        let state = apply(initialSessionState, [
          {
            type: 'SessionScheduled',
            data: {
              sessionId: 's',
              hostId: host,
              title: 'Property',
              description: null,
              skill: 'Go',
              level: 'beginner',
              prerequisites: [],
              startsAt: '2026-03-10T18:00:00.000Z',
              durationMinutes: 60,
              capacity,
              meetingUrl: null,
              timeZone: null,
            },
          },
        ]);
        const model = new Model(capacity);
        const arrival = new Map<string, number>();
        let clock = 0;
        for (const s of steps) {
          let events: SessionEvent[] | null = null;
          try {
            events = decideSession(command(s), state);
          } catch (error) {
            expect(error).toBeInstanceOf(AppError);
            expect((error as AppError).status).toBeGreaterThanOrEqual(400);
          }
          expect(events !== null, `${JSON.stringify(s)} accepted?`).toBe(model.run(s));
          if (!events) continue;
          if (s.kind === 'register') arrival.set(s.userId, clock++);
          state = apply(state, events);

          const session = state as Session;
          const seated = registeredOf(session).map((r) => r.userId);
          const waiting = waitlistOf(session).map((r) => r.userId);
          expect(seated.length).toBeLessThanOrEqual(session.capacity);
          if (waiting.length > 0) expect(seated.length).toBe(session.capacity);
          expect(seated.filter((u) => waiting.includes(u))).toEqual([]);
          expect(new Set(session.registrations.map((r) => r.userId)).size).toBe(session.registrations.length);
          const arrivals = waiting.map((u) => arrival.get(u)!);
          expect(arrivals).toEqual([...arrivals].sort((a, b) => a - b));
          expect(new Set(seated)).toEqual(new Set(model.seated));
          expect(waiting).toEqual(model.queue);
        }
      }),
      { numRuns: 300 },
    );
    // 300 runs take about a second alone; a busy shared machine can stretch that past the default 5 s.
  }, 30_000);
});
