import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { listConnectionsOf, type ConnectionRow } from '../../../projections/connections.ts';
import { requireUser } from '../../platform/http/auth.ts';
import { command } from '../../platform/http/command-route.ts';
import type { AppEnv, Deps } from '../../platform/http/context.ts';
import { jsonBody, jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import { findPublicProfiles, type PublicProfileData } from '../identity/index.ts';
import type { PairConnection } from './pair.ts';
import {
  Connection,
  ConnectionCreated,
  ConnectionIdParam,
  ConnectionList,
  ConnectionRequestBody,
} from './schemas.ts';
import { findOwnConnection, otherParty, requireExistingUser, runPairCommand } from './service.ts';

type ConnectionView = {
  id: string;
  user: PublicProfileData;
  status: PairConnection['status'];
  message: string | null;
  createdAt: string;
};

const fromRow = (row: ConnectionRow): PairConnection => ({
  id: row.id,
  fromUserId: row.from_user_id,
  toUserId: row.to_user_id,
  status: row.status,
  message: row.message,
  createdAt: new Date(row.created_at).toISOString(),
});

/** Connections as `me` sees them, each with the other person's public profile; people gone are left out. */
async function views(deps: Deps, me: string, connections: PairConnection[]): Promise<ConnectionView[]> {
  const profiles = await findPublicProfiles(
    deps.db,
    connections.map((c) => otherParty(c, me)),
  );
  return connections.flatMap((c) => {
    const user = profiles.get(otherParty(c, me));
    return user ? [{ id: c.id, user, status: c.status, message: c.message, createdAt: c.createdAt }] : [];
  });
}

const tags = ['connections'];

const requestConnection = createRoute({
  method: 'post',
  path: '/api/connections',
  tags,
  description:
    'Asks someone to connect. 409 when a request between you is already pending (if they sent it, the ' +
    'problem carries its `connectionId`: accept that one) or you are already connected; 403 when either ' +
    'of you blocked the other; 422 for yourself; 404 for an unknown user.',
  request: { body: jsonBody(ConnectionRequestBody) },
  responses: {
    201: jsonResponse(ConnectionCreated, 'The pending request'),
    ...problems(400, 401, 403, 404, 409, 415, 422),
  },
});
const listConnections = createRoute({
  method: 'get',
  path: '/api/connections',
  tags,
  responses: {
    200: jsonResponse(ConnectionList, 'Your open requests and your connections, newest first'),
    ...problems(401, 403, 503),
  },
});
const answerRoute = (verb: 'accept' | 'decline') =>
  createRoute({
    method: 'post',
    path: `/api/connections/{id}/${verb}`,
    tags,
    description: `Only the receiver may ${verb}, once (then 409). Someone else's connection id is a 404.`,
    request: { params: ConnectionIdParam },
    responses: {
      200: jsonResponse(Connection, `The ${verb === 'accept' ? 'accepted' : 'declined'} connection`),
      ...problems(401, 403, 404, 409, 422),
    },
  });
const acceptConnection = answerRoute('accept');
const declineConnection = answerRoute('decline');
const removeConnection = createRoute({
  method: 'delete',
  path: '/api/connections/{id}',
  tags,
  description:
    'Withdraws a pending request you sent, or ends an accepted connection (either side). The receiver ' +
    'of a pending request declines it instead (403); anything already over is a 409.',
  request: { params: ConnectionIdParam },
  responses: { 204: { description: 'Withdrawn or disconnected' }, ...problems(401, 403, 404, 409, 422) },
});

/** Requests, answers, withdrawal and disconnection (docs/api.md, "Matching and connections"). */
export function connectionRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(requestConnection, (c) => {
    const { userId, message } = c.req.valid('json');
    return command(
      c,
      async ({ me, deps, metadata }) => {
        if (userId !== me.userId) await requireExistingUser(deps, userId);
        const connectionId = deps.newId();
        const request = {
          type: 'RequestConnection',
          connectionId,
          fromUserId: me.userId,
          toUserId: userId,
          message: message ?? null,
        } as const;
        const { position } = await runPairCommand(deps, me.userId, userId, request, metadata);
        return { position, connectionId };
      },
      ({ connectionId }) => c.json({ id: connectionId, status: 'pending' as const }, 201),
    );
  });

  app.openapi(listConnections, async (c) => {
    const me = requireUser(c).userId;
    const deps = c.get('deps');
    const rows = await listConnectionsOf(deps.db, me);
    const all = await views(deps, me, rows.map(fromRow));
    const ofStatus = (status: string) => all.filter((v) => v.status === status);
    const pending = ofStatus('pending');
    const incoming = new Set(rows.filter((r) => r.to_user_id === me).map((r) => r.id));
    return c.json(
      {
        incoming: pending.filter((v) => incoming.has(v.id)),
        outgoing: pending.filter((v) => !incoming.has(v.id)),
        accepted: ofStatus('accepted'),
      },
      200,
    );
  });

  for (const [route, verb] of [
    [acceptConnection, 'accept'],
    [declineConnection, 'decline'],
  ] as const) {
    const type = verb === 'accept' ? 'AcceptConnection' : 'DeclineConnection';
    app.openapi(route, (c) => {
      const { id } = c.req.valid('param');
      return command(
        c,
        async ({ me, deps, metadata }) => {
          const { from_user_id: from, to_user_id: to } = await findOwnConnection(deps, id, me.userId);
          const answer = { type, connectionId: id, byUserId: me.userId } as const;
          const { state, position } = await runPairCommand(deps, from, to, answer, metadata);
          const [view] = await views(deps, me.userId, state.connection ? [state.connection] : []);
          if (!view) throw new Error(`connection ${id} has no view after ${verb}`);
          return { position, view };
        },
        ({ view }) => c.json(view, 200),
      );
    });
  }

  app.openapi(removeConnection, (c) => {
    const { id } = c.req.valid('param');
    return command(
      c,
      async ({ me, deps, metadata }) => {
        const row = await findOwnConnection(deps, id, me.userId);
        const remove = { type: 'RemoveConnection', connectionId: id, byUserId: me.userId } as const;
        return runPairCommand(deps, row.from_user_id, row.to_user_id, remove, metadata);
      },
      () => c.body(null, 204),
    );
  });

  return app;
}
