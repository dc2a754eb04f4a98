import type { Role } from '../../platform/event-store/port.ts';
import type { RecordedUserEvent, Skill } from './events.ts';
import { userEvents } from './events.ts';

export { userStream } from './events.ts';

export interface Profile {
  id: string;
  email: string;
  displayName: string;
  bio: string;
  avatarUrl: string | null;
  languages: string[];
  timezone: string | null;
  teach: Skill[];
  learn: Skill[];
  role: Role;
  createdAt: string;
}

export interface SuspensionState {
  id: string;
  reason: string;
  until: string | null;
  by: string;
  since: string;
}

export type UserState =
  | { status: 'unregistered' }
  | {
      status: 'active';
      profile: Profile;
      passwordHash: string;
      /** The latest suspension not lifted (it may have ended by the clock: `suspensionInForce`). */
      suspension: SuspensionState | null;
    };

export const initialUserState: UserState = { status: 'unregistered' };

export function evolveUser(state: UserState, event: RecordedUserEvent): UserState {
  if (event.type === 'UserRegistered') {
    const { userId, email, displayName, passwordHash, role } = event.data;
    return {
      status: 'active',
      passwordHash,
      suspension: null,
      profile: {
        id: userId,
        email,
        displayName,
        bio: '',
        avatarUrl: null,
        languages: [],
        timezone: null,
        teach: [],
        learn: [],
        role,
        createdAt: event.metadata.occurredAt,
      },
    };
  }
  if (state.status !== 'active') return state;
  const { profile } = state;
  switch (event.type) {
    case 'UserLoggedIn':
    case 'UserLoggedOut':
      return state;
    case 'PasswordChanged':
      return { ...state, passwordHash: event.data.passwordHash };
    case 'UserRoleChanged':
      return { ...state, profile: { ...profile, role: event.data.role } };
    case 'ProfileUpdated': {
      const { userId: _id, ...changes } = event.data;
      return { ...state, profile: { ...profile, ...changes } };
    }
    case 'SkillsChanged':
      return { ...state, profile: { ...profile, teach: event.data.teach, learn: event.data.learn } };
    case 'AvatarChanged':
      return { ...state, profile: { ...profile, avatarUrl: event.data.avatarUrl } };
    case 'UserSuspended': {
      const { suspensionId: id, reason, until, by } = event.data;
      return { ...state, suspension: { id, reason, until, by, since: event.metadata.occurredAt } };
    }
    case 'UserUnsuspended':
      return { ...state, suspension: null };
    default: {
      const _never: never = event;
      return state;
    }
  }
}

export const userAggregate = { initial: initialUserState, evolve: evolveUser, registry: userEvents };
