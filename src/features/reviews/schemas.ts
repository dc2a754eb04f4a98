import { PageQuery } from '../../platform/http/cursor.ts';
import { z } from '@hono/zod-openapi';
import { filterText, text } from '../../platform/http/text.ts';
import { levels, PublicProfile } from '../identity/index.ts';

const Uuid = (what: string) => text(`${what} id`).uuid(`${what} ids are UUIDs.`);

export const SessionIdParam = z.object({ id: Uuid('Session') });
export const ReviewIdParam = z.object({ id: Uuid('Review') });
export const UserIdParam = z.object({ id: Uuid('User') });

export { PageQuery };

// Lengths are checked by the session's decider, in characters as people count them (code points, after
// trimming); the bounds here only keep absurd bodies out.
export const WriteReviewBody = z
  .object({
    rating: z
      .number({ error: 'Rate from 1 to 5 stars.' })
      .int('Rate in whole stars, from 1 to 5.')
      .min(1, 'Rate from 1 to 5 stars.')
      .max(5, 'Rate from 1 to 5 stars.'),
    comment: text('comment')
      .max(10_000, 'Use at most 2000 characters.')
      .nullable()
      .optional()
      .openapi({ description: 'At most 2,000 characters; blank counts as none.' }),
  })
  .strict()
  .openapi('WriteReviewBody');

export const ReplyBody = z
  .object({
    body: text('body')
      .max(10_000, 'Use 1 to 2000 characters.')
      .openapi({ description: '1 to 2,000 characters.' }),
  })
  .strict()
  .openapi('ReplyBody');

export const Review = z
  .object({
    id: z.string().uuid(),
    session: z.object({ id: z.string().uuid(), title: z.string() }),
    author: PublicProfile,
    rating: z.number().int().min(1).max(5),
    comment: z.string().nullable(),
    createdAt: z.string(),
    reply: z.object({ body: z.string(), createdAt: z.string() }).nullable(),
  })
  .openapi('Review');

export const ReviewList = z
  .object({ reviews: z.array(Review), nextCursor: z.string().nullable() })
  .openapi('ReviewList');

export const MentorQuery = PageQuery.extend({
  skill: filterText('skill', 60, 'every mentor').openapi({
    description: 'People who teach a skill resembling this (typos, case, synonyms).',
  }),
  level: z
    .enum(levels, { error: `level must be one of ${levels.join(', ')}.` })
    .optional()
    .openapi({ description: 'Only people who teach it at this level or above.' }),
  language: filterText('language', 40, 'every language').openapi({
    description: 'Only people who list this language (case and accents ignored).',
  }),
}).openapi('MentorQuery');

export const SkillReputation = z
  .object({
    rating: z.number().nullable(),
    reviews: z.number().int(),
    sessionsHosted: z.number().int(),
    studentsTaught: z.number().int(),
  })
  .openapi('SkillReputation', {
    description: 'Reputation from sessions of this skill only: what mentors are ranked by.',
  });

export const Mentor = z
  .object({
    user: PublicProfile,
    skill: z.string().openapi({ description: 'The skill as the mentor wrote it' }),
    level: z.enum(levels),
    skillReputation: SkillReputation,
  })
  .openapi('Mentor');

export const MentorList = z
  .object({ mentors: z.array(Mentor), nextCursor: z.string().nullable() })
  .openapi('MentorList');

export const SkillProgress = z
  .object({
    skill: z.string(),
    teachLevel: z
      .enum(levels)
      .nullable()
      .openapi({ description: 'Declared on your teach list; null if not' }),
    learnLevel: z
      .enum(levels)
      .nullable()
      .openapi({ description: 'Declared on your learn list; null if not' }),
    sessionsAttended: z.number().int(),
    sessionsHosted: z.number().int(),
    hoursLearned: z.number(),
    hoursTaught: z.number(),
    ratingsReceived: z.number().int(),
    averageRating: z.number().nullable(),
    levelHistory: z.array(
      z.object({ level: z.enum(levels), since: z.string(), kind: z.enum(['teach', 'learn']) }),
    ),
  })
  .openapi('SkillProgress');

export const Progress = z.object({ skills: z.array(SkillProgress) }).openapi('Progress');
