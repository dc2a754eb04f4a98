import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { ticketQueue } from '../../../projections/support-tickets.ts';
import { requireUser } from '../../platform/http/auth.ts';
import { command } from '../../platform/http/command-route.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { jsonBody, jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import {
  AssignTicketBody,
  Ticket,
  TicketIdParam,
  TicketQueue,
  TicketQueueQuery,
  TicketStatusBody,
} from './schemas.ts';
import { checkAssignee, runTicketCommand, supportStaffRoles } from './service.ts';
import { requireTicket } from './ticket.decide.ts';
import { ticketSummaries, ticketView } from './views.ts';

const tags = ['admin'];
const roles = [...supportStaffRoles];

const queue = createRoute({
  method: 'get',
  path: '/api/admin/tickets',
  tags,
  description:
    'The support queue (admin), oldest first, with time to first response and to resolution (pauses while ' +
    'pending), by the app clock.',
  request: { query: TicketQueueQuery },
  responses: { 200: jsonResponse(TicketQueue, 'One page of the queue'), ...problems(401, 403, 422, 503) },
});
const assign = createRoute({
  method: 'post',
  path: '/api/admin/tickets/{id}/assign',
  tags,
  request: { params: TicketIdParam, body: jsonBody(AssignTicketBody) },
  responses: { 200: jsonResponse(Ticket, 'The ticket'), ...problems(400, 401, 403, 404, 409, 415, 422) },
});
const setStatus = createRoute({
  method: 'post',
  path: '/api/admin/tickets/{id}/status',
  tags,
  description: 'Any status; a closed ticket stays closed (409).',
  request: { params: TicketIdParam, body: jsonBody(TicketStatusBody) },
  responses: { 200: jsonResponse(Ticket, 'The ticket'), ...problems(400, 401, 403, 404, 409, 415, 422) },
});

/** The staff side of support (docs/api.md, "Support tickets"): admins and above. */
export function ticketAdminRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(queue, async (c) => {
    requireUser(c, ...roles);
    const { status, assigneeId, limit, cursor } = c.req.valid('query');
    const deps = c.get('deps');
    const filter = { status, assigneeId: assigneeId === 'none' ? null : assigneeId };
    const page = await ticketQueue(deps.db, filter, { limit, after: cursor });
    const tickets = await ticketSummaries(deps.db, page.rows, deps.clock());
    const last = page.rows.at(-1);
    return c.json({ tickets, nextCursor: page.more && last ? String(last.opened_position) : null }, 200);
  });

  app.openapi(assign, (c) => {
    const { id } = c.req.valid('param');
    const { assigneeId } = c.req.valid('json');
    return command(
      c,
      async ({ deps, metadata }) => {
        await checkAssignee(deps, assigneeId);
        const result = await runTicketCommand(deps, id, { type: 'AssignTicket', assigneeId }, metadata);
        return { ...result, view: await ticketView(deps.db, requireTicket(result.state), true) };
      },
      ({ view }) => c.json(view, 200),
      { roles },
    );
  });

  app.openapi(setStatus, (c) => {
    const { id } = c.req.valid('param');
    const { status } = c.req.valid('json');
    return command(
      c,
      async ({ deps, metadata }) => {
        const result = await runTicketCommand(deps, id, { type: 'ChangeTicketStatus', status }, metadata);
        return { ...result, view: await ticketView(deps.db, requireTicket(result.state), true) };
      },
      ({ view }) => c.json(view, 200),
      { roles },
    );
  });

  return app;
}
