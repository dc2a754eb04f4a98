import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import { canTalk, pairKey, type PairState } from '../connections/index.ts';
import { suspensionInForce } from '../identity/index.ts';
import type { GroupState } from '../groups/index.ts';
import { endsAtOf, isHostOrRegistered, type SessionState } from '../sessions/index.ts';

/**
 * Who may call whom, as pure rules over the streams they belong to (the service loads them fresh for
 * every token and every signal, so a block or a leave counts at once). Each throws the domain error a
 * person should see, or returns the room.
 */

/** Session rooms open this long before `startsAt` (and close at its end). */
export const SESSION_ROOM_OPENS_MS = 15 * 60_000;

export const dmRoom = (a: string, b: string) => `dm-${pairKey(a, b)}`;
export const sessionRoom = (id: string) => `session-${id}`;
export const groupRoom = (id: string) => `group-${id}`;

/** Two accepted connections who have not blocked each other. `otherExists`: the other person is a member. */
export function mayCallPerson(me: string, other: string, pair: PairState, otherExists: boolean): string {
  if (me === other)
    throw invalid('You cannot call yourself.', [
      { path: 'with', message: 'Choose someone other than yourself.' },
    ]);
  if (canTalk(pair)) return dmRoom(me, other);
  if (!otherExists) throw notFound('No SkillSwap member with this id.');
  if (pair.blockedBy.includes(me)) throw forbidden('You blocked this person. Unblock them to call them.');
  if (pair.blockedBy.length > 0) throw forbidden('This person does not take calls from you.');
  throw forbidden('You can call your connections only. Connect with this person first.');
}

/** The host and registered attendees, from 15 minutes before the start until the end. */
export function mayJoinSession(me: string, sessionId: string, session: SessionState, now: Date): string {
  if (session.status === 'unscheduled') throw notFound('No such session.');
  if (session.status === 'cancelled') throw forbidden('This session was cancelled.');
  if (!isHostOrRegistered(session, me))
    throw forbidden("Only the session's host and registered attendees can join its call.");
  const opens = Date.parse(session.startsAt) - SESSION_ROOM_OPENS_MS;
  if (now.getTime() < opens)
    throw forbidden(
      `The session's call opens 15 minutes before it starts, at ${new Date(opens).toISOString()}.`,
    );
  if (now.getTime() >= Date.parse(endsAtOf(session))) throw forbidden('This session has ended.');
  return sessionRoom(sessionId);
}

/** A group's current members. */
export function mayJoinGroup(me: string, groupId: string, group: GroupState): string {
  if (!group.exists) throw notFound('No such group.');
  if (!group.members.has(me)) throw forbidden("Only the group's members can join its call.");
  return groupRoom(groupId);
}

/**
 * Whether someone already in a LiveKit room may stay there: the rules of joining, but not the clock (a
 * session that runs over is not cut off at its end; the 15 minutes before the start do not matter once in).
 * A block or an ended connection, a cancelled session or a lost seat, a removal from the group: out.
 */
export function mayStayInDm(me: string, other: string, pair: PairState): boolean {
  return me !== other && canTalk(pair);
}
export function mayStayInSession(me: string, session: SessionState): boolean {
  return (
    session.status !== 'unscheduled' && session.status !== 'cancelled' && isHostOrRegistered(session, me)
  );
}
export function mayStayInGroup(me: string, group: GroupState): boolean {
  return group.exists && group.members.has(me);
}
/** The account, as the users read model has it: deleted, erased or suspended (still, by the clock) is out. */
export function accountMayStay(
  account: { status: string; suspended_until: Date | string | null },
  now: Date,
): boolean {
  if (account.status === 'active') return true;
  if (account.status !== 'suspended') return false;
  const until = account.suspended_until === null ? null : new Date(account.suspended_until).toISOString();
  return suspensionInForce({ until }, now) === null;
}

/** Whether `check` passes, for the many places (signals, the scheduler) that need a yes or no. */
export function allows(check: () => unknown): boolean {
  try {
    check();
    return true;
  } catch {
    return false;
  }
}
