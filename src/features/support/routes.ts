import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { myTickets } from '../../../projections/support-tickets.ts';
import { requireUser } from '../../platform/http/auth.ts';
import { command } from '../../platform/http/command-route.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { jsonBody, jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import type { RateLimit } from '../../platform/http/rate-limit.ts';
import {
  OpenTicketBody,
  Ticket,
  TicketIdParam,
  TicketList,
  TicketListQuery,
  TicketMessage,
  TicketMessageBody,
} from './schemas.ts';
import { isSupportStaff, loadTicket, mayAppeal, openTicket, runTicketCommand } from './service.ts';
import { requireReader, requireTicket } from './ticket.decide.ts';
import { ticketSummaries, ticketView } from './views.ts';

const tags = ['support'];

const open = createRoute({
  method: 'post',
  path: '/api/support/tickets',
  tags,
  request: { body: jsonBody(OpenTicketBody) },
  responses: { 201: jsonResponse(Ticket, 'The new ticket'), ...problems(400, 401, 403, 413, 415, 422, 429) },
});
const listMine = createRoute({
  method: 'get',
  path: '/api/support/tickets',
  tags,
  description: 'My tickets, latest activity first.',
  request: { query: TicketListQuery },
  responses: { 200: jsonResponse(TicketList, 'One page of my tickets'), ...problems(401, 403, 422, 503) },
});
const getOne = createRoute({
  method: 'get',
  path: '/api/support/tickets/{id}',
  tags,
  description: 'The requester or support staff; internal notes only for staff. Anyone else gets a 404.',
  request: { params: TicketIdParam },
  responses: { 200: jsonResponse(Ticket, 'The ticket'), ...problems(401, 403, 404, 422) },
});
const reply = createRoute({
  method: 'post',
  path: '/api/support/tickets/{id}/messages',
  tags,
  description:
    "A reply, or with `internal` a note only staff see (staff only). The requester's reply reopens a pending " +
    'or resolved ticket; a closed one takes no replies (409).',
  request: { params: TicketIdParam, body: jsonBody(TicketMessageBody) },
  responses: {
    201: jsonResponse(TicketMessage, 'The message'),
    ...problems(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

/** A requester's side of support (docs/api.md, "Support tickets"). */
export function ticketRoutes(limits: { opened: RateLimit }) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(open, (c) => {
    const input = c.req.valid('json');
    return command(
      c,
      async ({ me, deps, metadata }) => {
        if (me.status === 'suspended') await mayAppeal(deps, me.userId, input.category);
        await limits.opened.consume(me.userId);
        const result = await openTicket(deps, { ...input, requesterId: me.userId }, metadata);
        return { ...result, view: await ticketView(deps.db, requireTicket(result.state), false) };
      },
      ({ view }) => {
        c.header('Location', `/api/support/tickets/${view.id}`);
        return c.json(view, 201);
      },
      { suspended: 'allowed' },
    );
  });

  app.openapi(listMine, async (c) => {
    const me = requireUser(c);
    const { limit, cursor } = c.req.valid('query');
    const deps = c.get('deps');
    const page = await myTickets(deps.db, me.userId, { limit, before: cursor });
    const summaries = await ticketSummaries(deps.db, page.rows, deps.clock());
    const tickets = summaries.map(
      ({ firstResponseSeconds: _f, openSeconds: _o, resolutionSeconds: _r, ...ticket }) => ticket,
    );
    const last = page.rows.at(-1);
    return c.json({ tickets, nextCursor: page.more && last ? String(last.position) : null }, 200);
  });

  app.openapi(getOne, async (c) => {
    const me = requireUser(c);
    const deps = c.get('deps');
    const staff = isSupportStaff(me.role);
    const ticket = requireReader(
      requireTicket(await loadTicket(deps, c.req.valid('param').id)),
      me.userId,
      staff,
    );
    return c.json(await ticketView(deps.db, ticket, staff), 200);
  });

  app.openapi(reply, (c) => {
    const { id } = c.req.valid('param');
    const { body, internal = false } = c.req.valid('json');
    return command(
      c,
      async ({ me, deps, metadata }) => {
        const messageId = deps.newId();
        const staff = isSupportStaff(me.role);
        const command = {
          type: 'PostTicketMessage',
          authorId: me.userId,
          staff,
          messageId,
          body,
          internal,
        } as const;
        const result = await runTicketCommand(deps, id, command, metadata);
        const view = await ticketView(deps.db, requireTicket(result.state), staff);
        return { ...result, message: view.messages.find((m) => m.id === messageId)! };
      },
      ({ message }) => c.json(message, 201),
    );
  });

  return app;
}
