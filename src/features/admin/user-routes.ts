import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { findAccounts } from '../../../projections/admin-users.ts';
import { atLeast, requireUser } from '../../platform/http/auth.ts';
import { command, type CommandContext } from '../../platform/http/command-route.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { jsonBody, jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.ts';
import { adminUserDetail, adminUserViews, changeRole, editProfile, suspend, unsuspend } from './accounts.ts';
import {
  AdminProfilePatch,
  AdminUserDetail,
  AdminUserList,
  AdminUserQuery,
  RoleBody,
  SuspendBody,
  UserIdParam,
} from './schemas.ts';

const tags = ['admin'];
const detail = (description: string) => jsonResponse(AdminUserDetail, description);
const writeProblems = problems(400, 401, 403, 404, 409, 415, 422);

export const listUsers = createRoute({
  method: 'get',
  path: '/api/admin/users',
  tags,
  description: 'Accounts, newest first; `q` searches name and email (admin).',
  request: { query: AdminUserQuery },
  responses: { 200: jsonResponse(AdminUserList, 'A page of accounts'), ...problems(401, 403, 422) },
});
export const getUser = createRoute({
  method: 'get',
  path: '/api/admin/users/{id}',
  tags,
  request: { params: UserIdParam },
  responses: { 200: detail('The account with counts'), ...problems(401, 403, 404, 422) },
});
export const patchUser = createRoute({
  method: 'patch',
  path: '/api/admin/users/{id}',
  tags,
  request: { params: UserIdParam, body: jsonBody(AdminProfilePatch) },
  responses: { 200: detail('The edited account'), ...writeProblems },
});
export const suspendUser = createRoute({
  method: 'post',
  path: '/api/admin/users/{id}/suspend',
  tags,
  description: 'Moderator and above; only people whose role is below yours.',
  request: { params: UserIdParam, body: jsonBody(SuspendBody) },
  responses: { 200: detail('The suspended account'), ...writeProblems },
});
export const unsuspendUser = createRoute({
  method: 'post',
  path: '/api/admin/users/{id}/unsuspend',
  tags,
  request: { params: UserIdParam },
  responses: { 200: detail('The account, active again'), ...writeProblems },
});
export const setRole = createRoute({
  method: 'put',
  path: '/api/admin/users/{id}/role',
  tags,
  description: 'Admins grant user and moderator; only a super admin grants or takes admin and super_admin.',
  request: { params: UserIdParam, body: jsonBody(RoleBody) },
  responses: { 200: detail('The account with its new role'), ...writeProblems },
});

/** A write's outcome with the account as it is after it (the read model waits for the write). */
async function withView(ctx: CommandContext, id: string, write: Promise<{ position: number | null }>) {
  const { position } = await write;
  return { position, view: await adminUserDetail(ctx.deps, id, position) };
}

const AccountCursor = z.object({ createdAt: z.string().datetime(), id: z.string().uuid() });

/** Accounts for staff (docs/api.md, "Administration"): find, view, edit, suspend, change role. */
export function adminUserRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(listUsers, async (c) => {
    requireUser(c, ...atLeast('admin'));
    const deps = c.get('deps');
    const { cursor, limit, ...filter } = c.req.valid('query');
    const after = cursor === undefined ? undefined : decodeCursor(cursor, AccountCursor);
    const rows = await findAccounts(deps.db, { ...filter, after, limit: limit + 1, now: deps.clock() });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor({ createdAt: new Date(last.created_at).toISOString(), id: last.id })
        : null;
    return c.json({ users: await adminUserViews(deps, page), nextCursor }, 200);
  });

  app.openapi(getUser, async (c) => {
    requireUser(c, ...atLeast('admin'));
    return c.json(await adminUserDetail(c.get('deps'), c.req.valid('param').id), 200);
  });

  app.openapi(patchUser, (c) => {
    const { id } = c.req.valid('param');
    return command(
      c,
      (ctx) => withView(ctx, id, editProfile(ctx, id, c.req.valid('json'))),
      ({ view }) => c.json(view, 200),
      { roles: atLeast('admin') },
    );
  });

  app.openapi(suspendUser, (c) => {
    const { id } = c.req.valid('param');
    return command(
      c,
      (ctx) => withView(ctx, id, suspend(ctx, id, c.req.valid('json'))),
      ({ view }) => c.json(view, 200),
      { roles: atLeast('moderator') },
    );
  });

  app.openapi(unsuspendUser, (c) => {
    const { id } = c.req.valid('param');
    return command(
      c,
      (ctx) => withView(ctx, id, unsuspend(ctx, id)),
      ({ view }) => c.json(view, 200),
      { roles: atLeast('moderator') },
    );
  });

  app.openapi(setRole, (c) => {
    const { id } = c.req.valid('param');
    return command(
      c,
      (ctx) => withView(ctx, id, changeRole(ctx, id, c.req.valid('json').role)),
      ({ view }) => c.json(view, 200),
      { roles: atLeast('admin') },
    );
  });

  return app;
}
