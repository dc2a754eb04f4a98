import { handleCommand } from '../../platform/commands.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { Recorded } from '../../platform/event-store/events.ts';
import { roleRank } from '../../platform/http/auth.ts';
import type { CommandContext } from '../../platform/http/command-route.ts';
import { groupOfDoc } from '../../../projections/report-targets.ts';
import { slowModeEvents, slowModeStream, type SlowModeEvent } from './events.ts';

interface SlowModeState {
  seconds: number;
}

const slowModeAggregate = {
  initial: { seconds: 0 },
  evolve: (_state: SlowModeState, event: Recorded<SlowModeEvent>): SlowModeState => ({
    seconds: event.data.seconds,
  }),
  registry: slowModeEvents,
};

/**
 * Sets slow mode of a chat: moderators and above anywhere, a group's admins in their own group (the
 * one place this route decides who may). An unknown group is a 404.
 */
export async function setSlowMode(ctx: CommandContext, doc: string, seconds: number) {
  const { deps, me, metadata } = ctx;
  const groupId = groupOfDoc(doc);
  if (groupId) {
    // A rare action: the groups read model first catches up (bounded), so a just-made group or admin counts.
    const head = await deps.store.headPosition();
    await deps.projections.waitFor(head, { names: ['groups'], timeoutMs: 3_000 });
    const group = await deps.db
      .selectFrom('groups')
      .select('id')
      .where('id', '=', groupId)
      .executeTakeFirst();
    if (!group) throw notFound('No group with this id.');
  }
  if (roleRank(me.role) < roleRank('moderator')) {
    const admin =
      groupId &&
      (await deps.db
        .selectFrom('group_members')
        .select('user_id')
        .where('group_id', '=', groupId)
        .where('user_id', '=', me.userId)
        .where('role', '=', 'admin')
        .executeTakeFirst());
    if (!admin) throw forbidden('Only moderators, and group admins in their own group, set slow mode.');
  }
  return handleCommand(
    deps.store,
    slowModeStream(doc),
    slowModeAggregate,
    (state): SlowModeEvent[] =>
      state.seconds === seconds ? [] : [{ type: 'SlowModeSet', data: { doc, seconds, by: me.userId } }],
    metadata,
  );
}
