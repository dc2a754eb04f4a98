import { describe, expect, it } from 'vitest';
import { deciderSpecification, fold } from '../../../tests/support/decider.ts';
import { AppError } from '../../platform/errors.ts';
import type { GroupEvent } from './events.ts';
import { decideGroup, MAX_MEMBERS, type GroupCommand } from './group.decide.ts';
import { evolveGroup, initialGroupState, type GroupState } from './group.ts';

const decider = { initial: initialGroupState, evolve: evolveGroup, decide: decideGroup };
const { given } = deciderSpecification<GroupState, GroupCommand, GroupEvent>(decider);

const groupId = 'a4f0c1de-7d55-4a59-9f0e-3c1b7d1e2a01';
const ada = 'ada-0000';
const bob = 'bob-0000';
const cy = 'cy-00000';
const dee = 'dee-0000';
const created: GroupEvent = {
  type: 'GroupCreated',
  data: { groupId, name: 'Chess club', description: 'Openings', createdBy: ada },
};
const added = (userId: string, addedBy = ada): GroupEvent => ({
  type: 'GroupMemberAdded',
  data: { groupId, userId, addedBy },
});
const promoted = (userId: string, promotedBy = ada): GroupEvent => ({
  type: 'GroupAdminPromoted',
  data: { groupId, userId, promotedBy },
});
const removed = (userId: string, removedBy: string, reason: 'removed' | 'left'): GroupEvent => ({
  type: 'GroupMemberRemoved',
  data: { groupId, userId, removedBy, reason },
});
const known = { exists: true, blockedEitherWay: false };
const addBob = { type: 'AddMember', userId: bob, by: ada, target: known } as const;
const withStatus = (status: number) => (error: AppError) => expect(error.status).toBe(status);

describe('decideGroup', () => {
  describe('when the group does not exist', () => {
    it('creates it with the creator as its first member and admin', () => {
      given([])
        .when({ type: 'CreateGroup', groupId, name: 'Chess club', description: 'Openings', by: ada })
        .then([created]);
      const state = fold(decider, [created]);
      expect([...state.members]).toEqual([ada]);
      expect([...state.admins]).toEqual([ada]);
    });

    it('refuses every other command with 404', () => {
      const commands: GroupCommand[] = [
        { type: 'RenameGroup', name: 'x', by: ada },
        addBob,
        { type: 'RemoveMember', userId: bob, by: ada },
        { type: 'LeaveGroup', by: ada },
        { type: 'PromoteAdmin', userId: bob, by: ada },
      ];
      for (const command of commands) given([]).when(command).thenThrows(AppError, withStatus(404));
    });
  });

  describe('when the group exists', () => {
    it('refuses to create it again with 409', () => {
      given([created])
        .when({ type: 'CreateGroup', groupId, name: 'Other', description: '', by: bob })
        .thenThrows(AppError, withStatus(409));
    });

    it('lets an admin add a member, once', () => {
      given([created])
        .when(addBob)
        .then([added(bob)]);
      given([created, added(bob)])
        .when(addBob)
        .thenNothingHappens();
    });

    it('refuses to add an unknown person (404) or one across a block (403), even when already a member', () => {
      given([created])
        .when({ ...addBob, target: { exists: false, blockedEitherWay: false } })
        .thenThrows(AppError, withStatus(404));
      given([created, added(bob)])
        .when({ ...addBob, target: { exists: true, blockedEitherWay: true } })
        .thenThrows(AppError, withStatus(403));
    });

    it('checks that the caller is an admin before saying anything about the person added', () => {
      given([created, added(cy)])
        .when({ ...addBob, by: cy, target: { exists: false, blockedEitherWay: true } })
        .thenThrows(AppError, withStatus(403));
    });

    it('refuses admin-only commands from plain members and outsiders with 403', () => {
      const commands = (by: string): GroupCommand[] => [
        { type: 'RenameGroup', name: 'Mine now', by },
        { type: 'AddMember', userId: dee, by, target: known },
        { type: 'RemoveMember', userId: ada, by },
        { type: 'PromoteAdmin', userId: by, by },
      ];
      for (const command of [...commands(bob), ...commands(cy)])
        given([created, added(bob)])
          .when(command)
          .thenThrows(AppError, withStatus(403));
    });

    it('refuses a full group with 409', () => {
      const crowd = Array.from({ length: MAX_MEMBERS - 1 }, (_, i) => added(`member-${i}`));
      given([created, ...crowd])
        .when({ type: 'AddMember', userId: dee, by: ada, target: known })
        .thenThrows(AppError, withStatus(409));
    });

    it('renames, keeps the description unless given, and ignores a rename to the same values', () => {
      given([created])
        .when({ type: 'RenameGroup', name: 'Chess & Go', by: ada })
        .then([{ type: 'GroupRenamed', data: { groupId, name: 'Chess & Go', description: 'Openings' } }]);
      given([created])
        .when({ type: 'RenameGroup', description: 'Endgames', by: ada })
        .then([{ type: 'GroupRenamed', data: { groupId, name: 'Chess club', description: 'Endgames' } }]);
      given([created])
        .when({ type: 'RenameGroup', name: 'Chess club', description: 'Openings', by: ada })
        .thenNothingHappens();
    });

    it('lets an admin remove a plain member', () => {
      given([created, added(bob)])
        .when({ type: 'RemoveMember', userId: bob, by: ada })
        .then([removed(bob, ada, 'removed')]);
    });

    it('answers 404 for removing someone who is not a member', () => {
      given([created])
        .when({ type: 'RemoveMember', userId: bob, by: ada })
        .thenThrows(AppError, withStatus(404));
    });

    it('refuses to let an admin remove another admin with 403', () => {
      given([created, added(bob), promoted(bob)])
        .when({ type: 'RemoveMember', userId: ada, by: bob })
        .thenThrows(AppError, withStatus(403));
    });

    it('promotes a member once, and refuses to promote a non-member with 409', () => {
      given([created, added(bob)])
        .when({ type: 'PromoteAdmin', userId: bob, by: ada })
        .then([promoted(bob)]);
      given([created, added(bob), promoted(bob)])
        .when({ type: 'PromoteAdmin', userId: bob, by: ada })
        .thenNothingHappens();
      given([created])
        .when({ type: 'PromoteAdmin', userId: bob, by: ada })
        .thenThrows(AppError, withStatus(409));
    });
  });

  describe('when someone leaves', () => {
    it('a plain member just leaves, by LeaveGroup or by removing themselves', () => {
      given([created, added(bob)])
        .when({ type: 'LeaveGroup', by: bob })
        .then([removed(bob, bob, 'left')]);
      given([created, added(bob)])
        .when({ type: 'RemoveMember', userId: bob, by: bob })
        .then([removed(bob, bob, 'left')]);
    });

    it('the last admin hands over to the longest-standing member first', () => {
      const history = [created, added(cy), added(bob), removed(cy, ada, 'removed'), added(cy)];
      given(history)
        .when({ type: 'LeaveGroup', by: ada })
        .then([
          { type: 'GroupAdminPromoted', data: { groupId, userId: bob, promotedBy: ada } },
          removed(ada, ada, 'left'),
        ]);
      const state = fold(decider, [...history, promoted(bob, ada), removed(ada, ada, 'left')]);
      expect([...state.admins]).toEqual([bob]);
      expect([...state.members]).toEqual([bob, cy]);
    });

    it('an admin with another admin beside them leaves without a promotion', () => {
      given([created, added(bob), promoted(bob), added(cy)])
        .when({ type: 'LeaveGroup', by: ada })
        .then([removed(ada, ada, 'left')]);
    });

    it('the only member may leave, which leaves the group empty', () => {
      given([created])
        .when({ type: 'LeaveGroup', by: ada })
        .then([removed(ada, ada, 'left')]);
      expect(fold(decider, [created, removed(ada, ada, 'left')]).members.size).toBe(0);
    });

    it('an outsider cannot leave (403)', () => {
      given([created]).when({ type: 'LeaveGroup', by: bob }).thenThrows(AppError, withStatus(403));
    });
  });
});
