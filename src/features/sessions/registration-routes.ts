import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { findSessionRow, registrationsOf, sessionsOfUser } from '../../../projections/session-queries.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { requireUser } from '../../platform/http/auth.ts';
import { command } from '../../platform/http/command-route.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { jsonBody, jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import { findPublicProfiles } from '../identity/index.ts';
import {
  AttendanceBody,
  AttendanceParam,
  AttendeeList,
  MySessions,
  RegistrationResult,
  SessionIdParam,
} from './schemas.ts';
import { blockedFromHost, runSessionCommand } from './service.ts';
import { registrationOutcome } from './session.ts';
import { sessionsFromRows } from './views.ts';

const tags = ['sessions'];
const noContent = { 204: { description: 'Done' } };
const staff = ['moderator', 'admin', 'super_admin'];

const register = createRoute({
  method: 'post',
  path: '/api/sessions/{id}/registrations',
  tags,
  description: 'A seat while seats are free, else the end of the waitlist.',
  request: { params: SessionIdParam },
  responses: {
    201: jsonResponse(RegistrationResult, 'Registered, or waitlisted with your place in line'),
    ...problems(401, 403, 404, 409, 422),
  },
});
const unregister = createRoute({
  method: 'delete',
  path: '/api/sessions/{id}/registrations/me',
  tags,
  description: 'A freed seat goes to the first person waiting, in the same step.',
  request: { params: SessionIdParam },
  responses: { ...noContent, ...problems(401, 403, 404, 409, 422) },
});
const attendees = createRoute({
  method: 'get',
  path: '/api/sessions/{id}/attendees',
  tags,
  description: 'The host, or a moderator and above.',
  request: { params: SessionIdParam },
  responses: {
    200: jsonResponse(AttendeeList, 'Everyone who asked for a seat'),
    ...problems(401, 403, 404, 422, 503),
  },
});
const markAttendance = createRoute({
  method: 'put',
  path: '/api/sessions/{id}/attendance/{userId}',
  tags,
  description: 'The host, from the start until 7 days after the end, for people with a seat.',
  request: { params: AttendanceParam, body: jsonBody(AttendanceBody) },
  responses: { ...noContent, ...problems(401, 403, 404, 409, 422) },
});
const mySessions = createRoute({
  method: 'get',
  path: '/api/me/sessions',
  tags,
  responses: {
    200: jsonResponse(MySessions, 'Sessions you host and sessions you are registered or waitlisted for'),
    ...problems(401, 403, 503),
  },
});

/** Registrations, the waitlist, attendance, and my sessions (docs/api.md, "Sessions"). */
export function registrationRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(register, (c) => {
    const { id } = c.req.valid('param');
    return command(
      c,
      async ({ me, deps, metadata }) => {
        const blocked = await blockedFromHost(deps, id, me.userId);
        const registration = {
          type: 'RegisterForSession',
          userId: me.userId,
          blocked,
          now: deps.clock(),
        } as const;
        return runSessionCommand(deps, id, registration, metadata);
      },
      ({ state }, me) => {
        if (state.status === 'unscheduled') throw notFound('No session with this id.');
        c.header('Location', `/api/sessions/${id}/registrations/me`);
        return c.json(registrationOutcome(state, me.userId), 201);
      },
    );
  });

  app.openapi(unregister, (c) => {
    const { id } = c.req.valid('param');
    return command(
      c,
      ({ me, deps, metadata }) =>
        runSessionCommand(
          deps,
          id,
          { type: 'UnregisterFromSession', userId: me.userId, now: deps.clock() },
          metadata,
        ),
      () => c.body(null, 204),
    );
  });

  app.openapi(attendees, async (c) => {
    const me = requireUser(c);
    const { id } = c.req.valid('param');
    const db = c.get('deps').db;
    const session = await findSessionRow(db, id, null);
    if (!session) throw notFound('No session with this id.');
    if (session.hostId !== me.userId && !staff.includes(me.role))
      throw forbidden('Only the host or a moderator can see who registered.');
    const rows = await registrationsOf(db, id);
    const profiles = await findPublicProfiles(
      db,
      rows.map((r) => r.userId),
    );
    const list = rows.flatMap((r) => {
      const user = profiles.get(r.userId);
      return user
        ? [
            {
              user,
              status: r.status,
              attended: r.attended,
              registeredAt: new Date(r.registeredAt).toISOString(),
            },
          ]
        : [];
    });
    return c.json({ attendees: list }, 200);
  });

  app.openapi(markAttendance, (c) => {
    const { id, userId } = c.req.valid('param');
    const { attended } = c.req.valid('json');
    return command(
      c,
      ({ me, deps, metadata }) =>
        runSessionCommand(
          deps,
          id,
          { type: 'MarkAttendance', by: me.userId, userId, attended, now: deps.clock() },
          metadata,
        ),
      () => c.body(null, 204),
    );
  });

  app.openapi(mySessions, async (c) => {
    const me = requireUser(c);
    const deps = c.get('deps');
    const now = deps.clock();
    const { hosting, attending } = await sessionsOfUser(deps.db, me.userId, now);
    return c.json(
      {
        hosting: await sessionsFromRows(deps.db, hosting, me.userId, now),
        attending: await sessionsFromRows(deps.db, attending, me.userId, now),
      },
      200,
    );
  });

  return app;
}
