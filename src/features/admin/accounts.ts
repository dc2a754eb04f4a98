import {
  accountCounts,
  accountStatus,
  countSuperAdmins,
  upcomingSessionsHostedBy,
} from '../../../projections/admin-users.ts';
import { findUser, type UserRow } from '../../../projections/users.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { EventMetadata, Role } from '../../platform/event-store/port.ts';
import { roleRank } from '../../platform/http/auth.ts';
import type { CommandContext } from '../../platform/http/command-route.ts';
import type { Deps } from '../../platform/http/context.ts';
import { findPublicProfiles, runUserCommand, type PublicProfileData } from '../identity/index.ts';
import { runSessionCommand } from '../sessions/index.ts';

/** Close code for a suspended person's sockets (the same one a suspended person's new socket gets). */
export const CLOSE_SUSPENDED = 4403;
const READ_MODEL_WAIT_MS = 5_000;

/** The admin's view of accounts (docs/api.md, "Administration"): public profile, email, role, status. */
export function adminUserView(row: UserRow, profile: PublicProfileData | undefined, now: Date) {
  const status = accountStatus(row, now);
  return {
    ...(profile ?? {
      id: row.id,
      displayName: row.display_name,
      bio: row.bio,
      avatarUrl: row.avatar_url,
      languages: row.languages,
      timezone: row.timezone,
      teach: [],
      learn: [],
      reputation: {
        rating: null,
        reviews: 0,
        averageRating: null,
        sessionsHosted: 0,
        studentsTaught: 0,
        badges: [],
      },
    }),
    email: row.email,
    role: row.role as Role,
    status,
    suspension:
      status === 'suspended'
        ? {
            reason: row.suspension_reason ?? '',
            until: row.suspended_until ? new Date(row.suspended_until).toISOString() : null,
          }
        : null,
    createdAt: new Date(row.created_at).toISOString(),
    lastActiveAt: new Date(row.last_active_at).toISOString(),
  };
}

export async function adminUserViews(deps: Deps, rows: readonly UserRow[]) {
  const profiles = await findPublicProfiles(
    deps.db,
    rows.map((r) => r.id),
  );
  const now = deps.clock();
  return rows.map((row) => adminUserView(row, profiles.get(row.id), now));
}

/** One account with its counts; `position` is a write the answer must include (the read model waits). */
export async function adminUserDetail(deps: Deps, id: string, position: number | null = null) {
  if (position !== null)
    await deps.projections.waitFor(position, { names: ['users'], timeoutMs: READ_MODEL_WAIT_MS });
  const row = await findUser(deps.db, id);
  if (!row) throw notFound('No user with this id.');
  const [[view], counts] = await Promise.all([adminUserViews(deps, [row]), accountCounts(deps.db, id)]);
  return { ...view!, counts };
}

/** Staff edit a person's name or bio: only of people whose role is not above theirs. */
export async function editProfile(
  { me, deps, metadata }: CommandContext,
  id: string,
  changes: { displayName?: string | undefined; bio?: string | undefined },
) {
  const row = await findUser(deps.db, id);
  if (row && roleRank(row.role) > roleRank(me.role))
    throw forbidden('You cannot edit the profile of someone whose role is above yours.');
  return runUserCommand(deps, id, { type: 'UpdateProfile', changes }, metadata);
}

export async function changeRole({ me, deps, metadata }: CommandContext, id: string, role: Role) {
  const superAdmins = await countSuperAdmins(deps.db);
  return runUserCommand(
    deps,
    id,
    { type: 'AssignRole', role, by: me.userId, byRole: me.role, superAdmins },
    metadata,
  );
}

/**
 * Suspends a person: the event on their own stream (which every check reads), then, once the users read
 * model has it (so a reconnect is refused), their sockets close in every app process, and their upcoming
 * sessions are cancelled (attendees told by the notifications feature). The person is told by the
 * notifications feature too (a notice and an email with the reason).
 */
export async function suspend(
  { me, deps, metadata }: CommandContext,
  id: string,
  input: { reason: string; until?: string | undefined },
) {
  const now = deps.clock();
  const result = await runUserCommand(
    deps,
    id,
    {
      type: 'SuspendUser',
      suspensionId: deps.newId(),
      reason: input.reason,
      until: input.until ? new Date(input.until).toISOString() : null,
      by: me.userId,
      byRole: me.role,
      now,
    },
    metadata,
  );
  if (result.position !== null)
    await deps.projections.waitFor(result.position, { names: ['users'], timeoutMs: READ_MODEL_WAIT_MS });
  await deps.sockets.revoke({ userId: id }, { code: CLOSE_SUSPENDED, reason: 'Your account is suspended.' });
  const position = await cancelHostedSessions(deps, id, now, metadata);
  return { ...result, position: position ?? result.position };
}

/** Cancels the suspended host's sessions that have not started; the last position written, if any. */
async function cancelHostedSessions(deps: Deps, hostId: string, now: Date, metadata: EventMetadata) {
  let last: number | null = null;
  for (const sessionId of await upcomingSessionsHostedBy(deps.db, hostId, now)) {
    const { position } = await runSessionCommand(
      deps,
      sessionId,
      {
        type: 'CancelSession',
        by: metadata.actorId ?? 'system',
        role: metadata.actorRole === 'system' || !metadata.actorRole ? 'super_admin' : metadata.actorRole,
        reason: 'The host’s account was suspended.',
        now,
      },
      metadata,
    ).catch((err: unknown) => {
      // Ended or cancelled meanwhile: nothing left to cancel.
      deps.logger.info({ err, sessionId }, 'could not cancel a suspended host’s session');
      return { position: null };
    });
    last = position ?? last;
  }
  return last;
}

export async function unsuspend({ me, deps, metadata }: CommandContext, id: string) {
  return runUserCommand(
    deps,
    id,
    { type: 'UnsuspendUser', by: me.userId, byRole: me.role, now: deps.clock() },
    metadata,
  );
}
