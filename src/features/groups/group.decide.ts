import { conflict, forbidden, notFound } from '../../platform/errors.ts';
import type { GroupEvent } from './events.ts';
import type { GroupState } from './group.ts';

export const MAX_MEMBERS = 500;

/** `by` is the signed-in user who acts; it always comes from the session. */
export type GroupCommand =
  | { type: 'CreateGroup'; groupId: string; name: string; description: string; by: string }
  | { type: 'RenameGroup'; name?: string | undefined; description?: string | undefined; by: string }
  | {
      type: 'AddMember';
      userId: string;
      by: string;
      /** Facts from other aggregates' read models: does the person exist, does a block stand between them. */
      target: { exists: boolean; blockedEitherWay: boolean };
    }
  | { type: 'RemoveMember'; userId: string; by: string }
  | { type: 'LeaveGroup'; by: string }
  | { type: 'PromoteAdmin'; userId: string; by: string };

type Existing = GroupState & { exists: true };

function requireMember(state: GroupState, userId: string): Existing {
  if (!state.exists) throw notFound('No group with this id.');
  if (!state.members.has(userId)) throw forbidden('Only members of this group can do this.');
  return state as Existing;
}

function requireAdmin(state: GroupState, userId: string): Existing {
  const group = requireMember(state, userId);
  if (!group.admins.has(userId)) throw forbidden('Only admins of this group can do this.');
  return group;
}

/** The member who has been in the group longest besides `leaving` (sets keep insertion order). */
const longestStanding = (group: Existing, leaving: string) => [...group.members].find((m) => m !== leaving);

function leave(group: Existing, userId: string): GroupEvent[] {
  const groupId = group.id;
  const events: GroupEvent[] = [];
  // A group never loses its last admin while it has members: the longest-standing member takes over.
  const successor = longestStanding(group, userId);
  if (group.admins.size === 1 && group.admins.has(userId) && successor) {
    events.push({ type: 'GroupAdminPromoted', data: { groupId, userId: successor, promotedBy: userId } });
  }
  events.push({ type: 'GroupMemberRemoved', data: { groupId, userId, removedBy: userId, reason: 'left' } });
  return events;
}

/** Pure: the events a command causes on a group's stream, or a domain error. */
export function decideGroup(command: GroupCommand, state: GroupState): GroupEvent[] {
  switch (command.type) {
    case 'CreateGroup': {
      if (state.exists) throw conflict('This group already exists.');
      const { groupId, name, description, by } = command;
      return [{ type: 'GroupCreated', data: { groupId, name, description, createdBy: by } }];
    }
    case 'RenameGroup': {
      const group = requireAdmin(state, command.by);
      const name = command.name ?? group.name;
      const description = command.description ?? group.description;
      if (name === group.name && description === group.description) return [];
      return [{ type: 'GroupRenamed', data: { groupId: group.id, name, description } }];
    }
    case 'AddMember': {
      const group = requireAdmin(state, command.by);
      if (!command.target.exists) throw notFound('There is no SkillSwap member with this id.');
      if (command.target.blockedEitherWay)
        throw forbidden('You cannot add this person: one of you has blocked the other.');
      if (group.members.has(command.userId)) return [];
      if (group.members.size >= MAX_MEMBERS)
        throw conflict(`A group can have at most ${MAX_MEMBERS} members. Remove someone first.`);
      return [
        {
          type: 'GroupMemberAdded',
          data: { groupId: group.id, userId: command.userId, addedBy: command.by },
        },
      ];
    }
    case 'RemoveMember': {
      if (command.userId === command.by) return leave(requireMember(state, command.by), command.by);
      const group = requireAdmin(state, command.by);
      if (!group.members.has(command.userId)) throw notFound('This person is not a member of this group.');
      if (group.admins.has(command.userId))
        throw forbidden('Admins cannot remove other admins; an admin can leave the group on their own.');
      return [
        {
          type: 'GroupMemberRemoved',
          data: { groupId: group.id, userId: command.userId, removedBy: command.by, reason: 'removed' },
        },
      ];
    }
    case 'LeaveGroup':
      return leave(requireMember(state, command.by), command.by);
    case 'PromoteAdmin': {
      const group = requireAdmin(state, command.by);
      if (!group.members.has(command.userId))
        throw conflict('Only members can become admins. Add this person to the group first.');
      if (group.admins.has(command.userId)) return [];
      return [
        {
          type: 'GroupAdminPromoted',
          data: { groupId: group.id, userId: command.userId, promotedBy: command.by },
        },
      ];
    }
    default: {
      const _never: never = command;
      throw forbidden('Unknown command.');
    }
  }
}
