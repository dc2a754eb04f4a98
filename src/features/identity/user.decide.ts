import { badRequest, conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import type { Role } from '../../platform/event-store/port.ts';
import { roles, suspensionInForce, type Skill, type UserEvent } from './events.ts';
import type { Profile, UserState } from './user.ts';

export type UserCommand =
  | {
      type: 'RegisterUser';
      userId: string;
      email: string;
      displayName: string;
      passwordHash: string;
      role: Role;
    }
  | { type: 'RecordLogin' }
  | { type: 'RecordLogout' }
  | { type: 'ChangePassword'; passwordHash: string }
  | { type: 'ChangeRole'; role: Role }
  | {
      type: 'UpdateProfile';
      changes: Partial<Pick<Profile, 'displayName' | 'bio' | 'languages' | 'timezone'>>;
    }
  | { type: 'ChangeSkills'; teach: Skill[]; learn: Skill[] }
  | { type: 'ChangeAvatar'; avatarUrl: string; contentType: string; bytes: number }
  | { type: 'RequestPasswordReset'; tokenHash: string; expiresAt: Date }
  | { type: 'ResetPassword'; tokenHash: string; passwordHash: string; now: Date }
  /** `email` is the current address (sign-up, resend) or a new one (a change, once verified). */
  | { type: 'RequestEmailVerification'; email: string; tokenHash: string; expiresAt: Date }
  | { type: 'VerifyEmail'; tokenHash: string; now: Date }
  | StaffCommand;

/** What staff do to a person's account: `by` acts with `byRole`. */
export type StaffCommand =
  | {
      type: 'SuspendUser';
      suspensionId: string;
      reason: string;
      until: string | null;
      by: string;
      byRole: Role;
      now: Date;
    }
  | { type: 'UnsuspendUser'; by: string; byRole: Role; now: Date }
  /** Erase the account: by the person themselves (after their password) or by staff of a higher role. */
  | { type: 'EraseUser'; by: string; byRole: Role }
  | {
      type: 'AssignRole';
      role: Role;
      by: string;
      byRole: Role;
      /** How many super admins there are now (the read model's count, re-checked here). */
      superAdmins: number;
    };

const rank = (role: Role) => roles.indexOf(role);
const highRoles: readonly Role[] = ['admin', 'super_admin'];

type Active = Extract<UserState, { status: 'active' }>;

function requireActive(state: UserState): Active {
  if (state.status !== 'active') throw notFound('No such user.');
  return state;
}

/** A link's account: an unknown one is the same 400 as a spent link (the token names the account). */
function requireLink(state: UserState): Active {
  if (state.status !== 'active') throw spentLink('link');
  return state;
}

/** Used, expired and unknown links all answer alike: 400, revealing nothing about which. */
export function spentLink(kind: 'reset' | 'verification' | 'link') {
  const what =
    kind === 'reset' ? 'password reset link' : kind === 'verification' ? 'verification link' : 'link';
  return badRequest(
    `This ${what} is not valid any more: it was used, it expired, or it is wrong. Ask for a new one.`,
  );
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Pure: the events a command causes on a user's stream, or a domain error. */
export function decideUser(command: UserCommand, state: UserState): UserEvent[] {
  switch (command.type) {
    case 'RegisterUser': {
      if (state.status !== 'unregistered') throw conflict('This account already exists.');
      const { type: _t, ...data } = command;
      return [{ type: 'UserRegistered', data }];
    }
    case 'RecordLogin':
      return [{ type: 'UserLoggedIn', data: { userId: requireActive(state).profile.id } }];
    case 'RecordLogout':
      return [{ type: 'UserLoggedOut', data: { userId: requireActive(state).profile.id } }];
    case 'ChangePassword': {
      const user = requireActive(state);
      return [
        { type: 'PasswordChanged', data: { userId: user.profile.id, passwordHash: command.passwordHash } },
      ];
    }
    case 'ChangeRole': {
      const user = requireActive(state);
      if (user.profile.role === command.role) return [];
      return [{ type: 'UserRoleChanged', data: { userId: user.profile.id, role: command.role } }];
    }
    case 'UpdateProfile': {
      const user = requireActive(state);
      const changed = Object.fromEntries(
        Object.entries(command.changes).filter(
          ([key, value]) => value !== undefined && !sameJson(value, user.profile[key as keyof Profile]),
        ),
      );
      if (Object.keys(changed).length === 0) return [];
      return [{ type: 'ProfileUpdated', data: { userId: user.profile.id, ...changed } }];
    }
    case 'ChangeSkills': {
      const user = requireActive(state);
      if (sameJson(user.profile.teach, command.teach) && sameJson(user.profile.learn, command.learn))
        return [];
      return [
        {
          type: 'SkillsChanged',
          data: { userId: user.profile.id, teach: command.teach, learn: command.learn },
        },
      ];
    }
    case 'ChangeAvatar': {
      const user = requireActive(state);
      const { type: _t, ...rest } = command;
      return [{ type: 'AvatarChanged', data: { userId: user.profile.id, ...rest } }];
    }
    case 'RequestPasswordReset': {
      const user = requireActive(state);
      const { tokenHash, expiresAt } = command;
      return [
        {
          type: 'PasswordResetRequested',
          data: { userId: user.profile.id, tokenHash, expiresAt: expiresAt.toISOString() },
        },
      ];
    }
    case 'ResetPassword': {
      const user = requireLink(state);
      const link = user.resets.find((r) => r.tokenHash === command.tokenHash);
      if (!link || Date.parse(link.expiresAt) <= command.now.getTime()) throw spentLink('reset');
      const userId = user.profile.id;
      const { tokenHash, passwordHash } = command;
      const events: UserEvent[] = [
        { type: 'PasswordResetCompleted', data: { userId, tokenHash, passwordHash } },
      ];
      // The link reached the person's mailbox, so their address works.
      if (!user.profile.emailVerified)
        events.push({ type: 'EmailVerified', data: { userId, email: user.profile.email } });
      return events;
    }
    case 'RequestEmailVerification': {
      const user = requireActive(state);
      const { email, tokenHash, expiresAt } = command;
      if (email === user.profile.email && user.profile.emailVerified)
        throw conflict('Your email address is already verified.');
      return [
        {
          type: 'EmailVerificationRequested',
          data: { userId: user.profile.id, email, tokenHash, expiresAt: expiresAt.toISOString() },
        },
      ];
    }
    case 'VerifyEmail': {
      const user = requireLink(state);
      const link = user.verification;
      if (
        !link ||
        link.tokenHash !== command.tokenHash ||
        Date.parse(link.expiresAt) <= command.now.getTime()
      )
        throw spentLink('verification');
      const userId = user.profile.id;
      if (link.email === user.profile.email)
        return user.profile.emailVerified
          ? []
          : [{ type: 'EmailVerified', data: { userId, email: link.email } }];
      return [
        { type: 'EmailChanged', data: { userId, email: link.email, previousEmail: user.profile.email } },
      ];
    }
    case 'EraseUser':
      // Erasing twice is a no-op: the rest of the erasure is re-applied by the caller.
      if (state.status === 'erased') return [];
      return decideStaff(command, requireActive(state));
    case 'SuspendUser':
    case 'UnsuspendUser':
    case 'AssignRole':
      return decideStaff(command, requireActive(state));
    default: {
      const _never: never = command;
      throw forbidden('Unknown command.');
    }
  }
}

/** Suspensions and roles: who may act on whom (docs/api.md, "Administration"). */
function decideStaff(command: StaffCommand, user: Active): UserEvent[] {
  const userId = user.profile.id;
  const self = command.by === userId;
  switch (command.type) {
    case 'SuspendUser': {
      if (self) throw forbidden('You cannot suspend yourself.');
      if (rank(user.profile.role) >= rank(command.byRole))
        throw forbidden('You can only suspend people whose role is below yours.');
      const reason = command.reason.trim();
      if (!reason)
        throw invalid('Give a reason.', [{ path: 'reason', message: 'Reason must not be empty.' }]);
      if (command.until !== null && new Date(command.until) <= command.now)
        throw invalid('The end of a suspension must be in the future.', [
          { path: 'until', message: 'Choose a time in the future, or leave it out for no end.' },
        ]);
      const { suspensionId, until, by } = command;
      return [{ type: 'UserSuspended', data: { userId, suspensionId, reason, until, by } }];
    }
    case 'EraseUser': {
      if (!self && rank(user.profile.role) >= rank(command.byRole))
        throw forbidden('You can only erase accounts whose role is below yours.');
      return [{ type: 'UserErased', data: { userId, erasedBy: command.by } }];
    }
    case 'UnsuspendUser': {
      if (self) throw forbidden('You cannot lift your own suspension.');
      if (rank(user.profile.role) >= rank(command.byRole))
        throw forbidden('You can only lift suspensions of people whose role is below yours.');
      const suspension = suspensionInForce(user.suspension, command.now);
      if (!user.suspension || !suspension) throw conflict('This person is not suspended.');
      return [{ type: 'UserUnsuspended', data: { userId, suspensionId: suspension.id, by: command.by } }];
    }
    case 'AssignRole': {
      const { role, byRole } = command;
      if (self) throw forbidden('You cannot change your own role.');
      const touchesHigh = highRoles.includes(role) || highRoles.includes(user.profile.role);
      if (touchesHigh && byRole !== 'super_admin')
        throw forbidden('Only a super admin grants or takes the admin and super admin roles.');
      if (!touchesHigh && rank(byRole) < rank('admin'))
        throw forbidden('Only an admin or above changes roles.');
      if (user.profile.role === role) return [];
      if (user.profile.role === 'super_admin' && command.superAdmins <= 1)
        throw conflict('This is the last super admin; make someone else a super admin first.');
      return [{ type: 'UserRoleChanged', data: { userId, role } }];
    }
    default: {
      const _never: never = command;
      throw forbidden('Unknown command.');
    }
  }
}
