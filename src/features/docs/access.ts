import { loadAggregate } from '../../platform/commands.ts';
import type { EventStore, Role } from '../../platform/event-store/port.ts';
import type { SessionUser } from '../../platform/http/context.ts';
import { groupStream } from '../groups/events.ts';
import { groupAggregate } from '../groups/index.ts';
import type { DocName } from './doc-name.ts';

/** Close codes (4400-4499: the stock client does not reconnect). */
export const CLOSE_NOT_SIGNED_IN = 4401;
export const CLOSE_FORBIDDEN = 4403;
export const CLOSE_NO_SUCH_DOC = 4404;
/** More sockets than a person may hold in one app process (/yjs and /api/live together). */
export const CLOSE_TOO_MANY_SOCKETS = 4429;
/**
 * The socket fell too far behind: 1013 "try again later", which the stock client reconnects after (it
 * gives up on 4400-4499), so it resyncs.
 */
export const CLOSE_SLOW_CONSUMER = 1013;

/** The close reason for CLOSE_TOO_MANY_SOCKETS (close reasons are at most 123 bytes). */
export const tooManySockets = (max: number) =>
  `Too many open connections: at most ${max} per person. Close some SkillSwap tabs or windows, then reload.`;

export const MODERATOR_ROLES: ReadonlySet<Role> = new Set(['moderator', 'admin', 'super_admin']);

export type Refusal = { code: number; reason: string };
export type Access = { ok: true; groupAdmin: boolean } | ({ ok: false } & Refusal);

/** Authentication: a signed-in user who is not suspended. */
export function authenticate(user: SessionUser | undefined): Refusal | undefined {
  if (!user) return { code: CLOSE_NOT_SIGNED_IN, reason: 'Sign in to open this document.' };
  if (user.status === 'suspended') return { code: CLOSE_FORBIDDEN, reason: 'Your account is suspended.' };
  return undefined;
}

/** Authorization per document: the wall is open to every signed-in user, a group's chat to its members. */
export async function authorize(store: EventStore, user: SessionUser, doc: DocName): Promise<Access> {
  if (doc.kind === 'wall') return { ok: true, groupAdmin: false };
  const { state } = await loadAggregate(store, groupStream(doc.groupId), groupAggregate);
  if (!state.exists || !state.members.has(user.userId)) {
    return { ok: false, code: CLOSE_FORBIDDEN, reason: 'Only members of this group can open its chat.' };
  }
  return { ok: true, groupAdmin: state.admins.has(user.userId) };
}
