import { describe, expect, it } from 'vitest';
import { deciderSpecification } from '../../../tests/support/decider.ts';
import { AppError } from '../../platform/errors.ts';
import type { Role } from '../../platform/event-store/port.ts';
import { decideUser, type StaffCommand, type UserCommand } from './user.decide.ts';
import { type UserEvent } from './events.ts';
import { evolveUser, initialUserState, type UserState } from './user.ts';

const decider = { initial: initialUserState, evolve: evolveUser, decide: decideUser };
const { given } = deciderSpecification<UserState, UserCommand, UserEvent>(decider);

const userId = '2f6c2a56-41a4-4c39-9a55-0e0b6d6f0c11';
const staffId = '9d0f6a3e-5b8c-4d2e-8f1a-3c4b5d6e7f80';
const now = new Date('2026-01-05T10:00:00Z');
const registered = (role: Role = 'user'): UserEvent => ({
  type: 'UserRegistered',
  data: { userId, email: 'ada@example.com', displayName: 'Ada', passwordHash: 'h', role },
});
const suspend = (byRole: Role, more: Partial<StaffCommand> = {}): UserCommand =>
  ({
    type: 'SuspendUser',
    suspensionId: 's-1',
    reason: 'Spam',
    until: null,
    by: staffId,
    byRole,
    now,
    ...more,
  }) as UserCommand;
const suspended: UserEvent = {
  type: 'UserSuspended',
  data: { userId, suspensionId: 's-1', reason: 'Spam', until: null, by: staffId },
};
const assign = (role: Role, byRole: Role, superAdmins = 2, by = staffId): UserCommand => ({
  type: 'AssignRole',
  role,
  by,
  byRole,
  superAdmins,
});
const status = (n: number) => (error: AppError) => expect(error.status).toBe(n);

describe('staff commands on an account', () => {
  it('suspends a person with a lower role, with the reason trimmed', () => {
    given([registered()])
      .when(suspend('moderator', { reason: '  Spam  ' }))
      .then([suspended]);
    given([registered('moderator')])
      .when(suspend('admin', { until: '2026-02-01T00:00:00.000Z' }))
      .then([{ ...suspended, data: { ...suspended.data, until: '2026-02-01T00:00:00.000Z' } }]);
  });

  it('refuses suspending yourself or an equal or higher role (403), an empty reason or a past end (422)', () => {
    given([registered()])
      .when(suspend('admin', { by: userId }))
      .thenThrows(AppError, status(403));
    given([registered('moderator')])
      .when(suspend('moderator'))
      .thenThrows(AppError, status(403));
    given([registered('super_admin')])
      .when(suspend('admin'))
      .thenThrows(AppError, status(403));
    given([registered()])
      .when(suspend('moderator', { reason: '   ' }))
      .thenThrows(AppError, status(422));
    given([registered()])
      .when(suspend('moderator', { until: '2026-01-05T09:00:00.000Z' }))
      .thenThrows(AppError, status(422));
  });

  it('lifts a suspension in force, and refuses to lift one that is not (409)', () => {
    const lift: UserCommand = { type: 'UnsuspendUser', by: staffId, byRole: 'moderator', now };
    given([registered(), suspended])
      .when(lift)
      .then([{ type: 'UserUnsuspended', data: { userId, suspensionId: 's-1', by: staffId } }]);
    given([registered()]).when(lift).thenThrows(AppError, status(409));
    const ended: UserEvent = {
      ...suspended,
      data: { ...suspended.data, until: '2026-01-05T09:59:59.000Z' },
    };
    given([registered(), ended]).when(lift).thenThrows(AppError, status(409));
  });

  it('lets an admin grant user and moderator, and only a super admin admin and super_admin', () => {
    const changed = (role: Role): UserEvent => ({ type: 'UserRoleChanged', data: { userId, role } });
    given([registered()])
      .when(assign('moderator', 'admin'))
      .then([changed('moderator')]);
    given([registered('moderator')])
      .when(assign('user', 'admin'))
      .then([changed('user')]);
    given([registered()]).when(assign('admin', 'admin')).thenThrows(AppError, status(403));
    given([registered('admin')])
      .when(assign('user', 'admin'))
      .thenThrows(AppError, status(403));
    given([registered()]).when(assign('moderator', 'moderator')).thenThrows(AppError, status(403));
    given([registered()])
      .when(assign('super_admin', 'super_admin'))
      .then([changed('super_admin')]);
    given([registered('admin')])
      .when(assign('user', 'super_admin'))
      .then([changed('user')]);
  });

  it('refuses changing your own role (403) and demoting the last super admin (409)', () => {
    given([registered('admin')])
      .when(assign('user', 'admin', 2, userId))
      .thenThrows(AppError, status(403));
    given([registered('super_admin')])
      .when(assign('admin', 'super_admin', 1))
      .thenThrows(AppError, status(409));
    given([registered('super_admin')])
      .when(assign('admin', 'super_admin', 2))
      .then([{ type: 'UserRoleChanged', data: { userId, role: 'admin' } }]);
  });
});

describe('erasing an account', () => {
  const erase = (by: string, byRole: Role): UserCommand => ({ type: 'EraseUser', by, byRole });
  const erased: UserEvent = { type: 'UserErased', data: { userId, erasedBy: userId } };

  it('lets the person erase themselves, whatever their role', () => {
    given([registered('super_admin')])
      .when(erase(userId, 'super_admin'))
      .then([erased]);
  });

  it('lets staff erase people whose role is below theirs only', () => {
    given([registered()])
      .when(erase(staffId, 'admin'))
      .then([{ ...erased, data: { userId, erasedBy: staffId } }]);
    given([registered('admin')])
      .when(erase(staffId, 'admin'))
      .thenThrows(AppError, status(403));
  });

  it('records nothing when the account is already erased, and 404 for nobody', () => {
    given([registered(), erased]).when(erase(staffId, 'admin')).then([]);
    given([]).when(erase(staffId, 'admin')).thenThrows(AppError, status(404));
  });
});
