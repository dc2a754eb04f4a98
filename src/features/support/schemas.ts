import { z } from '@hono/zod-openapi';
import { text } from '../../platform/http/text.ts';
import { PublicProfile } from '../identity/index.ts';
import { ticketCategories, ticketStatuses } from './events.ts';

/** docs/api.md, "Support tickets". Text is stored as written and always shown as text, never as HTML. */
export const limits = { subject: { min: 3, max: 200 }, body: { min: 1, max: 10_000 } } as const;

const Uuid = (what: string) => text(what).uuid(`${what} ids are UUIDs.`);
const Body = text('Body')
  .trim()
  .min(limits.body.min, 'Body must not be empty.')
  .max(limits.body.max, `Body must be at most ${limits.body.max.toLocaleString('en')} characters.`);
const Subject = text('Subject')
  .trim()
  .min(limits.subject.min, `Subject must be at least ${limits.subject.min} characters.`)
  .max(limits.subject.max, `Subject must be at most ${limits.subject.max} characters.`)
  // One line: inner runs of whitespace (newlines too) become one space.
  .transform((s) => s.replace(/\s+/g, ' '));

export const TicketIdParam = z.object({ id: Uuid('Ticket') });
export const TicketCategory = z.enum(ticketCategories).openapi('TicketCategory');
export const TicketStatus = z.enum(ticketStatuses).openapi('TicketStatus');

export const OpenTicketBody = z
  .object({ subject: Subject, body: Body, category: TicketCategory.optional() })
  .strict()
  .openapi('OpenTicketBody');
export const TicketMessageBody = z
  .object({
    body: Body,
    internal: z.boolean().optional().describe('A note only staff see (staff only); default false'),
  })
  .strict()
  .openapi('TicketMessageBody');
export const AssignTicketBody = z
  .object({ assigneeId: Uuid('Assignee').nullable().describe('An admin, or null to unassign') })
  .strict()
  .openapi('AssignTicketBody');
export const TicketStatusBody = z.object({ status: TicketStatus }).strict().openapi('TicketStatusBody');

export const TicketMessage = z
  .object({
    id: z.string().uuid(),
    author: PublicProfile,
    body: z.string(),
    internal: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('TicketMessage');

const ticketFields = {
  id: z.string().uuid(),
  subject: z.string(),
  category: TicketCategory,
  status: TicketStatus,
  requester: PublicProfile,
  assignee: PublicProfile.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
};
export const Ticket = z.object({ ...ticketFields, messages: z.array(TicketMessage) }).openapi('Ticket');
export const TicketSummary = z
  .object({ ...ticketFields, replies: z.number().int().describe('Messages after the opening one') })
  .openapi('TicketSummary');
export const TicketQueueItem = TicketSummary.extend({
  firstResponseSeconds: z
    .number()
    .int()
    .nullable()
    .describe('From opening to the first staff reply the requester saw; null until then'),
  openSeconds: z
    .number()
    .int()
    .describe('Time spent waiting for staff so far (open), by the app clock; pauses while pending'),
  resolutionSeconds: z
    .number()
    .int()
    .nullable()
    .describe('Open time until resolved or closed (pending time left out); null while unresolved'),
}).openapi('TicketQueueItem');

const Cursor = text('cursor')
  .regex(/^\d{1,15}$/, 'cursor must be a nextCursor of an earlier answer.')
  .transform(Number)
  .optional();
const Limit = z.coerce.number().int().min(1).max(100, 'limit must be at most 100.').default(20);
export const TicketListQuery = z.object({ limit: Limit, cursor: Cursor });
export const TicketQueueQuery = z.object({
  status: TicketStatus.optional(),
  assigneeId: z
    .union([Uuid('Assignee'), z.literal('none')])
    .optional()
    .describe('An assignee, or `none` for unassigned tickets'),
  limit: Limit,
  cursor: Cursor,
});
const NextCursor = z
  .string()
  .nullable()
  .openapi({ description: 'Pass as `cursor` for more; null at the end.' });
export const TicketList = z
  .object({ tickets: z.array(TicketSummary), nextCursor: NextCursor })
  .openapi('TicketList');
export const TicketQueue = z
  .object({ tickets: z.array(TicketQueueItem), nextCursor: NextCursor })
  .openapi('TicketQueue');
