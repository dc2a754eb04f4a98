import { z } from 'zod';
import {
  defineEvent,
  EventRegistry,
  type EventOf,
  type Recorded,
} from '../../platform/event-store/events.ts';
import type { Role } from '../../platform/event-store/port.ts';

export const levels = ['beginner', 'intermediate', 'advanced', 'expert'] as const;
export type Level = (typeof levels)[number];
export const roles = ['user', 'moderator', 'admin', 'super_admin'] as const satisfies readonly Role[];

const skill = z.object({ name: z.string(), level: z.enum(levels) });
export type Skill = z.infer<typeof skill>;

export const UserRegistered = defineEvent({
  type: 'UserRegistered',
  version: 1,
  schema: z.object({
    userId: z.string(),
    email: z.string(),
    displayName: z.string(),
    passwordHash: z.string(),
    role: z.enum(roles),
  }),
});
export const UserLoggedIn = defineEvent({
  type: 'UserLoggedIn',
  version: 1,
  schema: z.object({ userId: z.string() }),
});
export const UserLoggedOut = defineEvent({
  type: 'UserLoggedOut',
  version: 1,
  schema: z.object({ userId: z.string() }),
});
export const PasswordChanged = defineEvent({
  type: 'PasswordChanged',
  version: 1,
  schema: z.object({ userId: z.string(), passwordHash: z.string() }),
});
export const UserRoleChanged = defineEvent({
  type: 'UserRoleChanged',
  version: 1,
  schema: z.object({ userId: z.string(), role: z.enum(roles) }),
});
export const ProfileUpdated = defineEvent({
  type: 'ProfileUpdated',
  version: 1,
  schema: z.object({
    userId: z.string(),
    displayName: z.string().optional(),
    bio: z.string().optional(),
    languages: z.array(z.string()).optional(),
    timezone: z.string().nullable().optional(),
  }),
});
export const SkillsChanged = defineEvent({
  type: 'SkillsChanged',
  version: 1,
  schema: z.object({ userId: z.string(), teach: z.array(skill), learn: z.array(skill) }),
});
export const AvatarChanged = defineEvent({
  type: 'AvatarChanged',
  version: 1,
  schema: z.object({ userId: z.string(), avatarUrl: z.string(), contentType: z.string(), bytes: z.number() }),
});

const definitions = [
  UserRegistered,
  UserLoggedIn,
  UserLoggedOut,
  PasswordChanged,
  UserRoleChanged,
  ProfileUpdated,
  SkillsChanged,
  AvatarChanged,
] as const;
export type UserEvent = EventOf<(typeof definitions)[number]>;
export type RecordedUserEvent = Recorded<UserEvent>;
export const userEvents = new EventRegistry<UserEvent>(definitions);
export const userEventTypes = definitions.map((d) => d.type);

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

export type UserState =
  { status: 'unregistered' } | { status: 'active'; profile: Profile; passwordHash: string };

export const initialUserState: UserState = { status: 'unregistered' };

export function evolveUser(state: UserState, event: RecordedUserEvent): UserState {
  if (event.type === 'UserRegistered') {
    const { userId, email, displayName, passwordHash, role } = event.data;
    return {
      status: 'active',
      passwordHash,
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
    default: {
      const _never: never = event;
      return state;
    }
  }
}

export const userAggregate = { initial: initialUserState, evolve: evolveUser, registry: userEvents };
export const userStream = (userId: string) => `user-${userId}`;
