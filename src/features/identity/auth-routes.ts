import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { forbidden, unauthorized } from '../../platform/errors.ts';
import { clearSessionCookies, requireUser, setSessionCookies } from '../../platform/http/auth.ts';
import { eventMetadata, type AppEnv } from '../../platform/http/context.ts';
import { wrotePosition } from '../../platform/http/consistency.ts';
import { jsonBody, jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import { RateLimit } from '../../platform/http/rate-limit.ts';
import { createSession, deleteOtherSessions, deleteSession } from '../../platform/http/sessions.ts';
import { normalizeEmail } from './email-reservation.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { ChangePasswordBody, LoginBody, Me, RegisterBody } from './schemas.ts';
import { authenticate, loadUser, registerUser, runUserCommand } from './service.ts';

const UserEnvelope = z.object({ user: Me });

export function authRoutes(limits: { loginPerMinute: number; registerPerHour: number }) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const loginLimit = new RateLimit(limits.loginPerMinute, 60, 'sign-in attempts');
  const registerLimit = new RateLimit(limits.registerPerHour, 3600, 'sign-ups from your network');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/register',
      tags: ['identity'],
      request: { body: jsonBody(RegisterBody) },
      responses: {
        201: jsonResponse(UserEnvelope, 'Registered and signed in'),
        ...problems(400, 409, 415, 422, 429),
      },
    }),
    async (c) => {
      await registerLimit.consume(c.get('ip') ?? 'unknown');
      const body = c.req.valid('json');
      const { profile, position } = await registerUser(c.get('deps'), body, eventMetadata(c, null));
      const session = await createSession(c.get('deps'), profile.id, position ?? 0, {
        ip: c.get('ip'),
        userAgent: c.req.header('user-agent'),
      });
      setSessionCookies(c, session);
      wrotePosition(c, position);
      return c.json({ user: profile }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/login',
      tags: ['identity'],
      request: { body: jsonBody(LoginBody) },
      responses: { 200: jsonResponse(UserEnvelope, 'Signed in'), ...problems(400, 401, 403, 415, 422, 429) },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      await loginLimit.consume(`${c.get('ip') ?? 'unknown'}|${normalizeEmail(email)}`);
      const deps = c.get('deps');
      const user = await authenticate(deps, normalizeEmail(email), password);
      if (!user) throw unauthorized('Wrong email or password.');
      const actor = { userId: user.profile.id, role: user.profile.role };
      const { profile, position } = await runUserCommand(
        deps,
        actor.userId,
        { type: 'RecordLogin' },
        eventMetadata(c, actor),
      );
      const session = await createSession(deps, profile.id, position ?? 0, {
        ip: c.get('ip'),
        userAgent: c.req.header('user-agent'),
      });
      setSessionCookies(c, session);
      wrotePosition(c, position);
      return c.json({ user: profile }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/logout',
      tags: ['identity'],
      responses: { 204: { description: 'Signed out (also when already signed out)' } },
    }),
    async (c) => {
      const user = c.get('user');
      if (user) {
        await deleteSession(c.get('deps'), user.sessionId);
        const { position } = await runUserCommand(
          c.get('deps'),
          user.userId,
          { type: 'RecordLogout' },
          eventMetadata(c),
        );
        wrotePosition(c, position);
      }
      clearSessionCookies(c);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/me/password',
      tags: ['identity'],
      request: { body: jsonBody(ChangePasswordBody) },
      responses: {
        204: { description: 'Changed; other sessions are signed out' },
        ...problems(400, 401, 403, 415, 422, 429),
      },
    }),
    async (c) => {
      const session = requireUser(c);
      const deps = c.get('deps');
      const { currentPassword, newPassword } = c.req.valid('json');
      await loginLimit.consume(`${c.get('ip') ?? 'unknown'}|password|${session.userId}`);
      const user = await loadUser(deps, session.userId);
      if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
        throw forbidden('Your current password is not correct.');
      }
      const passwordHash = await hashPassword(newPassword);
      const { position } = await runUserCommand(
        deps,
        session.userId,
        { type: 'ChangePassword', passwordHash },
        eventMetadata(c),
      );
      await deleteOtherSessions(deps, session.userId, session.sessionId);
      wrotePosition(c, position);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/me',
      tags: ['identity'],
      responses: { 200: jsonResponse(Me, 'The signed-in user'), ...problems(401, 403) },
    }),
    async (c) => {
      const session = requireUser(c);
      // Read from the event stream, not a read model: one's own account is always current.
      const user = await loadUser(c.get('deps'), session.userId);
      if (!user) throw unauthorized();
      return c.json(user.profile, 200);
    },
  );

  return app;
}
