import { z } from '@hono/zod-openapi';
import { text } from '../../platform/http/text.ts';
import { PublicProfile } from '../identity/index.ts';
import { MAX_SLOW_MODE_SECONDS, reportKinds, reportReasons, resolutionActions } from './events.ts';

const Uuid = (what: string) => z.string().uuid(`${what} ids are UUIDs.`);
const outcome = z.enum(['dismissed', 'content_removed', 'user_suspended']).nullable();

export const ReportIdParam = z.object({ id: Uuid('Report') });

export const ReportBody = z
  .object({
    kind: z.enum(reportKinds),
    targetId: Uuid('Target'),
    doc: text('Doc').max(64).optional().describe('`wall` or `group-<id>` for wall and group messages'),
    reason: z.enum(reportReasons),
    details: text('Details').trim().max(2_000, 'Details must be at most 2,000 characters.').optional(),
  })
  .openapi('ReportBody');

export const FiledReport = z
  .object({ id: z.string().uuid(), status: z.literal('open') })
  .openapi('FiledReport');

export const MyReport = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(reportKinds),
    targetId: z.string(),
    doc: z.string().nullable(),
    reason: z.enum(reportReasons),
    status: z.enum(['open', 'resolved']),
    outcome,
    createdAt: z.string(),
    resolvedAt: z.string().nullable(),
  })
  .openapi('MyReport');

export const MyReports = z
  .object({ reports: z.array(MyReport), nextCursor: z.string().nullable() })
  .openapi('MyReports');

export const ReportedContent = z
  .object({
    author: z.object({ id: z.string(), displayName: z.string() }).nullable(),
    text: z.string().nullable(),
    createdAt: z.string().nullable(),
    removed: z.boolean(),
  })
  .nullable()
  .openapi('ReportedContent');

export const QueueItem = z
  .object({
    kind: z.enum(reportKinds),
    targetId: z.string(),
    doc: z.string().nullable(),
    content: ReportedContent,
    reports: z.array(
      z.object({
        id: z.string().uuid(),
        reporter: PublicProfile.nullable(),
        reason: z.enum(reportReasons),
        details: z.string().nullable(),
        createdAt: z.string(),
      }),
    ),
    status: z.enum(['open', 'resolved']),
    outcome,
  })
  .openapi('ReportQueueItem');

export const ReportQueue = z
  .object({ items: z.array(QueueItem), nextCursor: z.string().nullable() })
  .openapi('ReportQueue');

export const QueueQuery = z.object({
  status: z.enum(['open', 'resolved']).default('open'),
  cursor: text('Cursor').max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const PageQuery = QueueQuery.pick({ cursor: true, limit: true });

export const ResolveBody = z
  .object({
    action: z.enum(resolutionActions),
    note: text('Note')
      .trim()
      .min(1, 'Note must not be empty.')
      .max(2_000, 'Note must be at most 2,000 characters.'),
  })
  .openapi('ResolveBody');

export const SlowModeBody = z
  .object({
    doc: text('Doc').regex(
      /^(wall|group-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/,
      'doc is `wall` or `group-<id>`.',
    ),
    seconds: z
      .number()
      .int('seconds is a whole number.')
      .min(0, 'seconds is at least 0 (off).')
      .max(MAX_SLOW_MODE_SECONDS, `seconds is at most ${MAX_SLOW_MODE_SECONDS} (6 hours).`),
  })
  .openapi('SlowModeBody');
