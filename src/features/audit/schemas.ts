import { z } from '@hono/zod-openapi';
import { text } from '../../platform/http/text.ts';

const Limit = (max: number, fallback: number) =>
  z.coerce
    .number({ error: `limit must be a whole number from 1 to ${max}.` })
    .int(`limit must be a whole number from 1 to ${max}.`)
    .min(1, 'limit must be at least 1.')
    .max(max, `limit must be at most ${max}.`)
    .default(fallback);

const Revision = (field: string) =>
  z.coerce
    .number({ error: `${field} must be a whole number, 0 or more.` })
    .int(`${field} must be a whole number, 0 or more.`)
    .min(0, `${field} must be 0 or more.`);

const Time = (field: string) =>
  text(field).refine((s) => !Number.isNaN(Date.parse(s)), `${field} must be an ISO-8601 time.`);

export const StreamParam = z.object({
  name: text('stream name').min(1, 'Name a stream.').max(300, 'Stream names are at most 300 characters.'),
});

export const StreamsQuery = z.object({
  prefix: text('prefix').max(300, 'prefix must be at most 300 characters.').optional().openapi({
    description: 'Only streams whose name starts with this, such as `user-` or `session-`.',
  }),
  cursor: text('cursor').max(300, 'cursor must be at most 300 characters.').optional(),
  limit: Limit(200, 50),
});

export const StreamEventsQuery = z.object({
  fromRevision: Revision('fromRevision').default(0),
  limit: Limit(500, 100),
});

export const StateQuery = z.object({
  revision: Revision('revision')
    .optional()
    .openapi({ description: 'Fold up to here; the latest by default.' }),
});

export const EventsQuery = z
  .object({
    type: text('type').max(200, 'type must be at most 200 characters.').optional().openapi({
      description: 'One event type, or several separated by commas.',
    }),
    actorId: text('actorId').uuid('actorId is a user id (a UUID).').optional(),
    correlationId: text('correlationId').max(200, 'correlationId must be at most 200 characters.').optional(),
    from: Time('from').optional(),
    to: Time('to').optional(),
    cursor: z.coerce
      .number({ error: 'cursor must be a position from an earlier page.' })
      .int('cursor must be a position from an earlier page.')
      .min(0, 'cursor must be a position from an earlier page.')
      .optional(),
    limit: Limit(500, 100),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to.',
    path: ['to'],
  });

const Metadata = z.record(z.string(), z.unknown()).openapi({ description: 'Who, when, from where, why.' });

export const AuditEvent = z
  .object({
    revision: z.number().int(),
    position: z.number().int(),
    type: z.string(),
    data: z.unknown(),
    metadata: Metadata,
    createdAt: z.string(),
  })
  .openapi('AuditEvent');

export const StreamList = z
  .object({
    streams: z.array(z.object({ name: z.string(), revision: z.number().int(), lastEventAt: z.string() })),
    nextCursor: z.string().nullable(),
  })
  .openapi('StreamList');

export const StreamEvents = z
  .object({ events: z.array(AuditEvent), nextRevision: z.number().int().nullable() })
  .openapi('StreamEvents');

export const LogEvents = z
  .object({ events: z.array(AuditEvent.extend({ stream: z.string() })), nextCursor: z.string().nullable() })
  .openapi('LogEvents');

const Change = z.object({
  path: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});

export const StreamState = z
  .object({
    stream: z.string(),
    category: z.string(),
    revision: z.number().int().openapi({ description: 'The last event folded; -1 for the initial state.' }),
    state: z.unknown(),
    current: z.object({ revision: z.number().int(), state: z.unknown() }),
    changesSince: z
      .array(Change)
      .openapi({ description: 'What differs between this state and the current one.' }),
    readModel: z
      .object({
        table: z.string(),
        found: z.boolean(),
        fields: z.array(
          z.object({
            path: z.string(),
            column: z.string(),
            state: z.unknown(),
            row: z.unknown(),
            same: z.boolean(),
          }),
        ),
      })
      .nullable()
      .openapi({
        description:
          "The read model's row for this stream, field by field beside the state at `revision` (fields whose " +
          'snake_case name is a column); null for categories without such a row.',
      }),
    skipped: z.array(z.object({ revision: z.number().int(), type: z.string() })).openapi({
      description: 'Events of the stream its aggregate does not fold (none, normally).',
    }),
  })
  .openapi('StreamState');
