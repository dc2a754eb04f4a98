import { z } from '@hono/zod-openapi';
import { PublicProfile } from '../identity/index.ts';
import { text } from '../../platform/http/text.ts';

export const MESSAGE_MAX = 500;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const noControl = (s: string) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s);

const UserId = text('userId')
  .uuid('User ids are UUIDs.')
  .openapi({ example: '2f6c2a56-41a4-4c39-9a55-0e0b6d6f0c11' });

export const ConnectionRequestBody = z
  .object({
    userId: UserId,
    message: text('The note')
      .max(MESSAGE_MAX, `The note must be at most ${MESSAGE_MAX} characters.`)
      .refine(noControl, 'The note must be plain text.')
      .transform((s) => s.trim() || null)
      .nullable()
      .optional()
      .openapi({ description: `An optional note to the person, at most ${MESSAGE_MAX} characters.` }),
  })
  .strict()
  .openapi('ConnectionRequestBody');

export const ConnectionCreated = z
  .object({ id: z.string().uuid(), status: z.literal('pending') })
  .openapi('ConnectionCreated');

export const Connection = z
  .object({
    id: z.string().uuid(),
    user: PublicProfile,
    status: z.enum(['pending', 'accepted', 'declined', 'withdrawn', 'ended']),
    message: z.string().nullable(),
    createdAt: z.string().openapi({ description: 'When the request was sent' }),
  })
  .openapi('Connection');

export const ConnectionList = z
  .object({
    incoming: z.array(Connection).openapi({ description: 'Pending requests waiting for your answer' }),
    outgoing: z.array(Connection).openapi({ description: 'Pending requests you sent' }),
    accepted: z.array(Connection),
  })
  .openapi('ConnectionList');

export const ConnectionIdParam = z.object({ id: text('id').uuid('Connection ids are UUIDs.') });

export const BlockBody = z.object({ userId: UserId }).strict().openapi('BlockBody');
export const BlockUserParam = z.object({ userId: UserId });

export const BlockList = z
  .object({
    blocks: z.array(
      z.object({
        user: PublicProfile,
        createdAt: z.string().openapi({ description: 'When you blocked them' }),
      }),
    ),
  })
  .openapi('BlockList');
