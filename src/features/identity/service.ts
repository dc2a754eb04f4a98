import { handleCommand, loadAggregate } from '../../platform/commands.ts';
import { notFound } from '../../platform/errors.ts';
import type { EventMetadata, Role } from '../../platform/event-store/port.ts';
import { findSignInsWithUsers, type SignInWithUser } from '../../../projections/users.ts';
import { coalescing } from '../../platform/db/coalesce.ts';
import type { Deps, PrincipalLookup } from '../../platform/http/context.ts';
import {
  decideReleaseEmail,
  decideReserveEmail,
  emailAggregate,
  emailStream,
  normalizeEmail,
} from './email-reservation.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.ts';
import { decideUser, type UserCommand } from './user.decide.ts';
import { suspensionInForce, userStream } from './events.ts';
import { userAggregate, type Profile, type UserState } from './user.ts';

export interface CommandOutcome {
  profile: Profile;
  /** The account as its owner sees it (profile, status, suspension). */
  me: MeView;
  position: number | null;
}

export type MeView = ReturnType<typeof meView>;

type Active = Extract<UserState, { status: 'active' }>;

/** Runs a command on a user's stream; 404 when the user does not exist. */
export async function runUserCommand(
  deps: Deps,
  userId: string,
  command: UserCommand,
  metadata: EventMetadata,
): Promise<CommandOutcome> {
  const result = await handleCommand(
    deps.store,
    userStream(userId),
    userAggregate,
    (s) => decideUser(command, s),
    metadata,
  );
  if (result.state.status !== 'active') throw notFound('No such user.');
  return {
    profile: result.state.profile,
    me: meView(result.state, deps.clock()),
    position: result.position,
  };
}

export async function loadUser(deps: Deps, userId: string): Promise<Active | undefined> {
  const { state } = await loadAggregate(deps.store, userStream(userId), userAggregate);
  return state.status === 'active' ? state : undefined;
}

/**
 * Registration spans two streams: the email reservation (appended with no_stream semantics, so of two
 * racing sign-ups one gets a 409) and the user. If the second append fails the reservation is released.
 */
export async function registerUser(
  deps: Deps,
  input: { email: string; password: string; displayName: string; role?: Role },
  metadata: EventMetadata,
): Promise<CommandOutcome> {
  const userId = deps.newId();
  const passwordHash = await hashPassword(input.password);
  const email = normalizeEmail(input.email);
  const meta = {
    ...metadata,
    actorId: metadata.actorId ?? userId,
    actorRole: metadata.actorRole ?? input.role ?? 'user',
  };
  await handleCommand(
    deps.store,
    emailStream(deps.keys, email),
    emailAggregate,
    (s) => decideReserveEmail(s, userId, email),
    meta,
  );
  try {
    return await runUserCommand(
      deps,
      userId,
      {
        type: 'RegisterUser',
        userId,
        email,
        displayName: input.displayName,
        passwordHash,
        role: input.role ?? 'user',
      },
      meta,
    );
  } catch (error) {
    await handleCommand(
      deps.store,
      emailStream(deps.keys, email),
      emailAggregate,
      (s) => decideReleaseEmail(s, userId),
      meta,
    ).catch((releaseError: unknown) =>
      deps.logger.error({ err: releaseError, userId }, 'could not release email reservation'),
    );
    throw error;
  }
}

/** The user whose email and password these are, read from the event store (never stale). */
export async function authenticate(deps: Deps, email: string, password: string): Promise<Active | undefined> {
  const { state: reservation } = await loadAggregate(
    deps.store,
    emailStream(deps.keys, email),
    emailAggregate,
  );
  const user = reservation.status === 'reserved' ? await loadUser(deps, reservation.userId) : undefined;
  if (!user) {
    await burnPasswordCheck(password);
    return undefined;
  }
  return (await verifyPassword(user.passwordHash, password)) ? user : undefined;
}

export async function findUserIdByEmail(deps: Deps, email: string): Promise<string | undefined> {
  const { state } = await loadAggregate(deps.store, emailStream(deps.keys, email), emailAggregate);
  return state.status === 'reserved' ? state.userId : undefined;
}

/**
 * A sign-in with its person's current role and status, from the users read model, in one query. The read
 * model may trail the registration that created the sign-in by a moment: then it waits (bounded) for the
 * sign-in's position and asks again. Concurrent requests' lookups share their queries (`coalescing`).
 */
export function principalLookup(deps: Pick<Deps, 'db' | 'projections' | 'clock'>): PrincipalLookup {
  const signIns = coalescing<string, SignInWithUser | undefined>(async (ids) => {
    const rows = new Map((await findSignInsWithUsers(deps.db, ids)).map((r) => [r.id, r]));
    return ids.map((id) => rows.get(id));
  });
  return async (sessionId) => {
    let row = await signIns(sessionId);
    if (!row) return undefined;
    const minPosition = Number(row.min_position);
    if (!deps.projections.reached(minPosition, ['users'])) {
      await deps.projections.waitFor(minPosition, { names: ['users'], timeoutMs: 5_000 });
      row = await signIns(sessionId);
      if (!row) return undefined;
    }
    if (row.role === null || row.status === null) return undefined;
    const suspension =
      row.status === 'suspended'
        ? suspensionInForce(
            {
              reason: row.suspension_reason ?? '',
              until: row.suspended_until ? new Date(row.suspended_until).toISOString() : null,
            },
            deps.clock(),
          )
        : null;
    // A suspension with an end time ends by the clock: the person is active again with no event.
    const status = row.status === 'suspended' && !suspension ? 'active' : row.status;
    return {
      userId: row.user_id,
      expiresAt: new Date(row.expires_at),
      lastSeenAt: new Date(row.last_seen_at),
      role: row.role as Role,
      status,
      suspension,
    };
  };
}

/** The account as its owner sees it (`GET /api/me`): the profile, and whether and why it is suspended. */
export function meView(user: Active, now: Date) {
  const suspension = suspensionInForce(user.suspension, now);
  return {
    ...user.profile,
    status: suspension ? ('suspended' as const) : ('active' as const),
    suspension: suspension && { reason: suspension.reason, until: suspension.until },
  };
}

/**
 * Records an erasure on the person's stream (`UserErased`; the decider checks who may) and frees their
 * email for a new sign-up. Erasing an erased account again records nothing and answers `email: null`.
 * Destroying the data key is the caller's next step (src/features/privacy/erase.ts).
 */
export async function eraseUser(
  deps: Deps,
  userId: string,
  by: { userId: string; role: Role },
  metadata: EventMetadata,
): Promise<{ position: number | null; email: string | null; streams: string[] }> {
  const { state } = await loadAggregate(deps.store, userStream(userId), userAggregate);
  if (state.status === 'unregistered') throw notFound('No such user.');
  const email = state.status === 'active' ? state.profile.email : null;
  const result = await handleCommand(
    deps.store,
    userStream(userId),
    userAggregate,
    (s) => decideUser({ type: 'EraseUser', by: by.userId, byRole: by.role }, s),
    metadata,
  );
  const streams = [userStream(userId)];
  let position = result.position;
  if (email) {
    const released = await handleCommand(
      deps.store,
      emailStream(deps.keys, email),
      emailAggregate,
      (s) => decideReleaseEmail(s, userId),
      metadata,
    );
    streams.push(emailStream(deps.keys, email));
    position = released.position ?? position;
  }
  return { position, email, streams };
}

/** Whether `password` is the person's current one (an erasure by the person asks for it). */
export async function checkPassword(deps: Deps, userId: string, password: string): Promise<boolean> {
  const user = await loadUser(deps, userId);
  if (!user) {
    await burnPasswordCheck(password);
    return false;
  }
  return verifyPassword(user.passwordHash, password);
}
