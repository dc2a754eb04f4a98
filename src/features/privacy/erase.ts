import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { upcomingSessionsHostedBy } from '../../../projections/admin-users.ts';
import { groupsOf } from '../../../projections/groups.ts';
import { projections as readModels } from '../../../projections/index.ts';
import { forbidden } from '../../platform/errors.ts';
import type { EventMetadata, Role } from '../../platform/event-store/port.ts';
import type { Deps } from '../../platform/http/context.ts';
import { deleteUserSessions } from '../../platform/http/sessions.ts';
import { runGroupCommand, groupStream } from '../groups/index.ts';
import { checkPassword, eraseUser } from '../identity/index.ts';
import { runSessionCommand } from '../sessions/index.ts';

/** What an admin gets back (and the erasure list keeps): what the erasure did, for the record. */
export interface ErasureReceipt {
  userId: string;
  erasedAt: string;
  erasedBy: string;
  /** Streams the erasure appended to (the person's, their email reservation, sessions, groups). */
  streamsTouched: string[];
  /** Whether the person's data key was destroyed by this erasure (false: it was already gone). */
  keyDestroyed: boolean;
  /** Read models that now hold nothing personal of the person (caught up past the erasure). */
  projectionsUpdated: string[];
  signInsEnded: boolean;
  sessionsCancelled: string[];
  groupsLeft: string[];
  position: number | null;
}

const READ_MODEL_WAIT_MS = 10_000;

/** The erasure list outside the database (DATA_DIR/erasures.jsonl): survives restoring an older backup. */
export const erasureListFile = (dataDir: string) => path.join(dataDir, 'erasures.jsonl');

/**
 * Erases an account (docs/api.md, `DELETE /api/me`, `DELETE /api/admin/users/:id`; docs/operations.md):
 * 1. `UserErased` on the person's stream (the decider checks who may) and their email released;
 * 2. their upcoming hosted sessions cancelled (attendees told by the notifications feature) and their
 *    groups left (a last admin's group promotes its longest-standing member, as when anyone leaves);
 * 3. their data key destroyed: every personal field sealed with it in the log reads as erased from now on;
 * 4. every sign-in ended (sockets closed in every process), leftovers outside the log scrubbed;
 * 5. the read models caught up past the erasure (they rewrite the person's rows on `UserErased`);
 * 6. the receipt recorded in `erasures` and appended to the erasure list file.
 * Every step is idempotent, so re-applying an erasure (after a restore) finishes whatever is missing.
 */
export async function eraseAccount(
  deps: Deps,
  userId: string,
  by: { userId: string; role: Role },
  metadata: EventMetadata,
  erasureList: string,
): Promise<ErasureReceipt> {
  const now = deps.clock();
  const erased = await eraseUser(deps, userId, by, metadata);
  const streams = [...erased.streams];
  let position = erased.position;

  const sessionsCancelled: string[] = [];
  for (const sessionId of await upcomingSessionsHostedBy(deps.db, userId, now)) {
    const result = await runSessionCommand(
      deps,
      sessionId,
      {
        type: 'CancelSession',
        by: by.userId,
        role: by.userId === userId ? 'user' : by.role,
        reason: 'The host deleted their account.',
        now,
      },
      metadata,
    ).catch((err: unknown) => {
      deps.logger.info({ err, sessionId }, 'could not cancel an erased host’s session');
      return undefined;
    });
    if (!result) continue;
    sessionsCancelled.push(sessionId);
    streams.push(`session-${sessionId}`);
    position = result.position ?? position;
  }

  const groupsLeft: string[] = [];
  for (const group of await groupsOf(deps.db, userId)) {
    const result = await runGroupCommand(deps, group.id, { type: 'LeaveGroup', by: userId }, metadata);
    groupsLeft.push(group.id);
    streams.push(groupStream(group.id));
    position = result.position ?? position;
  }

  const keyDestroyed = await deps.keys.destroy(userId, now);
  await deleteUserSessions(deps, userId, 'This account was deleted.');
  if (erased.email) await scrubOutsideTheLog(deps, erased.email);

  if (position !== null) await deps.projections.waitFor(position, { timeoutMs: READ_MODEL_WAIT_MS });
  const receipt: ErasureReceipt = {
    userId,
    erasedAt: now.toISOString(),
    erasedBy: by.userId,
    streamsTouched: [...new Set(streams)],
    keyDestroyed,
    projectionsUpdated: readModels.map((p) => p.name),
    signInsEnded: true,
    sessionsCancelled,
    groupsLeft,
    position,
  };
  await deps.db
    .insertInto('erasures')
    .values({ user_id: userId, erased_at: now, receipt: JSON.stringify(receipt) })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
  await appendFile(erasureList, `${JSON.stringify({ userId, erasedAt: receipt.erasedAt })}\n`, {
    mode: 0o600,
  });
  return receipt;
}

/** DELETE /api/me: the person confirms with their password first. */
export async function eraseMyAccount(
  deps: Deps,
  me: { userId: string; role: Role },
  password: string,
  metadata: EventMetadata,
  erasureList: string,
) {
  if (!(await checkPassword(deps, me.userId, password)))
    throw forbidden('Your current password is not correct. Enter it to delete your account.');
  return eraseAccount(deps, me.userId, me, metadata, erasureList);
}

/** Rate-limit counters are keyed by email on a server (the table is empty in the embedded mode). */
async function scrubOutsideTheLog(deps: Deps, email: string) {
  await sql`delete from rate_limits where position(${email} in key) > 0`.execute(deps.db);
}

/**
 * After restoring an older backup: every erasure on the list (DATA_DIR/erasures.jsonl) whose key the
 * restored key store still holds is applied again, as the system. Answers the ids re-erased.
 */
export async function reapplyErasures(deps: Deps, erasureList: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(erasureList, 'utf8');
  } catch {
    return [];
  }
  const ids = new Set(
    text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { userId: string }).userId),
  );
  const again: string[] = [];
  for (const userId of ids) {
    const key = await deps.keys.keyFor(userId, false);
    const row = await deps.db
      .selectFrom('erasures')
      .select('user_id')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (key === 'destroyed' && row) continue;
    const metadata: EventMetadata = {
      actorId: null,
      actorRole: 'system',
      correlationId: deps.newId(),
      causationId: null,
      occurredAt: deps.clock().toISOString(),
    };
    await eraseAccount(deps, userId, { userId: 'system', role: 'super_admin' }, metadata, erasureList).catch(
      async (err: unknown) => {
        // A person the restored backup never knew: their key cannot exist, nothing to re-apply.
        deps.logger.info({ err, userId }, 're-applying an erasure found nothing to erase');
        await deps.keys.destroy(userId, deps.clock());
      },
    );
    again.push(userId);
  }
  return again;
}
