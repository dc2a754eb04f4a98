import { z } from '@hono/zod-openapi';
import { pageLimit } from '../../platform/http/cursor.ts';
import { levels } from '../identity/index.ts';
import { PublicProfile } from '../identity/index.ts';
import { filterText } from '../../platform/http/text.ts';

export const MatchQuery = z
  .object({
    limit: pageLimit(50),
    language: filterText('language', 40, 'every language').openapi({
      description: 'Only people who list this language (case and accents ignored).',
    }),
    level: z
      .enum(levels, { error: `level must be one of ${levels.join(', ')}.` })
      .optional()
      .openapi({ description: 'Only skills they hold at this level or above.' }),
    skill: filterText('skill', 60, 'every skill').openapi({
      description: 'Only matches on skills resembling this text (typos and synonyms too).',
    }),
  })
  .openapi('MatchQuery');

export const MatchReason = z
  .object({
    direction: z.enum(['they_teach', 'you_teach']),
    yourSkill: z.string(),
    theirSkill: z.string(),
    similarity: z.number().min(0).max(1),
  })
  .openapi('MatchReason');

export const Match = z
  .object({
    user: PublicProfile,
    score: z.number().min(0).max(1),
    mutual: z.boolean(),
    reasons: z.array(MatchReason),
  })
  .openapi('Match');

export const MatchList = z.object({ matches: z.array(Match) }).openapi('MatchList');
