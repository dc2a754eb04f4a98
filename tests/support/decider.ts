import { expect } from 'vitest';
import type { Recorded } from '../../src/platform/event-store/events.ts';
import type { EventMetadata } from '../../src/platform/event-store/port.ts';

/**
 * Given/when/then for pure deciders (after Emmett's DeciderSpecification):
 * `given(events).when(command).then(events)`, `.thenNothingHappens()` or `.thenThrows(check)`.
 * Given events are wrapped as recorded ones with fixed metadata, so `evolve` sees what it sees in production.
 */
export interface Decider<State, Command, E extends { type: string; data: unknown }> {
  initial: State;
  evolve: (state: State, event: Recorded<E>) => State;
  decide: (command: Command, state: State) => E[];
}

export const GIVEN_AT = '2026-01-02T03:04:05.000Z';

export function recorded<E extends { type: string; data: unknown }>(
  events: readonly E[],
  options: { stream?: string; metadata?: Partial<EventMetadata> } = {},
): Recorded<E>[] {
  return events.map(
    (event, i) =>
      ({
        ...event,
        id: `event-${i}`,
        streamName: options.stream ?? 'test-stream',
        revision: i,
        position: i + 1,
        recordedAt: GIVEN_AT,
        metadata: {
          actorId: null,
          actorRole: 'system',
          correlationId: 'correlation-1',
          causationId: null,
          occurredAt: GIVEN_AT,
          ...options.metadata,
        },
      }) as unknown as Recorded<E>,
  );
}

/** Folds events (recorded as by `recorded`) into state with the decider's evolve. */
export function fold<State, Command, E extends { type: string; data: unknown }>(
  decider: Decider<State, Command, E>,
  events: readonly E[],
): State {
  return recorded(events).reduce(decider.evolve, decider.initial);
}

export function deciderSpecification<State, Command, E extends { type: string; data: unknown }>(
  decider: Decider<State, Command, E>,
) {
  return {
    given: (events: readonly E[]) => ({
      when(command: Command) {
        const run = () => decider.decide(command, fold(decider, events));
        return {
          then(expected: readonly E[]) {
            expect(run()).toEqual(expected);
          },
          thenNothingHappens() {
            expect(run()).toEqual([]);
          },
          thenThrows<T extends Error>(errorClass: new (...args: never[]) => T, check?: (error: T) => void) {
            let thrown: unknown;
            try {
              run();
            } catch (error) {
              thrown = error;
            }
            expect(thrown, 'expected the command to be refused').toBeInstanceOf(errorClass);
            check?.(thrown as T);
          },
        };
      },
    }),
  };
}
