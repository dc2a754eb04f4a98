import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { notFound } from '../../platform/errors.ts';
import { requireSignedIn } from '../../platform/http/auth.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import { endSignIn, listSignIns } from '../../platform/http/sessions.ts';

const tags = ['identity'];

const SignIn = z
  .object({
    id: z.uuid(),
    userAgent: z.string().nullable().openapi({ description: 'The browser as it named itself' }),
    ip: z.string().nullable(),
    createdAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime().openapi({ description: 'Refreshed at most once an hour' }),
    current: z.boolean().openapi({ description: 'The browser asking' }),
  })
  .openapi('SignIn');
const SignInList = z.object({ signIns: z.array(SignIn) }).openapi('SignInList');

const listMySignIns = createRoute({
  method: 'get',
  path: '/api/me/sign-ins',
  tags,
  description: 'The browsers signed in to your account, most recently seen first.',
  responses: { 200: jsonResponse(SignInList, 'Your sign-ins'), ...problems(401, 403) },
});
const endMySignIn = createRoute({
  method: 'delete',
  path: '/api/me/sign-ins/{id}',
  tags,
  description: 'Signs that browser out; its open sockets close in every app process.',
  request: { params: z.object({ id: z.uuid('Sign-in ids are UUIDs.') }) },
  responses: { 204: { description: 'Signed out' }, ...problems(401, 403, 404, 422) },
});

/** One's signed-in browsers, and signing one of them out (docs/api.md, "Notifications and settings"). */
export function signInRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(listMySignIns, async (c) => {
    const me = requireSignedIn(c);
    const signIns = await listSignIns(c.get('deps'), me.userId, me.sessionId);
    return c.json(
      {
        signIns: signIns.map((s) => ({
          ...s,
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt.toISOString(),
        })),
      },
      200,
    );
  });

  app.openapi(endMySignIn, async (c) => {
    const me = requireSignedIn(c);
    if (!(await endSignIn(c.get('deps'), me.userId, c.req.valid('param').id))) {
      throw notFound('You have no sign-in with this id; it may have ended already.');
    }
    return c.body(null, 204);
  });

  return app;
}
