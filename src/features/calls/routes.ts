import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { callHistoryPage, isInCall } from '../../../projections/calls.ts';
import { findUser } from '../../../projections/users.ts';
import { requireUser } from '../../platform/http/auth.ts';
import { command } from '../../platform/http/command-route.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { jsonBody, jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import type { RateLimit } from '../../platform/http/rate-limit.ts';
import { decodeCursor, encodeCursor } from '../reviews/index.ts';
import { callSummaries } from './history.ts';
import { CallIdParam, CallList, CallsQuery, StartCallBody, StartedCall } from './schemas.ts';
import {
  mintToken,
  roomFor,
  runCallCommand,
  runRoomCommand,
  videoNotConfigured,
  TOKEN_TTL_SECONDS,
  type CallTarget,
  type VideoSettings,
} from './service.ts';
import { loadAggregate } from '../../platform/commands.ts';
import { sessionAggregate, sessionStream } from '../sessions/index.ts';
import { callAggregate } from './call.ts';
import { callStream } from './events.ts';

const tags = ['video'];

const startCall = createRoute({
  method: 'post',
  path: '/api/calls',
  tags,
  description:
    'Call a connection (`with`) or join a session or group room. With LiveKit configured: a token for the ' +
    'room. Without: a built-in 1:1 call (the other person gets `call.ring`); session and group rooms then ' +
    'answer 409 `video-not-configured`. 403: you may not call them or join that room (yet); 429: too many calls.',
  request: { body: jsonBody(StartCallBody) },
  responses: {
    200: jsonResponse(StartedCall, 'How to join'),
    ...problems(400, 401, 403, 404, 409, 415, 422, 429),
  },
});
const answer = (verb: 'accept' | 'decline' | 'end', description: string) =>
  createRoute({
    method: 'post',
    path: `/api/calls/{callId}/${verb}`,
    tags,
    description,
    request: { params: CallIdParam },
    responses: {
      204: { description: 'Done; the other side gets a frame' },
      ...problems(401, 403, 404, 409, 422),
    },
  });
const acceptCall = answer(
  'accept',
  'The callee answers a ringing call (`call.accepted`). 409 once it is over.',
);
const declineCall = answer('decline', 'The callee turns a ringing call down (`call.declined`).');
const endCall = answer(
  'end',
  'Either side hangs up (`call.ended`); the caller hanging up before an answer cancels. Ending twice is a no-op.',
);
const listCalls = createRoute({
  method: 'get',
  path: '/api/calls',
  tags,
  description: 'Your calls, newest first: built-in calls and LiveKit rooms you joined.',
  request: { query: CallsQuery },
  responses: { 200: jsonResponse(CallList, 'Newest first'), ...problems(401, 422) },
});

const Cursor = z.object({ startedAt: z.string(), key: z.string() });

/** Starting, answering and listing calls (docs/api.md, "Video"; docs/video.md). */
export function callRoutes(video: VideoSettings, limits: { ring: RateLimit }) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(startCall, async (c) => {
    const body = c.req.valid('json');
    const target: CallTarget =
      body.with !== undefined
        ? { with: body.with }
        : body.sessionId !== undefined
          ? { sessionId: body.sessionId }
          : { groupId: body.groupId ?? '' };
    const me = requireUser(c);
    const deps = c.get('deps');
    const now = deps.clock();
    const room = await roomFor(deps, me.userId, target, now);
    const livekit = video.livekit;
    if (livekit) {
      const user = await findUser(deps.db, me.userId);
      const session =
        'sessionId' in target
          ? (await loadAggregate(deps.store, sessionStream(target.sessionId), sessionAggregate)).state
          : undefined;
      const host = session !== undefined && session.status !== 'unscheduled' && session.hostId === me.userId;
      const token = await mintToken(
        livekit,
        { id: me.userId, displayName: user?.display_name ?? 'SkillSwap member' },
        room,
        { roomAdmin: host },
      );
      return command(
        c,
        ({ deps, metadata }) =>
          runRoomCommand(
            deps,
            room,
            { type: 'IssueVideoToken', room, userId: me.userId, ttlSeconds: TOKEN_TTL_SECONDS },
            metadata,
          ),
        () => c.json({ mode: 'livekit' as const, url: livekit.publicUrl, token, room }, 200),
      );
    }
    if (!('with' in target)) throw videoNotConfigured();
    const calleeId = target.with;
    await limits.ring.consume(me.userId);
    const callId = deps.newId();
    const calleeBusy = await isInCall(deps.db, calleeId, now);
    return command(
      c,
      ({ deps, metadata }) =>
        runCallCommand(
          deps,
          callId,
          { type: 'PlaceCall', parties: { callId, room, callerId: me.userId, calleeId }, calleeBusy, now },
          metadata,
        ),
      () => c.json({ mode: 'p2p' as const, callId, room, iceServers: video.iceServers }, 200),
    );
  });

  app.openapi(acceptCall, async (c) => {
    const { callId } = c.req.valid('param');
    return command(
      c,
      async ({ me, deps, metadata }) => {
        const now = deps.clock();
        const { state } = await loadAggregate(deps.store, callStream(callId), callAggregate);
        // The pair stream decides, read now: a block while it rang refuses the answer.
        const other = state.status === 'none' ? me.userId : state.callerId;
        const allowed =
          state.status !== 'none' &&
          (await roomFor(deps, me.userId, { with: other }, now).then(
            () => true,
            () => false,
          ));
        return runCallCommand(deps, callId, { type: 'AcceptCall', by: me.userId, allowed, now }, metadata);
      },
      () => c.body(null, 204),
    );
  });
  app.openapi(declineCall, (c) =>
    command(
      c,
      ({ me, deps, metadata }) =>
        runCallCommand(
          deps,
          c.req.valid('param').callId,
          { type: 'DeclineCall', by: me.userId, now: deps.clock() },
          metadata,
        ),
      () => c.body(null, 204),
    ),
  );
  app.openapi(endCall, (c) =>
    command(
      c,
      ({ me, deps, metadata }) =>
        runCallCommand(
          deps,
          c.req.valid('param').callId,
          { type: 'EndCall', by: me.userId, now: deps.clock() },
          metadata,
        ),
      () => c.body(null, 204),
    ),
  );

  app.openapi(listCalls, async (c) => {
    const me = requireUser(c);
    const { limit, cursor } = c.req.valid('query');
    const deps = c.get('deps');
    const after = cursor === undefined ? undefined : decodeCursor(cursor, Cursor);
    const { rows, more } = await callHistoryPage(deps.db, me.userId, { limit, after });
    const last = rows[rows.length - 1];
    const nextCursor =
      more && last
        ? encodeCursor({ startedAt: new Date(last.started_at).toISOString(), key: last.key })
        : null;
    return c.json({ calls: await callSummaries(deps.db, rows), nextCursor }, 200);
  });

  return app;
}
