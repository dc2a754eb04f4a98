import { describe, expect, it } from 'vitest';
import { deciderSpecification, fold, GIVEN_AT, recorded } from '../../../tests/support/decider.ts';
import { AppError } from '../../platform/errors.ts';
import { decideUser, type UserCommand } from './user.decide.ts';
import { type UserEvent } from './events.ts';
import { evolveUser, initialUserState, type Profile, type UserState } from './user.ts';

const decider = { initial: initialUserState, evolve: evolveUser, decide: decideUser };
const { given } = deciderSpecification<UserState, UserCommand, UserEvent>(decider);

const userId = '2f6c2a56-41a4-4c39-9a55-0e0b6d6f0c11';
const registered: UserEvent = {
  type: 'UserRegistered',
  data: {
    userId,
    email: 'ada@example.com',
    displayName: 'Ada',
    passwordHash: '$argon2id$hash-1',
    role: 'user',
  },
};
const register: UserCommand = {
  type: 'RegisterUser',
  userId,
  email: 'ada@example.com',
  displayName: 'Ada',
  passwordHash: '$argon2id$hash-1',
  role: 'user',
};
const withStatus = (status: number) => (error: AppError) => expect(error.status).toBe(status);

describe('decideUser', () => {
  describe('when unregistered', () => {
    it('registers the user with exactly the command data', () => {
      given([]).when(register).then([registered]);
    });

    it('refuses everything else with 404', () => {
      const commands: UserCommand[] = [
        { type: 'RecordLogin' },
        { type: 'RecordLogout' },
        { type: 'ChangePassword', passwordHash: 'x' },
        { type: 'ChangeRole', role: 'admin' },
        { type: 'UpdateProfile', changes: { bio: 'hi' } },
        { type: 'ChangeSkills', teach: [], learn: [] },
        { type: 'ChangeAvatar', avatarUrl: '/media/avatars/a.png', contentType: 'image/png', bytes: 10 },
      ];
      for (const command of commands) given([]).when(command).thenThrows(AppError, withStatus(404));
    });
  });

  describe('when registered', () => {
    it('refuses to register again with a 409', () => {
      given([registered]).when(register).thenThrows(AppError, withStatus(409));
      given([registered])
        .when({ ...register, email: 'other@example.com', passwordHash: 'other' })
        .thenThrows(AppError, withStatus(409));
    });

    it('records sign-in and sign-out', () => {
      given([registered])
        .when({ type: 'RecordLogin' })
        .then([{ type: 'UserLoggedIn', data: { userId } }]);
      given([registered])
        .when({ type: 'RecordLogout' })
        .then([{ type: 'UserLoggedOut', data: { userId } }]);
    });

    it('changes the password hash', () => {
      given([registered])
        .when({ type: 'ChangePassword', passwordHash: '$argon2id$hash-2' })
        .then([{ type: 'PasswordChanged', data: { userId, passwordHash: '$argon2id$hash-2' } }]);
    });

    it('updates only the profile fields that really change', () => {
      given([registered])
        .when({
          type: 'UpdateProfile',
          changes: { displayName: 'Ada', bio: 'Teaches maths', timezone: 'Europe/London' },
        })
        .then([
          { type: 'ProfileUpdated', data: { userId, bio: 'Teaches maths', timezone: 'Europe/London' } },
        ]);
    });

    it('emits nothing for an update without an actual change', () => {
      given([registered])
        .when({
          type: 'UpdateProfile',
          changes: { displayName: 'Ada', bio: '', languages: [], timezone: null },
        })
        .thenNothingHappens();
      given([registered]).when({ type: 'UpdateProfile', changes: {} }).thenNothingHappens();
      given([registered])
        .when({ type: 'UpdateProfile', changes: { bio: undefined } })
        .thenNothingHappens();
    });

    it('sets a time zone', () => {
      given([registered])
        .when({ type: 'UpdateProfile', changes: { timezone: 'Asia/Tokyo' } })
        .then([{ type: 'ProfileUpdated', data: { userId, timezone: 'Asia/Tokyo' } }]);
    });

    it('changes skills, and emits nothing when they are the same', () => {
      const teach = [{ name: 'Guitar', level: 'advanced' as const }];
      const learn = [{ name: 'Japanese', level: 'beginner' as const }];
      given([registered])
        .when({ type: 'ChangeSkills', teach, learn })
        .then([{ type: 'SkillsChanged', data: { userId, teach, learn } }]);
      given([registered]).when({ type: 'ChangeSkills', teach: [], learn: [] }).thenNothingHappens();
    });

    it('changes the role, and emits nothing when the role is the same', () => {
      given([registered])
        .when({ type: 'ChangeRole', role: 'moderator' })
        .then([{ type: 'UserRoleChanged', data: { userId, role: 'moderator' } }]);
      given([registered]).when({ type: 'ChangeRole', role: 'user' }).thenNothingHappens();
    });

    it('changes the avatar', () => {
      given([registered])
        .when({
          type: 'ChangeAvatar',
          avatarUrl: '/media/avatars/abc.png',
          contentType: 'image/png',
          bytes: 67,
        })
        .then([
          {
            type: 'AvatarChanged',
            data: { userId, avatarUrl: '/media/avatars/abc.png', contentType: 'image/png', bytes: 67 },
          },
        ]);
    });
  });

  describe('when the profile was already edited', () => {
    const edited: UserEvent[] = [
      registered,
      {
        type: 'ProfileUpdated',
        data: { userId, bio: 'Teaches maths', languages: ['English', 'Welsh'], timezone: 'Europe/London' },
      },
      { type: 'SkillsChanged', data: { userId, teach: [{ name: 'Maths', level: 'expert' }], learn: [] } },
      { type: 'UserRoleChanged', data: { userId, role: 'moderator' } },
    ];

    it('emits nothing when the same values are sent again', () => {
      given(edited)
        .when({
          type: 'UpdateProfile',
          changes: { bio: 'Teaches maths', languages: ['English', 'Welsh'], timezone: 'Europe/London' },
        })
        .thenNothingHappens();
      given(edited)
        .when({ type: 'ChangeSkills', teach: [{ name: 'Maths', level: 'expert' }], learn: [] })
        .thenNothingHappens();
      given(edited).when({ type: 'ChangeRole', role: 'moderator' }).thenNothingHappens();
    });

    it('treats a new language order, a new level and a cleared time zone as changes', () => {
      given(edited)
        .when({ type: 'UpdateProfile', changes: { languages: ['Welsh', 'English'], timezone: null } })
        .then([
          { type: 'ProfileUpdated', data: { userId, languages: ['Welsh', 'English'], timezone: null } },
        ]);
      given(edited)
        .when({ type: 'ChangeSkills', teach: [{ name: 'Maths', level: 'advanced' }], learn: [] })
        .then([
          {
            type: 'SkillsChanged',
            data: { userId, teach: [{ name: 'Maths', level: 'advanced' }], learn: [] },
          },
        ]);
      given(edited)
        .when({ type: 'ChangeRole', role: 'user' })
        .then([{ type: 'UserRoleChanged', data: { userId, role: 'user' } }]);
    });
  });
});

describe('evolveUser', () => {
  const fresh: Profile = {
    id: userId,
    email: 'ada@example.com',
    displayName: 'Ada',
    bio: '',
    avatarUrl: null,
    languages: [],
    timezone: null,
    teach: [],
    learn: [],
    role: 'user',
    createdAt: GIVEN_AT,
    emailVerified: false,
    pendingEmail: null,
  };

  describe('when unregistered', () => {
    it('starts the profile from the registration, dated when it occurred', () => {
      expect(fold(decider, [registered])).toEqual({
        status: 'active',
        passwordHash: '$argon2id$hash-1',
        resets: [],
        verification: null,
        suspension: null,
        profile: fresh,
      });
    });

    it('ignores anything before the registration', () => {
      expect(fold(decider, [{ type: 'ProfileUpdated', data: { userId, bio: 'ghost' } }])).toEqual(
        initialUserState,
      );
    });
  });

  describe('when registered', () => {
    it('applies profile, skill, avatar, role and password changes', () => {
      const state = fold(decider, [
        registered,
        { type: 'UserLoggedIn', data: { userId } },
        { type: 'ProfileUpdated', data: { userId, displayName: 'Ada L.', timezone: 'Europe/London' } },
        { type: 'ProfileUpdated', data: { userId, bio: 'Maths', timezone: null } },
        { type: 'SkillsChanged', data: { userId, teach: [{ name: 'Maths', level: 'expert' }], learn: [] } },
        {
          type: 'AvatarChanged',
          data: { userId, avatarUrl: '/media/avatars/a.png', contentType: 'image/png', bytes: 1 },
        },
        { type: 'UserRoleChanged', data: { userId, role: 'admin' } },
        { type: 'PasswordChanged', data: { userId, passwordHash: '$argon2id$hash-2' } },
        { type: 'UserLoggedOut', data: { userId } },
      ]);
      expect(state).toEqual({
        status: 'active',
        passwordHash: '$argon2id$hash-2',
        resets: [],
        verification: null,
        suspension: null,
        profile: {
          ...fresh,
          displayName: 'Ada L.',
          bio: 'Maths',
          timezone: null,
          teach: [{ name: 'Maths', level: 'expert' }],
          avatarUrl: '/media/avatars/a.png',
          role: 'admin',
        },
      });
    });

    it('never mutates the state it is given', () => {
      const before = deepFreeze(fold(decider, [registered]));
      const [event] = recorded<UserEvent>([
        { type: 'SkillsChanged', data: { userId, teach: [{ name: 'Go', level: 'beginner' }], learn: [] } },
      ]);
      const after = evolveUser(before, event!);
      expect(after).not.toBe(before);
      expect(before.status === 'active' && before.profile.teach).toEqual([]);
    });
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
