import { z } from 'zod';
import {
  defineEvent,
  EventRegistry,
  type EventOf,
  type Recorded,
} from '../../platform/event-store/events.ts';

/** Where a connection request stands; the read model and the web app show the same words. */
export type ConnectionStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn' | 'ended';

/**
 * Everything between two people lives in one stream, `connection-<pairKey>`: their connection requests
 * and blocks. One stream makes "one pending request per pair" and "a block ends the connection" plain
 * optimistic-concurrency facts instead of cross-stream races.
 */
export const pairKey = (a: string, b: string) => (a < b ? `${a}_${b}` : `${b}_${a}`);
export const pairStream = (a: string, b: string) => `connection-${pairKey(a, b)}`;

const pair = { connectionId: z.string(), fromUserId: z.string(), toUserId: z.string() };

export const ConnectionRequested = defineEvent({
  type: 'ConnectionRequested',
  version: 1,
  schema: z.object({ ...pair, message: z.string().nullable() }),
});
export const ConnectionAccepted = defineEvent({
  type: 'ConnectionAccepted',
  version: 1,
  schema: z.object(pair),
});
export const ConnectionDeclined = defineEvent({
  type: 'ConnectionDeclined',
  version: 1,
  schema: z.object(pair),
});
export const ConnectionWithdrawn = defineEvent({
  type: 'ConnectionWithdrawn',
  version: 1,
  schema: z.object(pair),
});
/** An accepted connection ended, by either side or by a block. */
export const ConnectionEnded = defineEvent({
  type: 'ConnectionEnded',
  version: 1,
  schema: z.object({ ...pair, endedBy: z.string(), reason: z.enum(['disconnected', 'blocked']) }),
});
export const UserBlocked = defineEvent({
  type: 'UserBlocked',
  version: 1,
  schema: z.object({ blockerId: z.string(), blockedId: z.string() }),
});
export const UserUnblocked = defineEvent({
  type: 'UserUnblocked',
  version: 1,
  schema: z.object({ blockerId: z.string(), blockedId: z.string() }),
});

const definitions = [
  ConnectionRequested,
  ConnectionAccepted,
  ConnectionDeclined,
  ConnectionWithdrawn,
  ConnectionEnded,
  UserBlocked,
  UserUnblocked,
] as const;
export type PairEvent = EventOf<(typeof definitions)[number]>;
export type RecordedPairEvent = Recorded<PairEvent>;
export const pairEvents = new EventRegistry<PairEvent>(definitions);
export const pairEventTypes = definitions.map((d) => d.type);
