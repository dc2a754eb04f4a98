import { z } from '@hono/zod-openapi';
import { pageLimit } from '../../platform/http/cursor.ts';
import { PublicProfile } from '../identity/index.ts';
import { levels } from './events.ts';
import { limits } from './fields.ts';
import { filterText } from '../../platform/http/text.ts';

/**
 * The shapes of the sessions API (docs/api.md, "Sessions"). Zod checks types here; the decider checks
 * values (lengths in characters as people count them, a start in the future, ranges, https links) and names
 * every invalid field in one 422, so the limits below document what it enforces.
 */
const Uuid = (what: string) => z.string().uuid(`${what} ids are UUIDs.`);
const IsoTime = (field: string) =>
  z.iso.datetime({
    offset: true,
    error: `${field} must be an ISO-8601 date and time, e.g. 2030-01-31T18:00:00Z.`,
  });
const Level = z.enum(levels, { error: `level must be one of ${levels.join(', ')}.` });
const WholeNumber = (field: string, range: { min: number; max: number }) =>
  z
    .number({ error: `${field} must be a whole number.` })
    .int(`${field} must be a whole number.`)
    .openapi({ minimum: range.min, maximum: range.max });

const fields = {
  title: z
    .string({ error: 'title must be text.' })
    .openapi({ minLength: limits.title.min, maxLength: limits.title.max }),
  description: z
    .string({ error: 'description must be text.' })
    .nullable()
    .openapi({ maxLength: limits.description.max, description: 'Blank or null: none' }),
  skill: z
    .string({ error: 'skill must be text.' })
    .openapi({ minLength: limits.skill.min, maxLength: limits.skill.max, description: 'Matched fuzzily' }),
  level: Level,
  prerequisites: z
    .array(
      z
        .string({ error: 'Each prerequisite must be text.' })
        .openapi({ minLength: limits.prerequisites.min, maxLength: limits.prerequisites.max }),
      { error: 'prerequisites must be a list of text.' },
    )
    .openapi({ maxItems: limits.prerequisites.count }),
  startsAt: IsoTime('startsAt').openapi({ description: 'In the future' }),
  durationMinutes: WholeNumber('durationMinutes', limits.durationMinutes),
  capacity: WholeNumber('capacity', limits.capacity),
  meetingUrl: z
    .string({ error: 'meetingUrl must be text.' })
    .nullable()
    .openapi({ format: 'uri', maxLength: limits.meetingUrl.max, description: 'An https: link' }),
};

export const CreateSessionBody = z
  .object({
    ...fields,
    description: fields.description.optional(),
    prerequisites: fields.prerequisites.optional(),
    meetingUrl: fields.meetingUrl.optional(),
  })
  .strict()
  .openapi('CreateSessionBody');

export const SessionPatch = z
  .object(fields)
  .partial()
  .strict()
  .openapi('SessionPatch', { description: 'Any creation field; null clears description and meetingUrl' });

export const CancelSessionBody = z
  .object({
    reason: z
      .string({ error: 'reason must be text.' })
      .nullable()
      .optional()
      .openapi({ maxLength: limits.cancelReason.max }),
  })
  .strict()
  .openapi('CancelSessionBody');

export const AttendanceBody = z
  .object({ attended: z.boolean({ error: 'attended must be true or false.' }) })
  .strict()
  .openapi('AttendanceBody');

export const SessionIdParam = z.object({ id: Uuid('Session') });
export const AttendanceParam = z.object({ id: Uuid('Session'), userId: Uuid('User') });

export const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An opaque page cursor: the start and id of the last session of the previous page. */
export const encodeCursor = (startsAt: string, id: string) =>
  Buffer.from(JSON.stringify([startsAt, id])).toString('base64url');
function decodeCursor(cursor: string): { startsAt: string; id: string } | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [startsAt, id] = value as unknown[];
    if (typeof startsAt !== 'string' || Number.isNaN(Date.parse(startsAt))) return null;
    if (typeof id !== 'string' || !UUID_SHAPE.test(id)) return null;
    return { startsAt, id };
  } catch {
    return null;
  }
}

export const SessionQuery = z.object({
  skill: filterText('skill', limits.skill.max, 'every skill').openapi({
    description: 'A skill name; typos, case and synonyms are forgiven',
  }),
  level: Level.optional(),
  from: IsoTime('from')
    .optional()
    .openapi({ description: 'Sessions starting at or after this; by default, those not ended yet' }),
  to: IsoTime('to').optional().openapi({ description: 'Sessions starting before this' }),
  q: z
    .string()
    .trim()
    .max(200, 'Search at most 200 characters.')
    .optional()
    .openapi({ description: 'Words of the title or description; each matches words starting with it' }),
  hostId: Uuid('Host').optional(),
  limit: pageLimit(100),
  cursor: z
    .string()
    .max(200)
    .refine((c) => decodeCursor(c) !== null, 'cursor must be a nextCursor this API answered.')
    .transform((c) => decodeCursor(c)!)
    .optional()
    .openapi({ type: 'string', description: 'The nextCursor of the previous page' }),
});

export const Session = z
  .object({
    id: z.string().uuid(),
    host: PublicProfile,
    title: z.string(),
    description: z.string().nullable(),
    skill: z.string(),
    level: Level,
    prerequisites: z.array(z.string()),
    startsAt: z.string(),
    endsAt: z.string(),
    durationMinutes: z.number().int(),
    capacity: z.number().int(),
    registered: z.number().int(),
    waitlisted: z.number().int(),
    status: z.enum(['scheduled', 'cancelled', 'ended']),
    myRegistration: z.enum(['registered', 'waitlisted']).nullable(),
    waitlistPosition: z.number().int().nullable().openapi({ description: 'Your place in line, from 1' }),
    meetingUrl: z.string().nullable().openapi({ description: 'Only for the host and registered people' }),
    createdAt: z.string(),
  })
  .openapi('Session');

export const SessionList = z
  .object({ sessions: z.array(Session), nextCursor: z.string().nullable() })
  .openapi('SessionList');

export const MySessions = z
  .object({ hosting: z.array(Session), attending: z.array(Session) })
  .openapi('MySessions', { description: 'Each upcoming first (soonest first), then past (latest first)' });

export const RegistrationResult = z
  .object({
    status: z.enum(['registered', 'waitlisted']),
    waitlistPosition: z.number().int().nullable(),
  })
  .openapi('SessionRegistration');

export const AttendeeList = z
  .object({
    attendees: z.array(
      z.object({
        user: PublicProfile,
        status: z.enum(['registered', 'waitlisted', 'cancelled']),
        attended: z.boolean().nullable(),
        registeredAt: z.string(),
      }),
    ),
  })
  .openapi('SessionAttendees', { description: 'In arrival order' });

export const CalendarFeedUrl = z
  .object({ url: z.string().openapi({ description: 'Private: anyone with it can read your sessions' }) })
  .openapi('CalendarFeedUrl');
