import { createHash, randomBytes } from 'node:crypto';
import { CLOSE_SIGNED_OUT } from '../realtime/session-sockets.ts';
import type { Deps, SessionUser } from './context.ts';

const LIFETIME_MS = 30 * 24 * 3600 * 1000;
/** Sliding expiry is refreshed at most this often, to keep reads from writing on every request. */
const TOUCH_EVERY_MS = 3600 * 1000;

export interface SessionToken {
  id: string;
  token: string;
}

// The cookie holds a random token; the table holds only its hash, so a database leak reveals no session.
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A server-side session in Postgres: it survives restarts and is shared by every app process. */
export async function createSession(
  deps: Deps,
  userId: string,
  minPosition: number,
  client: { ip?: string | undefined; userAgent?: string | undefined },
): Promise<SessionToken> {
  const token = randomBytes(32).toString('base64url');
  const id = hashToken(token);
  const now = deps.clock();
  await deps.db
    .insertInto('auth_sessions')
    .values({
      id,
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + LIFETIME_MS),
      min_position: minPosition,
      ip: client.ip ?? null,
      user_agent: client.userAgent?.slice(0, 512) ?? null,
    })
    .execute();
  return { id, token };
}

export async function lookupSession(deps: Deps, token: string): Promise<SessionUser | undefined> {
  if (token.length > 100) return undefined;
  const id = hashToken(token);
  const session = await deps.principal(id);
  const now = deps.clock();
  if (!session || session.expiresAt <= now) return undefined;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await deps.db
      .updateTable('auth_sessions')
      .set({ last_seen_at: now, expires_at: new Date(now.getTime() + LIFETIME_MS) })
      .where('id', '=', id)
      .execute();
  }
  return {
    sessionId: id,
    userId: session.userId,
    role: session.role,
    status: session.status,
    suspension: session.suspension ?? null,
  };
}

/** Signs one browser out: its session row goes, and its open sockets close in every app process. */
export async function deleteSession(
  deps: Deps,
  sessionId: string,
  reason = 'You signed out.',
): Promise<void> {
  await deps.db.deleteFrom('auth_sessions').where('id', '=', sessionId).execute();
  await deps.sockets.revoke({ sessionIds: [sessionId] }, { code: CLOSE_SIGNED_OUT, reason });
}

/** Of these sign-in ids, those that still exist and have not expired. */
export async function liveSessionIds(deps: Pick<Deps, 'db' | 'clock'>, ids: readonly string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await deps.db
    .selectFrom('auth_sessions')
    .select('id')
    .where('id', 'in', ids)
    .where('expires_at', '>', deps.clock())
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** After a password change every other device must sign in again. */
export async function deleteOtherSessions(deps: Deps, userId: string, keepSessionId: string): Promise<void> {
  const gone = await deps.db
    .deleteFrom('auth_sessions')
    .where('user_id', '=', userId)
    .where('id', '!=', keepSessionId)
    .returning('id')
    .execute();
  if (gone.length === 0) return;
  const reason = 'Your password was changed. Sign in again with the new one.';
  await deps.sockets.revoke({ sessionIds: gone.map((g) => g.id) }, { code: CLOSE_SIGNED_OUT, reason });
}

/** Signs every browser of a person out (after a password reset): rows gone, sockets closed everywhere. */
export async function deleteUserSessions(deps: Deps, userId: string, reason: string): Promise<void> {
  const gone = await deps.db
    .deleteFrom('auth_sessions')
    .where('user_id', '=', userId)
    .returning('id')
    .execute();
  if (gone.length === 0) return;
  await deps.sockets.revoke({ sessionIds: gone.map((g) => g.id) }, { code: CLOSE_SIGNED_OUT, reason });
}

/** One signed-in browser as its owner sees it (`GET /api/me/sign-ins`). */
export interface SignIn {
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

/**
 * A sign-in's public id: a UUID derived from its row id. The row id is the hash of the cookie's token;
 * it stays on the server all the same.
 */
function publicSignInId(sessionId: string): string {
  const h = createHash('sha256').update(`sign-in:${sessionId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The person's unexpired sign-ins, most recently seen first; `current` marks the asking browser. */
export async function listSignIns(
  deps: Pick<Deps, 'db' | 'clock'>,
  userId: string,
  currentSessionId: string,
): Promise<SignIn[]> {
  const rows = await deps.db
    .selectFrom('auth_sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('expires_at', '>', deps.clock())
    .orderBy('last_seen_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: publicSignInId(row.id),
    userAgent: row.user_agent,
    ip: row.ip,
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
    current: row.id === currentSessionId,
  }));
}

/** Signs out one of the person's browsers by its public id; false when they have no such sign-in. */
export async function endSignIn(deps: Deps, userId: string, publicId: string): Promise<boolean> {
  const rows = await deps.db.selectFrom('auth_sessions').select('id').where('user_id', '=', userId).execute();
  const row = rows.find((r) => publicSignInId(r.id) === publicId);
  if (!row) return false;
  await deleteSession(deps, row.id, 'You were signed out from another browser.');
  return true;
}
