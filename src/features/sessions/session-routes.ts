import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { browseSessions, findSessionRow } from '../../../projections/session-queries.ts';
import { notFound } from '../../platform/errors.ts';
import { command } from '../../platform/http/command-route.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import type { RateLimit } from '../../platform/http/rate-limit.ts';
import { jsonBody, jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import {
  CancelSessionBody,
  CreateSessionBody,
  encodeCursor,
  Session,
  SessionIdParam,
  SessionList,
  SessionPatch,
  SessionQuery,
} from './schemas.ts';
import { emailVerifiedOf, runSessionCommand, timeZoneOf } from './service.ts';
import { profileOf, sessionFromState, sessionsFromRows } from './views.ts';

const tags = ['sessions'];

const createSession = createRoute({
  method: 'post',
  path: '/api/sessions',
  tags,
  request: { body: jsonBody(CreateSessionBody) },
  responses: {
    201: jsonResponse(Session, 'The new session; you are its host'),
    ...problems(401, 403, 422, 429),
  },
});
const listSessions = createRoute({
  method: 'get',
  path: '/api/sessions',
  tags,
  description: 'Sessions that are not cancelled, soonest first; without `from`, those not ended yet.',
  request: { query: SessionQuery },
  responses: { 200: jsonResponse(SessionList, 'One page of sessions'), ...problems(422, 503) },
});
const getSession = createRoute({
  method: 'get',
  path: '/api/sessions/{id}',
  tags,
  description: 'Cancelled sessions stay readable here.',
  request: { params: SessionIdParam },
  responses: { 200: jsonResponse(Session, 'The session'), ...problems(404, 422, 503) },
});
const editSession = createRoute({
  method: 'patch',
  path: '/api/sessions/{id}',
  tags,
  description:
    'The host changes any creation field until the start; a raised capacity promotes from the waitlist.',
  request: { params: SessionIdParam, body: jsonBody(SessionPatch) },
  responses: { 200: jsonResponse(Session, 'The session as edited'), ...problems(401, 403, 404, 409, 422) },
});
const cancelSession = createRoute({
  method: 'post',
  path: '/api/sessions/{id}/cancel',
  tags,
  description: 'The host, or a moderator and above, until the session ends.',
  request: {
    params: SessionIdParam,
    body: { required: false, content: { 'application/json': { schema: CancelSessionBody } } },
  },
  responses: { 200: jsonResponse(Session, 'The cancelled session'), ...problems(401, 403, 404, 409, 422) },
});

/** Made by the composition root from configuration. */
export interface SessionRouteOptions {
  /** Only people with a verified email may host (configuration: REQUIRE_VERIFIED_EMAIL_TO_HOST). */
  hostsNeedVerifiedEmail?: boolean;
  /** Sessions created, per host (429 with Retry-After beyond it). */
  create: RateLimit;
}

/** Creating, browsing, reading, editing and cancelling sessions (docs/api.md, "Sessions"). */
export function sessionRoutes(options: SessionRouteOptions) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(createSession, (c) => {
    const fields = c.req.valid('json');
    return command(
      c,
      async ({ me, deps, metadata }) => {
        await options.create.consume(me.userId);
        const [sessionId, now] = [deps.newId(), deps.clock()];
        const [timeZone, host, emailVerified] = await Promise.all([
          timeZoneOf(deps, me.userId),
          profileOf(deps.db, me.userId),
          options.hostsNeedVerifiedEmail ? emailVerifiedOf(deps, me.userId) : true,
        ]);
        const schedule = {
          type: 'ScheduleSession',
          sessionId,
          hostId: me.userId,
          fields,
          timeZone,
          now,
          hostEmailVerified: emailVerified,
        } as const;
        const result = await runSessionCommand(deps, sessionId, schedule, metadata);
        return { ...result, host, now };
      },
      ({ state, host, now }, me) => {
        if (state.status === 'unscheduled') throw notFound('No session with this id.');
        c.header('Location', `/api/sessions/${state.id}`);
        return c.json(sessionFromState(state, host, me.userId, now), 201);
      },
    );
  });

  app.openapi(listSessions, async (c) => {
    const { cursor, ...filters } = c.req.valid('query');
    const deps = c.get('deps');
    const viewerId = c.get('user')?.userId ?? null;
    const now = deps.clock();
    const page = await browseSessions(deps.db, { ...filters, after: cursor }, viewerId, now);
    const last = page.rows[page.rows.length - 1];
    const nextCursor =
      page.more && last ? encodeCursor(new Date(last.startsAt).toISOString(), last.id) : null;
    const sessions = await sessionsFromRows(deps.db, page.rows, viewerId, now);
    return c.json({ sessions, nextCursor }, 200);
  });

  app.openapi(getSession, async (c) => {
    const { id } = c.req.valid('param');
    const deps = c.get('deps');
    const viewerId = c.get('user')?.userId ?? null;
    const row = await findSessionRow(deps.db, id, viewerId);
    const [session] = row ? await sessionsFromRows(deps.db, [row], viewerId, deps.clock()) : [];
    if (!session) throw notFound('No session with this id.');
    return c.json(session, 200);
  });

  app.openapi(editSession, (c) => {
    const { id } = c.req.valid('param');
    const changes = c.req.valid('json');
    return command(
      c,
      async ({ me, deps, metadata }) => {
        const now = deps.clock();
        const edit = { type: 'EditSession', by: me.userId, changes, now } as const;
        const result = await runSessionCommand(deps, id, edit, metadata);
        return { ...result, host: await profileOf(deps.db, me.userId), now };
      },
      ({ state, host, now }, me) => {
        if (state.status === 'unscheduled') throw notFound('No session with this id.');
        return c.json(sessionFromState(state, host, me.userId, now), 200);
      },
    );
  });

  app.openapi(cancelSession, (c) => {
    const { id } = c.req.valid('param');
    // The body is optional: a POST without one cancels without a reason.
    const { reason } = (c.req.valid('json') as { reason?: string | null } | undefined) ?? {};
    return command(
      c,
      async ({ me, deps, metadata }) => {
        const now = deps.clock();
        const cancel = { type: 'CancelSession', by: me.userId, role: me.role, reason, now } as const;
        const result = await runSessionCommand(deps, id, cancel, metadata);
        const hostId = result.state.status === 'unscheduled' ? me.userId : result.state.hostId;
        return { ...result, host: await profileOf(deps.db, hostId), now };
      },
      ({ state, host, now }, me) => {
        if (state.status === 'unscheduled') throw notFound('No session with this id.');
        return c.json(sessionFromState(state, host, me.userId, now), 200);
      },
    );
  });

  return app;
}
