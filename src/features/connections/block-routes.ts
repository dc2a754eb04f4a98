import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { listBlockedBy } from '../../../projections/blocks.ts';
import { requireUser } from '../../platform/http/auth.ts';
import { command } from '../../platform/http/command-route.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { jsonBody, jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import { findPublicProfiles } from '../identity/index.ts';
import { BlockBody, BlockList, BlockUserParam } from './schemas.ts';
import { requireExistingUser, runPairCommand } from './service.ts';

const tags = ['blocks'];

const blockUser = createRoute({
  method: 'post',
  path: '/api/blocks',
  tags,
  description:
    'Blocks someone: an accepted connection ends and an open request between you is withdrawn or ' +
    'declined, in the same write. Blocking again is a 409; yourself a 422; an unknown user a 404.',
  request: { body: jsonBody(BlockBody) },
  responses: { 204: { description: 'Blocked' }, ...problems(400, 401, 403, 404, 409, 415, 422) },
});
const unblockUser = createRoute({
  method: 'delete',
  path: '/api/blocks/{userId}',
  tags,
  description: 'Lifts your block (not theirs, if they blocked you too). 404 when you have not blocked them.',
  request: { params: BlockUserParam },
  responses: { 204: { description: 'Unblocked' }, ...problems(401, 403, 404, 409, 422) },
});
const listBlocks = createRoute({
  method: 'get',
  path: '/api/blocks',
  tags,
  responses: {
    200: jsonResponse(BlockList, 'The people you blocked, most recent first'),
    ...problems(401, 403, 503),
  },
});

/** Blocking: ends any connection or open request between the two and refuses new ones both ways. */
export function blockRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(blockUser, (c) => {
    const { userId } = c.req.valid('json');
    return command(
      c,
      async ({ me, deps, metadata }) => {
        if (userId !== me.userId) await requireExistingUser(deps, userId);
        const block = { type: 'BlockUser', blockerId: me.userId, blockedId: userId } as const;
        return runPairCommand(deps, me.userId, userId, block, metadata);
      },
      () => c.body(null, 204),
    );
  });

  app.openapi(unblockUser, (c) => {
    const { userId } = c.req.valid('param');
    return command(
      c,
      ({ me, deps, metadata }) =>
        runPairCommand(
          deps,
          me.userId,
          userId,
          { type: 'UnblockUser', blockerId: me.userId, blockedId: userId },
          metadata,
        ),
      () => c.body(null, 204),
    );
  });

  app.openapi(listBlocks, async (c) => {
    const me = requireUser(c).userId;
    const db = c.get('deps').db;
    const rows = await listBlockedBy(db, me);
    const profiles = await findPublicProfiles(
      db,
      rows.map((r) => r.blocked_id),
    );
    const blocks = rows.flatMap((r) => {
      const user = profiles.get(r.blocked_id);
      return user ? [{ user, createdAt: new Date(r.created_at).toISOString() }] : [];
    });
    return c.json({ blocks }, 200);
  });

  return app;
}
