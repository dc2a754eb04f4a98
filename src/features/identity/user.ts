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
  /** The person confirmed their current address with a link we mailed. */
  emailVerified: boolean;
  /** A new address waiting for its link to be followed; the change takes effect then. */
  pendingEmail: string | null;
}

/** An outstanding link: the hash of its token and until when it works. */
export interface PendingToken {
  tokenHash: string;
  expiresAt: string;
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
  /** Erased: nothing about the person is left but their id. */
  | { status: 'erased'; userId: string; erasedAt: string }
  | {
      status: 'active';
      profile: Profile;
      passwordHash: string;
      /** Unused password-reset links (a reset or a password change spends them all). */
      resets: PendingToken[];
      /** The latest verification link, for `email` (the current address or a new one). */
      verification: (PendingToken & { email: string }) | null;
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
      resets: [],
      verification: null,
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
        emailVerified: false,
        pendingEmail: null,
      },
    };
  }
  if (event.type === 'UserErased')
    return { status: 'erased', userId: event.data.userId, erasedAt: event.metadata.occurredAt };
  if (state.status !== 'active') return state;
  const { profile } = state;
  switch (event.type) {
    case 'UserLoggedIn':
    case 'UserLoggedOut':
      return state;
    case 'PasswordChanged':
      return { ...state, passwordHash: event.data.passwordHash, resets: [] };
    case 'PasswordResetRequested': {
      const { tokenHash, expiresAt } = event.data;
      return { ...state, resets: [...state.resets, { tokenHash, expiresAt }] };
    }
    case 'PasswordResetCompleted':
      return { ...state, passwordHash: event.data.passwordHash, resets: [] };
    case 'EmailVerificationRequested': {
      const { email, tokenHash, expiresAt } = event.data;
      const pendingEmail = email === profile.email ? null : email;
      return {
        ...state,
        verification: { email, tokenHash, expiresAt },
        profile: { ...profile, pendingEmail },
      };
    }
    case 'EmailVerified':
      return {
        ...state,
        verification: state.verification?.email === profile.email ? null : state.verification,
        profile: { ...profile, emailVerified: true },
      };
    case 'EmailChanged':
      return {
        ...state,
        // Links sent to the old address stop working with it.
        resets: [],
        verification: null,
        profile: { ...profile, email: event.data.email, emailVerified: true, pendingEmail: null },
      };
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
