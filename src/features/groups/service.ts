import { isBlockedEitherWay } from '../../../projections/blocks.ts';
import { findGroup, roleIn } from '../../../projections/groups.ts';
import { findUser } from '../../../projections/users.ts';
import type { Db } from '../../platform/db/database.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { handleCommand } from '../../platform/commands.ts';
import type { EventMetadata } from '../../platform/event-store/port.ts';
import type { Deps } from '../../platform/http/context.ts';
import { groupStream } from './events.ts';
import { decideGroup, type GroupCommand } from './group.decide.ts';
import { groupAggregate } from './group.ts';

/** Runs a command on `group-<id>` through the decider (load, decide, append with the revision read). */
export function runGroupCommand(deps: Deps, groupId: string, command: GroupCommand, metadata: EventMetadata) {
  return handleCommand(
    deps.store,
    groupStream(groupId),
    groupAggregate,
    (state) => decideGroup(command, state),
    metadata,
  );
}

/** What the other aggregates' read models say about adding `userId`, for the decider to judge. */
export async function addTargetFacts(deps: Deps, by: string, userId: string) {
  const [user, blockedEitherWay] = await Promise.all([
    findUser(deps.db, userId),
    isBlockedEitherWay(deps.db, by, userId),
  ]);
  return { exists: user !== undefined && !['deleted', 'erased'].includes(user.status), blockedEitherWay };
}

/** 404 for an unknown group, 403 for a non-member; the caller's role otherwise. */
export async function requireMembership(db: Db, groupId: string, userId: string) {
  const [group, role] = await Promise.all([findGroup(db, groupId), roleIn(db, groupId, userId)]);
  if (!group) throw notFound('No group with this id.');
  if (!role) throw forbidden('Only members of this group can see it. Ask one of its admins to add you.');
  return { group, role };
}
