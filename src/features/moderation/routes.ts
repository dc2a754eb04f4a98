import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { reportsBy } from '../../../projections/reports.ts';
import { atLeast, requireUser } from '../../platform/http/auth.ts';
import { command } from '../../platform/http/command-route.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.ts';
import { jsonBody, jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import type { RateLimit } from '../../platform/http/rate-limit.ts';
import type { ReportKind, ReportReason } from './events.ts';
import {
  FiledReport,
  MyReports,
  PageQuery,
  QueueQuery,
  ReportBody,
  ReportIdParam,
  ReportQueue,
  QueueItem,
  ResolveBody,
  SlowModeBody,
} from './schemas.ts';
import { setSlowMode } from './slow-mode.ts';
import { fileReport, queue, queueItemOf, resolveReports, type DocRemoval } from './service.ts';

const tags = ['moderation'];

export const createReport = createRoute({
  method: 'post',
  path: '/api/reports',
  tags,
  description: 'Report what you can see; anything else is a 404 that reveals nothing.',
  request: { body: jsonBody(ReportBody) },
  responses: {
    201: jsonResponse(FiledReport, 'Filed'),
    ...problems(400, 401, 403, 404, 409, 415, 422, 429),
  },
});
export const myReports = createRoute({
  method: 'get',
  path: '/api/reports',
  tags,
  request: { query: PageQuery },
  responses: { 200: jsonResponse(MyReports, 'My reports, newest first'), ...problems(401, 403, 422) },
});
export const reportQueue = createRoute({
  method: 'get',
  path: '/api/admin/reports',
  tags,
  description: 'The moderation queue (moderator): reports of one target form one item.',
  request: { query: QueueQuery },
  responses: { 200: jsonResponse(ReportQueue, 'A page of items'), ...problems(401, 403, 422) },
});
export const resolveReport = createRoute({
  method: 'post',
  path: '/api/admin/reports/{id}/resolve',
  tags,
  description: 'Resolves the whole item of any of its reports (moderator).',
  request: { params: ReportIdParam, body: jsonBody(ResolveBody) },
  responses: {
    200: jsonResponse(QueueItem, 'The resolved item'),
    ...problems(400, 401, 403, 404, 409, 415, 422),
  },
});

export const slowMode = createRoute({
  method: 'put',
  path: '/api/admin/slow-mode',
  tags,
  description: 'Moderators anywhere; group admins in their own group. 0 turns it off.',
  request: { body: jsonBody(SlowModeBody) },
  responses: { 204: { description: 'Set' }, ...problems(400, 401, 403, 404, 415, 422) },
});

const PositionCursor = z.object({ position: z.number().int().nonnegative() });
const OffsetCursor = z.object({ offset: z.number().int().nonnegative() });

/** Reports and the moderation queue (docs/api.md, "Reports and support", "Administration"). */
export function moderationRoutes(limits: { reports: RateLimit }, docs: DocRemoval) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(createReport, (c) =>
    command(
      c,
      async (ctx) => {
        await limits.reports.consume(ctx.me.userId);
        return fileReport(ctx, c.req.valid('json'));
      },
      ({ id }) => c.json({ id, status: 'open' as const }, 201),
    ),
  );

  app.openapi(myReports, async (c) => {
    const me = requireUser(c);
    const { cursor, limit } = c.req.valid('query');
    const before = cursor === undefined ? undefined : decodeCursor(cursor, PositionCursor).position;
    const rows = await reportsBy(c.get('deps').db, me.userId, { before, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return c.json(
      {
        reports: page.map((r) => ({
          id: r.id,
          kind: r.kind as ReportKind,
          targetId: r.target_id,
          doc: r.doc,
          reason: r.reason as ReportReason,
          status: r.status,
          outcome: r.outcome as 'dismissed' | null,
          createdAt: new Date(r.created_at).toISOString(),
          resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
        })),
        nextCursor: rows.length > limit && last ? encodeCursor({ position: Number(last.position) }) : null,
      },
      200,
    );
  });

  app.openapi(reportQueue, async (c) => {
    requireUser(c, ...atLeast('moderator'));
    const { status, cursor, limit } = c.req.valid('query');
    const offset = cursor === undefined ? 0 : decodeCursor(cursor, OffsetCursor).offset;
    const items = await queue(c.get('deps'), status, { offset, limit: limit + 1 });
    return c.json(
      {
        items: items.slice(0, limit),
        nextCursor: items.length > limit ? encodeCursor({ offset: offset + limit }) : null,
      },
      200,
    );
  });

  app.openapi(resolveReport, (c) => {
    const { id } = c.req.valid('param');
    return command(
      c,
      async (ctx) => {
        const { stream, position } = await resolveReports(ctx, id, c.req.valid('json'), docs);
        // The answer shows the content as it now stands too (a removed review, message or post): every read
        // model, not only the reports, must include the resolution.
        if (position !== null) await ctx.deps.projections.waitFor(position, { timeoutMs: 5_000 });
        return { position, item: await queueItemOf(ctx.deps, id), stream };
      },
      ({ item }) => c.json(item, 200),
      { roles: atLeast('moderator') },
    );
  });

  app.openapi(slowMode, (c) => {
    const { doc, seconds } = c.req.valid('json');
    return command(
      c,
      (ctx) => setSlowMode(ctx, doc, seconds),
      () => c.body(null, 204),
    );
  });

  return app;
}
