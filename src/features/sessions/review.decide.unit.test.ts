import { describe, expect, it } from 'vitest';
import { deciderSpecification, fold, GIVEN_AT } from '../../../tests/support/decider.ts';
import { AppError } from '../../platform/errors.ts';
import type { SessionEvent } from './events.ts';
import { decideSession, type SessionCommand } from './session.decide.ts';
import { evolveSession, initialSessionState, type Session, type SessionState } from './session.ts';

const decider = { initial: initialSessionState, evolve: evolveSession, decide: decideSession };
const { given } = deciderSpecification<SessionState, SessionCommand, SessionEvent>(decider);

const sessionId = '5e5510e0-0000-4000-8000-000000000001';
const host = '11111111-1111-4111-8111-111111111111';
const ana = 'aaaaaaaa-0000-4000-8000-00000000000a';
const bo = 'bbbbbbbb-0000-4000-8000-00000000000b';
const cy = 'cccccccc-0000-4000-8000-00000000000c';
const r1 = 'r1r1r1r1-0000-4000-8000-000000000001';
const r2 = 'r2r2r2r2-0000-4000-8000-000000000002';

const ENDS = '2026-03-10T19:00:00.000Z';
const at = (iso: string, plusMs = 0) => new Date(Date.parse(iso) + plusMs);
const DAY = 24 * 3_600_000;
const AFTER = at(ENDS, 3_600_000);

const scheduled: SessionEvent = {
  type: 'SessionScheduled',
  data: {
    sessionId,
    hostId: host,
    title: 'Sourdough basics',
    description: null,
    skill: 'Baking',
    level: 'beginner',
    prerequisites: [],
    startsAt: '2026-03-10T18:00:00.000Z',
    durationMinutes: 60,
    capacity: 2,
    meetingUrl: null,
    timeZone: null,
  },
};
const seat = (userId: string, status: 'registered' | 'waitlisted' = 'registered'): SessionEvent => ({
  type: 'SessionRegistrationAdded',
  data: { sessionId, userId, status },
});
const absent = (userId: string): SessionEvent => ({
  type: 'SessionAttendanceMarked',
  data: { sessionId, userId, attended: false, source: 'host' },
});
const history = [scheduled, seat(ana), seat(bo), seat(cy, 'waitlisted')];

const write = (
  authorId = ana,
  rating = 5,
  comment: string | null = 'Clear and patient.',
  now = AFTER,
  reviewId = r1,
): SessionCommand => ({ type: 'WriteReview', reviewId, authorId, rating, comment, now });
const written = (
  authorId = ana,
  rating = 5,
  comment: string | null = 'Clear and patient.',
): SessionEvent => ({
  type: 'ReviewWritten',
  data: { sessionId, reviewId: r1, authorId, hostId: host, rating, comment },
});
const reply = (body = 'Thank you!', by = host, reviewId = r1): SessionCommand => ({
  type: 'ReplyToReview',
  reviewId,
  by,
  body,
  now: AFTER,
});
const replied: SessionEvent = {
  type: 'ReviewReplied',
  data: { sessionId, reviewId: r1, hostId: host, body: 'Thank you!' },
};
const status = (code: number) => (error: AppError) => expect(error.status).toBe(code);

describe('reviews', () => {
  describe('when the session has ended', () => {
    it('lets an attendee review once, with the host as the person reviewed', () => {
      given(history).when(write()).then([written()]);
      given([...history, written()])
        .when(write(ana, 4, null, AFTER, r2))
        .thenThrows(AppError, status(409));
    });

    it('counts attendance not yet marked (null)', () => {
      given(history)
        .when(write(bo, 3, null))
        .then([written(bo, 3, null)]);
    });

    it('turns a blank comment into null and trims it', () => {
      given(history)
        .when(write(ana, 4, '   '))
        .then([written(ana, 4, null)]);
      given(history)
        .when(write(ana, 4, '  ok  '))
        .then([written(ana, 4, 'ok')]);
    });

    it('refuses the host, the waitlisted, strangers and people marked absent with 403', () => {
      given(history).when(write(host)).thenThrows(AppError, status(403));
      given(history).when(write(cy)).thenThrows(AppError, status(403));
      given(history).when(write('99999999-0000-4000-8000-000000000009')).thenThrows(AppError, status(403));
      given([...history, absent(ana)])
        .when(write(ana))
        .thenThrows(AppError, status(403));
    });

    it.each([0, 6, 4.5, Number.NaN])('refuses a rating of %s with 422 naming rating', (rating) => {
      given(history)
        .when(write(ana, rating))
        .thenThrows(AppError, (e) => {
          expect(e.status).toBe(422);
          expect(e.extra.errors).toMatchObject([{ path: 'rating' }]);
        });
    });

    it('takes a 2000-character comment and refuses 2001 with 422 naming comment', () => {
      given(history)
        .when(write(ana, 5, 'x'.repeat(2000)))
        .then([written(ana, 5, 'x'.repeat(2000))]);
      given(history)
        .when(write(ana, 5, 'x'.repeat(2001)))
        .thenThrows(AppError, (e) => expect(e.extra.errors).toMatchObject([{ path: 'comment' }]));
    });

    it('closes 14 days after the end (409)', () => {
      given(history)
        .when(write(ana, 5, null, at(ENDS, 14 * DAY)))
        .then([written(ana, 5, null)]);
      given(history)
        .when(write(ana, 5, null, at(ENDS, 14 * DAY + 1)))
        .thenThrows(AppError, status(409));
    });

    it('keeps a reviewer from being marked absent afterwards (409)', () => {
      given([...history, written()])
        .when({ type: 'MarkAttendance', by: host, userId: ana, attended: false, now: AFTER })
        .thenThrows(AppError, status(409));
    });

    it('lets the host reply once, and no one else', () => {
      given([...history, written()])
        .when(reply())
        .then([replied]);
      given([...history, written(), replied])
        .when(reply('Again'))
        .thenThrows(AppError, status(409));
      given([...history, written()])
        .when(reply('Thanks', ana))
        .thenThrows(AppError, status(403));
      const state = fold(decider, [...history, written(), replied]) as Session;
      expect(state.reviews).toEqual([
        {
          id: r1,
          authorId: ana,
          rating: 5,
          comment: 'Clear and patient.',
          createdAt: GIVEN_AT,
          reply: { body: 'Thank you!', createdAt: GIVEN_AT },
        },
      ]);
    });

    it('answers 404 to a reply to an unknown review and 422 to an empty or long one', () => {
      given(history).when(reply()).thenThrows(AppError, status(404));
      given([...history, written()])
        .when(reply('   '))
        .thenThrows(AppError, status(422));
      given([...history, written()])
        .when(reply('x'.repeat(2001)))
        .thenThrows(AppError, status(422));
    });
  });

  describe('when the session has not ended', () => {
    it('refuses an attendee with 409 and a stranger with 403', () => {
      given(history)
        .when(write(ana, 5, null, at(ENDS, -1)))
        .thenThrows(AppError, status(409));
      given(history)
        .when(write(cy, 5, null, at(ENDS, -1)))
        .thenThrows(AppError, status(403));
    });
  });

  describe('when the session was cancelled', () => {
    it('refuses reviews with 409', () => {
      const cancelled: SessionEvent = {
        type: 'SessionCancelled',
        data: { sessionId, hostId: host, cancelledBy: host, byStaff: false, reason: null, audience: [] },
      };
      given([...history, cancelled])
        .when(write())
        .thenThrows(AppError, status(409));
    });
  });

  describe('when a moderator removes a review', () => {
    const mod = 'dddddddd-0000-4000-8000-00000000000d';
    const remove = (byRole: 'user' | 'moderator' = 'moderator', reason = 'Insulting'): SessionCommand => ({
      type: 'RemoveReview',
      reviewId: r1,
      by: mod,
      byRole,
      reason,
      now: AFTER,
    });
    const removed: SessionEvent = {
      type: 'ReviewRemoved',
      data: { sessionId, reviewId: r1, authorId: ana, hostId: host, by: mod, reason: 'Insulting' },
    };
    it('records the removal with the author, the host and the reason', () => {
      given([...history, written()])
        .when(remove())
        .then([removed]);
    });
    it('refuses people who are not staff (403), unknown reviews (404), twice (409), no reason (422)', () => {
      given([...history, written()])
        .when(remove('user'))
        .thenThrows(AppError, status(403));
      given(history).when(remove()).thenThrows(AppError, status(404));
      given([...history, written(), removed])
        .when(remove())
        .thenThrows(AppError, status(409));
      given([...history, written()])
        .when(remove('moderator', ' '))
        .thenThrows(AppError, status(422));
    });
    it('still counts its author as having reviewed, and takes no reply', () => {
      given([...history, written(), removed])
        .when(write())
        .thenThrows(AppError, status(409));
      given([...history, written(), removed])
        .when(reply())
        .thenThrows(AppError, status(404));
    });
  });
});
