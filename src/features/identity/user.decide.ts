import { conflict, forbidden, notFound } from '../../platform/errors.ts';
import type { Role } from '../../platform/event-store/port.ts';
import type { Skill, UserEvent } from './events.ts';
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
  | { type: 'ChangeAvatar'; avatarUrl: string; contentType: string; bytes: number };

type Active = Extract<UserState, { status: 'active' }>;

function requireActive(state: UserState): Active {
  if (state.status !== 'active') throw notFound('No such user.');
  return state;
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
    default: {
      const _never: never = command;
      throw forbidden('Unknown command.');
    }
  }
}
