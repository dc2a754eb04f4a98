import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { forbidden, notFound } from '../../platform/errors.ts';
import { atLeast, clearSessionCookies, requireUser } from '../../platform/http/auth.ts';
import { command } from '../../platform/http/command-route.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { jsonBody, jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import { text } from '../../platform/http/text.ts';
import { eraseAccount, eraseMyAccount } from './erase.ts';

const UserIdParam = z.object({ id: z.string().uuid('User ids are UUIDs.') });
const EraseMeBody = z
  .object({ password: text('Password').min(1, 'Enter your current password.').max(1024) })
  .strict()
  .openapi('EraseMe');
const ErasureReceipt = z
  .object({
    userId: z.string(),
    erasedAt: z.string(),
    erasedBy: z.string(),
    streamsTouched: z.array(z.string()),
    keyDestroyed: z.boolean(),
    projectionsUpdated: z.array(z.string()),
    signInsEnded: z.boolean(),
    sessionsCancelled: z.array(z.string()),
    groupsLeft: z.array(z.string()),
    position: z.number().nullable(),
  })
  .openapi('ErasureReceipt');

const writeProblems = problems(400, 401, 403, 404, 409, 415, 422);

export const eraseMe = createRoute({
  method: 'delete',
  path: '/api/me',
  tags: ['privacy'],
  description:
    'Deletes my account for good (crypto-shredding): my email, name, bio, avatar, languages and skills ' +
    'become unrecoverable in the read models and the event log; my messages stay, from "Deleted user". ' +
    'Signs out every browser; my email can register again.',
  request: { body: jsonBody(EraseMeBody) },
  responses: { 204: { description: 'Erased and signed out' }, ...writeProblems },
});
export const eraseUserRoute = createRoute({
  method: 'delete',
  path: '/api/admin/users/{id}',
  tags: ['admin'],
  description:
    'Erases an account (admin; only people whose role is below yours). The erasure receipt is at ' +
    '`GET /api/admin/erasures/{id}` (the `Location` header).',
  request: { params: UserIdParam },
  responses: { 204: { description: 'Erased' }, ...writeProblems },
});
export const getErasure = createRoute({
  method: 'get',
  path: '/api/admin/erasures/{id}',
  tags: ['admin'],
  description: 'The receipt of an erasure (admin): streams touched, key destroyed, read models updated.',
  request: { params: UserIdParam },
  responses: { 200: jsonResponse(ErasureReceipt, 'The receipt'), ...problems(401, 403, 404, 422) },
});

/** Deleting accounts (docs/api.md, "Administration"; docs/operations.md, "Erasure"). */
export function erasureRoutes(options: { erasureList: string }) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(eraseMe, (c) =>
    command(
      c,
      ({ me, deps, metadata }) =>
        eraseMyAccount(deps, me, c.req.valid('json').password, metadata, options.erasureList),
      () => {
        clearSessionCookies(c);
        return c.body(null, 204);
      },
    ),
  );
  app.openapi(eraseUserRoute, (c) => {
    const { id } = c.req.valid('param');
    return command(
      c,
      ({ me, deps, metadata }) => {
        // Your own account goes through DELETE /api/me, with your password.
        if (id === me.userId)
          throw forbidden('To delete your own account, use “Delete my account” on your profile.');
        return eraseAccount(deps, id, me, metadata, options.erasureList);
      },
      () => {
        c.header('location', `/api/admin/erasures/${id}`);
        return c.body(null, 204);
      },
      { roles: atLeast('admin') },
    );
  });
  app.openapi(getErasure, async (c) => {
    requireUser(c, ...atLeast('admin'));
    const row = await c
      .get('deps')
      .db.selectFrom('erasures')
      .select('receipt')
      .where('user_id', '=', c.req.valid('param').id)
      .executeTakeFirst();
    if (!row) throw notFound('No erasure of this account is recorded.');
    return c.json(ErasureReceipt.parse(row.receipt), 200);
  });
  return app;
}
