import { describe, expect, it } from 'vitest';
import { deciderSpecification, fold } from '../../../tests/support/decider.ts';
import { AppError } from '../../platform/errors.ts';
import type { UserEvent } from './events.ts';
import { decideUser, type UserCommand } from './user.decide.ts';
import { evolveUser, initialUserState, type UserState } from './user.ts';

const decider = { initial: initialUserState, evolve: evolveUser, decide: decideUser };
const { given } = deciderSpecification<UserState, UserCommand, UserEvent>(decider);
const status = (code: number) => (error: AppError) => expect(error.status).toBe(code);

const userId = '2f6c2a56-41a4-4c39-9a55-0e0b6d6f0c11';
const registered: UserEvent = {
  type: 'UserRegistered',
  data: { userId, email: 'ada@example.com', displayName: 'Ada', passwordHash: 'h1', role: 'user' },
};
const now = new Date('2030-01-01T10:00:00.000Z');
const inAnHour = '2030-01-01T11:00:00.000Z';
const resetAsked: UserEvent = {
  type: 'PasswordResetRequested',
  data: { userId, tokenHash: 'r1', expiresAt: inAnHour },
};
const verifyAsked = (email: string, tokenHash = 'v1'): UserEvent => ({
  type: 'EmailVerificationRequested',
  data: { userId, email, tokenHash, expiresAt: inAnHour },
});

describe('password reset', () => {
  it('records the link by its hash and expiry', () => {
    given([registered])
      .when({ type: 'RequestPasswordReset', tokenHash: 'r1', expiresAt: new Date(inAnHour) })
      .then([resetAsked]);
  });

  it('sets the password from a live link and verifies the address the link reached', () => {
    given([registered, resetAsked])
      .when({ type: 'ResetPassword', tokenHash: 'r1', passwordHash: 'h2', now })
      .then([
        { type: 'PasswordResetCompleted', data: { userId, tokenHash: 'r1', passwordHash: 'h2' } },
        { type: 'EmailVerified', data: { userId, email: 'ada@example.com' } },
      ]);
  });

  it('refuses a used, expired, unknown or superseded link with 400', () => {
    const used: UserEvent = {
      type: 'PasswordResetCompleted',
      data: { userId, tokenHash: 'r1', passwordHash: 'h2' },
    };
    const reset = (at: Date, tokenHash = 'r1'): UserCommand => ({
      type: 'ResetPassword',
      tokenHash,
      passwordHash: 'h3',
      now: at,
    });
    given([registered, resetAsked, used]).when(reset(now)).thenThrows(AppError, status(400));
    given([registered, resetAsked])
      .when(reset(new Date(inAnHour)))
      .thenThrows(AppError, status(400));
    given([registered, resetAsked]).when(reset(now, 'other')).thenThrows(AppError, status(400));
    given([]).when(reset(now)).thenThrows(AppError, status(400));
    const changed: UserEvent = { type: 'PasswordChanged', data: { userId, passwordHash: 'h9' } };
    given([registered, resetAsked, changed]).when(reset(now)).thenThrows(AppError, status(400));
  });

  it('spends every other outstanding link with the one used', () => {
    const second: UserEvent = {
      type: 'PasswordResetRequested',
      data: { userId, tokenHash: 'r2', expiresAt: inAnHour },
    };
    const used: UserEvent = {
      type: 'PasswordResetCompleted',
      data: { userId, tokenHash: 'r1', passwordHash: 'h2' },
    };
    given([registered, resetAsked, second, used])
      .when({ type: 'ResetPassword', tokenHash: 'r2', passwordHash: 'h3', now })
      .thenThrows(AppError, status(400));
  });
});

describe('email verification and change', () => {
  it('verifies the current address once', () => {
    const verified: UserEvent = { type: 'EmailVerified', data: { userId, email: 'ada@example.com' } };
    given([registered, verifyAsked('ada@example.com')])
      .when({ type: 'VerifyEmail', tokenHash: 'v1', now })
      .then([verified]);
    const state = fold(decider, [registered, verifyAsked('ada@example.com'), verified]);
    expect(state.status === 'active' && state.profile.emailVerified).toBe(true);
    given([registered, verifyAsked('ada@example.com'), verified])
      .when({ type: 'VerifyEmail', tokenHash: 'v1', now })
      .thenThrows(AppError, status(400));
    given([registered, verified])
      .when({ type: 'RequestEmailVerification', email: 'ada@example.com', tokenHash: 'v2', expiresAt: now })
      .thenThrows(AppError, status(409));
  });

  it('changes the address only when the link to the new one is followed', () => {
    const pending = fold(decider, [registered, verifyAsked('new@example.com')]);
    expect(pending.status === 'active' && pending.profile).toMatchObject({
      email: 'ada@example.com',
      pendingEmail: 'new@example.com',
    });
    given([registered, verifyAsked('new@example.com')])
      .when({ type: 'VerifyEmail', tokenHash: 'v1', now })
      .then([
        {
          type: 'EmailChanged',
          data: { userId, email: 'new@example.com', previousEmail: 'ada@example.com' },
        },
      ]);
  });

  it('honours only the latest link, before it expires', () => {
    given([registered, verifyAsked('a@example.com', 'v1'), verifyAsked('b@example.com', 'v2')])
      .when({ type: 'VerifyEmail', tokenHash: 'v1', now })
      .thenThrows(AppError, status(400));
    given([registered, verifyAsked('new@example.com')])
      .when({ type: 'VerifyEmail', tokenHash: 'v1', now: new Date(inAnHour) })
      .thenThrows(AppError, status(400));
  });
});
