import { findConnection, type ConnectionRow } from '../../../projections/connections.ts';
import { handleCommand } from '../../platform/commands.ts';
import { notFound } from '../../platform/errors.ts';
import type { EventMetadata } from '../../platform/event-store/port.ts';
import type { Deps } from '../../platform/http/context.ts';
import { loadUser } from '../identity/index.ts';
import { pairStream } from './events.ts';
import { decidePair, type PairCommand } from './pair.decide.ts';
import { pairAggregate, type PairConnection } from './pair.ts';

const LOOKUP_WAIT_MS = 2_000;

/** Runs a command on the stream of the two people. */
export async function runPairCommand(
  deps: Deps,
  a: string,
  b: string,
  command: PairCommand,
  metadata: EventMetadata,
) {
  return handleCommand(deps.store, pairStream(a, b), pairAggregate, (s) => decidePair(command, s), metadata);
}

/** 404 unless the user exists; read from the event store so a person who just signed up counts. */
export async function requireExistingUser(deps: Deps, userId: string): Promise<void> {
  if (!(await loadUser(deps, userId))) throw notFound('There is no SkillSwap member with this id.');
}

/**
 * The connection `id` if `userId` is one of its two people. Someone else's connection is a 404, like an
 * unknown one, so ids reveal nothing. An id just written may not be in the read model yet: on a miss the
 * lookup waits (bounded) for the read model to reach the log's head and tries once more.
 */
export async function findOwnConnection(deps: Deps, id: string, userId: string): Promise<ConnectionRow> {
  let row = await findConnection(deps.db, id);
  if (!row) {
    const head = await deps.store.headPosition();
    await deps.projections.waitFor(head, { names: ['connections'], timeoutMs: LOOKUP_WAIT_MS });
    row = await findConnection(deps.db, id);
  }
  if (!row || (row.from_user_id !== userId && row.to_user_id !== userId))
    throw notFound('No such connection request or connection.');
  return row;
}

export const otherParty = (c: Pick<PairConnection, 'fromUserId' | 'toUserId'>, me: string) =>
  c.fromUserId === me ? c.toUserId : c.fromUserId;
