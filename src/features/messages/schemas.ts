import { z } from '@hono/zod-openapi';
import { text } from '../../platform/http/text.ts';
import { PublicProfile } from '../identity/index.ts';

export const MAX_BODY = 4_000;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const noControl = (s: string) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s);

/** A message body: plain text, newlines allowed, 1–4,000 characters (code points) after trimming. */
export const MessageText = text('Message')
  .refine(noControl, 'Message must be plain text (no control characters).')
  .transform((s) => s.trim())
  .refine((s) => s.length > 0, 'Message must not be empty.')
  .refine(
    (s) => [...s].length <= MAX_BODY,
    `Message must be at most ${MAX_BODY.toLocaleString('en-US')} characters.`,
  );

export const MessageBody = z
  .object({
    body: MessageText,
    clientId: text('clientId')
      .uuid('clientId must be a UUID the sender chose for this message.')
      .optional()
      .openapi({
        description:
          "The sender's own id for the message (a new UUID per message). Sent again with the same clientId, " +
          'the message is not sent twice: the answer is the message sent the first time (409 if its text differs).',
      }),
  })
  .strict()
  .openapi('MessageBody');
export const MessageEditBody = z.object({ body: MessageText }).strict().openapi('MessageEditBody');
export const ReadBody = z
  .object({ upTo: text('upTo').uuid('upTo must be the id of a message in this conversation.') })
  .strict()
  .openapi('ReadBody');

export const Message = z
  .object({
    id: z.string().uuid(),
    from: z.string().uuid(),
    to: z.string().uuid(),
    body: z.string().openapi({ description: 'Plain text; empty when deleted.' }),
    sentAt: z.string(),
    readAt: z.string().nullable().openapi({ description: 'When the recipient read it; null until then.' }),
    editedAt: z.string().nullable(),
    deleted: z.boolean(),
  })
  .openapi('DirectMessage');

export const Conversation = z
  .object({ user: PublicProfile, lastMessage: Message, unread: z.number().int() })
  .openapi('Conversation');

export const ConversationParams = z.object({ userId: text('userId').uuid('User ids are UUIDs.') });
export const MessageParams = ConversationParams.extend({ id: text('id').uuid('Message ids are UUIDs.') });
export const HistoryQuery = z.object({
  before: text('before').uuid('before must be the id of a message in this conversation.').optional(),
  limit: z.coerce.number().int().min(1).max(100, 'limit must be at most 100.').default(50),
});
