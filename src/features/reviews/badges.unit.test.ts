import { describe, expect, it } from 'vitest';
import { badgeList, badgeRules, newlyEarned, noBadgeFacts, type BadgeFacts } from './badges.ts';

const facts = (overrides: Partial<BadgeFacts>): BadgeFacts => ({ ...noBadgeFacts, ...overrides });
const earnedIds = (f: Partial<BadgeFacts>, earned: string[] = []) =>
  newlyEarned(facts(f), earned, '2026-03-01T10:00:00.000Z').map((b) => b.id);

describe('badge rules', () => {
  it('have unique ids, names and descriptions', () => {
    expect(new Set(badgeRules.map((r) => r.id)).size).toBe(badgeRules.length);
    for (const rule of badgeRules) {
      expect(rule.name).not.toBe('');
      expect(rule.description).not.toBe('');
    }
  });

  it('earn nothing on no facts', () => {
    expect(earnedIds({})).toEqual([]);
  });

  it('earn hosting badges from the first session and at 10', () => {
    expect(earnedIds({ sessionsHosted: 1 })).toEqual(['first-session-hosted']);
    expect(earnedIds({ sessionsHosted: 10 })).toEqual(['first-session-hosted', 'ten-sessions-hosted']);
  });

  it('earn teaching badges at 10 and 100 students', () => {
    expect(earnedIds({ studentsTaught: 9 })).toEqual([]);
    expect(earnedIds({ studentsTaught: 10 })).toEqual(['ten-students-taught']);
    expect(earnedIds({ studentsTaught: 100 })).toEqual(['ten-students-taught', 'hundred-students-taught']);
  });

  it('make someone top rated at a rating of 4.5 or more with at least 10 reviews', () => {
    expect(earnedIds({ rating: 4.5, reviewsReceived: 10 })).toEqual(['top-rated']);
    expect(earnedIds({ rating: 4.49, reviewsReceived: 50 })).toEqual([]);
    expect(earnedIds({ rating: 5, reviewsReceived: 9 })).toEqual([]);
    expect(earnedIds({ rating: null, reviewsReceived: 10 })).toEqual([]);
  });

  it('earn learner badges at 1, 5 and 25 sessions attended, and one for a first review', () => {
    expect(earnedIds({ sessionsAttended: 1 })).toEqual(['first-session-attended']);
    expect(earnedIds({ sessionsAttended: 5 })).toEqual(['first-session-attended', 'five-sessions-attended']);
    expect(earnedIds({ sessionsAttended: 25 })).toHaveLength(3);
    expect(earnedIds({ reviewsWritten: 1 })).toEqual(['first-review-written']);
  });
});

describe('newlyEarned', () => {
  it('returns only badges not yet earned, stamped with the event time', () => {
    expect(
      newlyEarned(facts({ sessionsAttended: 5 }), ['first-session-attended'], '2026-04-01T00:00:00.000Z'),
    ).toEqual([{ id: 'five-sessions-attended', earnedAt: '2026-04-01T00:00:00.000Z' }]);
  });

  it('never takes a badge back: falling facts earn nothing and remove nothing', () => {
    expect(earnedIds({ rating: 4.1, reviewsReceived: 12 }, ['top-rated'])).toEqual([]);
  });

  it('judges by the rules given (a changed rule set, as a projection rebuild after a version bump runs)', () => {
    const rules = [
      { ...badgeRules[0]!, id: 'any-review', earnedWhen: (f: BadgeFacts) => f.reviewsReceived > 0 },
    ];
    expect(newlyEarned(facts({ reviewsReceived: 1 }), [], '2026-03-01T10:00:00.000Z', rules)).toEqual([
      { id: 'any-review', earnedAt: '2026-03-01T10:00:00.000Z' },
    ]);
  });
});

describe('badgeList', () => {
  it('lists earned badges in the rules’ order with their original earnedAt, dropping unknown ids', () => {
    expect(
      badgeList([
        { id: 'first-review-written', earnedAt: '2026-02-01T00:00:00.000Z' },
        { id: 'retired-badge', earnedAt: '2026-01-01T00:00:00.000Z' },
        { id: 'first-session-hosted', earnedAt: '2026-03-01T00:00:00.000Z' },
      ]),
    ).toEqual([
      {
        id: 'first-session-hosted',
        name: 'First session hosted',
        description: 'Hosted a session that someone attended.',
        earnedAt: '2026-03-01T00:00:00.000Z',
      },
      {
        id: 'first-review-written',
        name: 'First review',
        description: 'Wrote a first review of a session.',
        earnedAt: '2026-02-01T00:00:00.000Z',
      },
    ]);
  });
});
