import { findUser } from '../../../projections/users.ts';
import { handleCommand, loadAggregate } from '../../platform/commands.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { EventMetadata } from '../../platform/event-store/port.ts';
import type { Deps } from '../../platform/http/context.ts';
import { pairStream } from '../connections/index.ts';
import { canTalk, pairAggregate, type PairState } from '../connections/index.ts';
import { decideConversation, notAllowedDetail, type ConversationCommand } from './conversation.decide.ts';
import { conversationAggregate, type ConversationState } from './conversation.ts';
import { dmStream, type DirectMessageEvent } from './events.ts';

type WithoutPair<C> = C extends unknown ? Omit<C, 'pair'> : never;

/** What the two are to each other, read from their pair stream: never stale, so a block refuses at once. */
export async function loadPair(deps: Deps, a: string, b: string): Promise<PairState> {
  return (await loadAggregate(deps.store, pairStream(a, b), pairAggregate)).state;
}

/**
 * The pair's state, once the other person is known to exist (404 otherwise). Connected people exist, so
 * the users read model is only asked when they are not connected.
 */
async function checkedPair(deps: Deps, me: string, other: string): Promise<PairState> {
  if (other === me) throw forbidden('You cannot message yourself.');
  const pair = await loadPair(deps, me, other);
  if (canTalk(pair)) return pair;
  const user = await findUser(deps.db, other);
  if (!user || user.status === 'deleted') throw notFound('No SkillSwap member with this id.');
  return pair;
}

/**
 * Whether `from` may show `to` that they are typing: the same rule as messaging (connected, no block),
 * read from the pair stream. The live socket asks this for every typing frame.
 */
export async function mayShowTyping(deps: Pick<Deps, 'store'>, from: string, to: string): Promise<boolean> {
  if (from === to) return false;
  return canTalk((await loadAggregate(deps.store, pairStream(from, to), pairAggregate)).state);
}

export async function requireCanTalk(deps: Deps, me: string, other: string): Promise<void> {
  const pair = await checkedPair(deps, me, other);
  if (!canTalk(pair)) throw forbidden(notAllowedDetail(pair));
}

/**
 * Checks both people, then runs the command on their conversation stream with the pair's current state.
 * Commands on one conversation queue and retry in the platform's pipeline (`handleCommand`).
 */
export async function runConversationCommand(
  deps: Deps,
  me: string,
  other: string,
  command: WithoutPair<ConversationCommand>,
  metadata: EventMetadata,
): Promise<{ events: DirectMessageEvent[]; position: number | null; state: ConversationState }> {
  const pair = await checkedPair(deps, me, other);
  const result = await handleCommand(
    deps.store,
    dmStream(me, other),
    conversationAggregate,
    (state) => decideConversation({ ...command, pair }, state),
    metadata,
  );
  return { events: result.events, position: result.position, state: result.state };
}
