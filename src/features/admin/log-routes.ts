import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  findActivity,
  type ActivityFilter,
  type ActivityRow,
} from '../../../projections/activity-queries.ts';
import { findUser } from '../../../projections/users.ts';
import { notFound } from '../../platform/errors.ts';
import { atLeast, requireUser } from '../../platform/http/auth.ts';
import type { Deps } from '../../platform/http/context.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.ts';
import { jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import { text } from '../../platform/http/text.ts';
import { Cursor, Limit, UserIdParam, Uuid } from './schemas.ts';
import { summarize, userOfStream } from './summaries.ts';

const tags = ['admin'];
const Time = z.string().datetime({ offset: true, message: 'Use an ISO-8601 time.' });

const LogEntry = z
  .object({
    position: z.number().int(),
    type: z.string(),
    stream: z.string(),
    actor: z.object({
      id: z.string().nullable(),
      displayName: z.string().nullable(),
      role: z.string().nullable(),
    }),
    occurredAt: z.string(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    correlationId: z.string().nullable(),
    summary: z.string().describe('One line for people'),
  })
  .openapi('LogEntry');
const LogPage = z
  .object({ entries: z.array(LogEntry), nextCursor: z.string().nullable() })
  .openapi('LogPage');

const LogQuery = z.object({
  type: text('Type').max(100).optional(),
  from: Time.optional(),
  to: Time.optional(),
  cursor: Cursor,
  limit: Limit,
});

export const userActivity = createRoute({
  method: 'get',
  path: '/api/admin/users/{id}/activity',
  tags,
  description: 'What the person did and what was done to their account, newest first (admin).',
  request: { params: UserIdParam, query: LogQuery },
  responses: { 200: jsonResponse(LogPage, 'A page of entries'), ...problems(401, 403, 404, 422) },
});
export const auditLog = createRoute({
  method: 'get',
  path: '/api/admin/audit',
  tags,
  description: 'Actions taken by moderators and above, newest first (admin).',
  request: { query: LogQuery.extend({ actorId: Uuid('Actor').optional() }) },
  responses: { 200: jsonResponse(LogPage, 'A page of entries'), ...problems(401, 403, 422) },
});

const PositionCursor = z.object({ position: z.number().int().nonnegative() });

function filterOf(query: z.infer<typeof LogQuery>): ActivityFilter {
  return {
    type: query.type,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    before: query.cursor ? decodeCursor(query.cursor, PositionCursor).position : undefined,
    limit: query.limit + 1,
  };
}

/** A page of rows as entries with names and summaries, and the cursor of the next page. */
async function page(deps: Deps, rows: ActivityRow[], limit: number) {
  const shown = rows.slice(0, limit);
  const ids = new Set<string>();
  for (const row of shown) {
    if (row.actor_id) ids.add(row.actor_id);
    const target = userOfStream(row.stream_name);
    if (target) ids.add(target);
  }
  const people =
    ids.size === 0
      ? []
      : await deps.db
          .selectFrom('users')
          .select(['id', 'display_name'])
          .where('id', 'in', [...ids])
          .execute();
  const names = new Map(people.map((p) => [p.id, p.display_name]));
  const entries = shown.map((row) => ({
    position: Number(row.position),
    type: row.event_type,
    stream: row.stream_name,
    actor: {
      id: row.actor_id,
      displayName: row.actor_id ? (names.get(row.actor_id) ?? null) : null,
      role: row.actor_role,
    },
    occurredAt: new Date(row.occurred_at).toISOString(),
    ip: row.ip,
    userAgent: row.user_agent,
    correlationId: row.correlation_id,
    summary: summarize(
      {
        type: row.event_type,
        stream: row.stream_name,
        actorId: row.actor_id,
        actorRole: row.actor_role,
      },
      names,
    ),
  }));
  const last = shown.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor({ position: Number(last.position) }) : null;
  return { entries, nextCursor };
}

/** The activity log of one person and the staff's audit log, read from the events' metadata. */
export function adminLogRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(userActivity, async (c) => {
    requireUser(c, ...atLeast('admin'));
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    if (!(await findUser(deps.db, id))) throw notFound('No user with this id.');
    const query = c.req.valid('query');
    const rows = await findActivity(deps.db, { person: id }, filterOf(query));
    return c.json(await page(deps, rows, query.limit), 200);
  });

  app.openapi(auditLog, async (c) => {
    requireUser(c, ...atLeast('admin'));
    const deps = c.get('deps');
    const { actorId, ...query } = c.req.valid('query');
    const rows = await findActivity(deps.db, { staff: true, actorId }, filterOf(query));
    return c.json(await page(deps, rows, query.limit), 200);
  });

  return app;
}
