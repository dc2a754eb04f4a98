import type { z } from '@hono/zod-openapi';
import type { DirectMessageRow } from '../../../projections/direct-messages.ts';
import type { Message } from './schemas.ts';

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

type MessageColumns = Pick<
  DirectMessageRow,
  'id' | 'from_id' | 'to_id' | 'body' | 'sent_at' | 'edited_at' | 'deleted' | 'read_at'
>;

/** A direct message as the API shows it, from its read-model row; a deleted message has an empty body. */
export const toMessage = (row: MessageColumns): z.infer<typeof Message> => ({
  id: row.id,
  from: row.from_id,
  to: row.to_id,
  body: row.deleted ? '' : row.body,
  sentAt: iso(row.sent_at)!,
  readAt: iso(row.read_at),
  editedAt: iso(row.edited_at),
  deleted: row.deleted,
});
