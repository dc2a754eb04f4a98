import { randomUUID } from 'node:crypto';
import { pairEvents, pairStream, type PairEvent } from '../../src/features/connections/events.ts';
import type { EventStore } from '../../src/platform/event-store/port.ts';
import { systemMetadata } from './events.ts';

async function appendPair(store: EventStore, a: string, b: string, events: PairEvent[]): Promise<number> {
  const metadata = systemMetadata();
  const result = await store.append(
    pairStream(a, b),
    events.map((e) => pairEvents.encode(e, metadata)),
  );
  return result.position;
}

/**
 * Makes `from` and `to` accepted connections by appending ConnectionRequested + ConnectionAccepted to their
 * pair stream, as the connections API will. Returns the position of the last event.
 */
export async function connectUsers(store: EventStore, from: string, to: string): Promise<number> {
  const connectionId = randomUUID();
  const pair = { connectionId, fromUserId: from, toUserId: to };
  return appendPair(store, from, to, [
    { type: 'ConnectionRequested', data: { ...pair, message: null } },
    { type: 'ConnectionAccepted', data: pair },
  ]);
}

export async function blockUser(store: EventStore, blockerId: string, blockedId: string): Promise<number> {
  return appendPair(store, blockerId, blockedId, [{ type: 'UserBlocked', data: { blockerId, blockedId } }]);
}

export async function unblockUser(store: EventStore, blockerId: string, blockedId: string): Promise<number> {
  return appendPair(store, blockerId, blockedId, [{ type: 'UserUnblocked', data: { blockerId, blockedId } }]);
}
