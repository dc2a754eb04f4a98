import { randomBytes } from 'node:crypto';
import { isBlockedEitherWay } from '../../../projections/blocks.ts';
import { hostsAndBlocks } from '../../../projections/session-queries.ts';
import { coalescing } from '../../platform/db/coalesce.ts';
import { handleCommand, loadAggregate } from '../../platform/commands.ts';
import type { EventMetadata } from '../../platform/event-store/port.ts';
import type { Deps } from '../../platform/http/context.ts';
import { loadUser } from '../identity/index.ts';
import { calendarFeedAggregate, decideCalendarFeed, feedToken, feedTokenHash } from './calendar-feed.ts';
import { calendarFeedStream, sessionStream } from './events.ts';
import { UUID_SHAPE } from './schemas.ts';
import { decideSession, type SessionCommand } from './session.decide.ts';
import { sessionAggregate } from './session.ts';

/** Runs a command on `session-<id>` through the decider (load, decide, append with the revision read). */
export function runSessionCommand(
  deps: Deps,
  sessionId: string,
  command: SessionCommand,
  metadata: EventMetadata,
) {
  return handleCommand(
    deps.store,
    sessionStream(sessionId),
    sessionAggregate,
    (state) => decideSession(command, state),
    metadata,
  );
}

type HostAndBlock = (pair: {
  sessionId: string;
  userId: string;
}) => Promise<{ hostId: string; blocked: boolean } | undefined>;
/** One coalescing lookup per database: a crowd registering shares a few queries. */
const hostAndBlockOn = new WeakMap<Deps['db'], HostAndBlock>();
function hostAndBlock(db: Deps['db']): HostAndBlock {
  let lookup = hostAndBlockOn.get(db);
  if (!lookup) {
    lookup = coalescing(
      async (pairs) => {
        // Anything but UUIDs would fail the whole batch's cast: such a pair is simply not known.
        const valid = pairs.filter((p) => UUID_SHAPE.test(p.sessionId) && UUID_SHAPE.test(p.userId));
        const found = await hostsAndBlocks(db, valid);
        const byPair = new Map(valid.map((p, i) => [p, found[i]]));
        return pairs.map((p) => byPair.get(p));
      },
      { keyOf: (p) => `${p.sessionId} ${p.userId}` },
    );
    hostAndBlockOn.set(db, lookup);
  }
  return lookup;
}

/**
 * Whether the host and `userId` block each other, for the decider to judge a registration. From the read
 * models in one query (shared with concurrent registrations); a session the read model does not have yet
 * (registered for right after it was created) is read from its stream.
 */
export async function blockedFromHost(deps: Deps, sessionId: string, userId: string): Promise<boolean> {
  const known = await hostAndBlock(deps.db)({ sessionId, userId });
  if (known) return known.blocked;
  const { state } = await loadAggregate(deps.store, sessionStream(sessionId), sessionAggregate);
  return state.status !== 'unscheduled' && (await isBlockedEitherWay(deps.db, state.hostId, userId));
}

/** The host's IANA time zone from their profile, noted in calendars. */
export async function timeZoneOf(deps: Deps, userId: string): Promise<string | null> {
  // From the person's own stream, not the read model: a time zone set just before is already there.
  return (await loadUser(deps, userId))?.profile.timezone ?? null;
}

/** Whether the person verified their email (their own stream: a verification just made counts). */
export async function emailVerifiedOf(deps: Deps, userId: string): Promise<boolean> {
  return (await loadUser(deps, userId))?.profile.emailVerified ?? false;
}

/**
 * The token of `userId`'s calendar feed: the current one, or a new one when there is none, when the current
 * one was derived with another secret, or when `renew` asks for it. Position is null when nothing was written.
 */
export async function calendarFeedToken(
  deps: Deps,
  userId: string,
  renew: boolean,
  metadata: EventMetadata,
): Promise<{ token: string; position: number | null }> {
  const secret = deps.config.sessionSecret;
  const stream = calendarFeedStream(userId);
  const { state } = await loadAggregate(deps.store, stream, calendarFeedAggregate);
  if (state.status === 'issued' && !renew) {
    const token = feedToken(secret, userId, state.nonce);
    if (feedTokenHash(token) === state.tokenHash) return { token, position: null };
  }
  const nonce = randomBytes(18).toString('base64url');
  const replaces = state.status === 'issued' ? state.tokenHash : null;
  const tokenHash = feedTokenHash(feedToken(secret, userId, nonce));
  const result = await handleCommand(
    deps.store,
    stream,
    calendarFeedAggregate,
    (current) =>
      decideCalendarFeed({ type: 'IssueCalendarFeed', userId, nonce, tokenHash, replaces }, current),
    metadata,
  );
  // Another request may have issued one first; its token is the current one then.
  const issued = result.state.status === 'issued' ? result.state.nonce : nonce;
  return { token: feedToken(secret, userId, issued), position: result.position };
}
