import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { forbidden, unauthorized } from '../../platform/errors.ts';
import { clearSessionCookies, requireSignedIn, setSessionCookies } from '../../platform/http/auth.ts';
import { command, publicCommand } from '../../platform/http/command-route.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { jsonBody, jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import type { RateLimit } from '../../platform/http/rate-limit.ts';
import { createSession, deleteOtherSessions, deleteSession } from '../../platform/http/sessions.ts';
import { normalizeEmail } from './email-reservation.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { ChangePasswordBody, LoginBody, Me, RegisterBody } from './schemas.ts';
import { recordEmailVerification, type AccountMailOptions } from './recovery.ts';
import {
  authenticate,
  loadUser,
  meView,
  registerUser,
  runUserCommand,
  type CommandOutcome,
} from './service.ts';

const tags = ['identity'];
const UserEnvelope = z.object({ user: Me });

const register = createRoute({
  method: 'post',
  path: '/api/auth/register',
  tags,
  request: { body: jsonBody(RegisterBody) },
  responses: {
    201: jsonResponse(UserEnvelope, 'Registered and signed in'),
    ...problems(400, 409, 415, 422, 429),
  },
});
const login = createRoute({
  method: 'post',
  path: '/api/auth/login',
  tags,
  request: { body: jsonBody(LoginBody) },
  responses: { 200: jsonResponse(UserEnvelope, 'Signed in'), ...problems(400, 401, 403, 409, 415, 422, 429) },
});
const logout = createRoute({
  method: 'post',
  path: '/api/auth/logout',
  tags,
  responses: { 204: { description: 'Signed out (also when already signed out)' }, ...problems(409) },
});
const changePassword = createRoute({
  method: 'post',
  path: '/api/me/password',
  tags,
  request: { body: jsonBody(ChangePasswordBody) },
  responses: {
    204: { description: 'Changed; other sessions are signed out' },
    ...problems(400, 401, 403, 409, 415, 422, 429),
  },
});
const getMe = createRoute({
  method: 'get',
  path: '/api/me',
  tags,
  responses: { 200: jsonResponse(Me, 'The signed-in user'), ...problems(401, 403) },
});

/** The limits on signing up and in, made by the composition root from configuration. */
export interface AuthLimits {
  /** Attempts per network and email (and password changes per network and person). */
  signIn: RateLimit;
  /** Failed sign-ins per network, whatever the email: one network spraying a password over many accounts. */
  failedSignInsPerNetwork: RateLimit;
  /** Failed sign-ins per email, whatever the network: guessing one account's password from many places. */
  failedSignInsPerAccount: RateLimit;
  signUp: RateLimit;
}

/** Sign-up, sign-in, sign-out, password change and one's own account (docs/api.md, "Identity and profile"). */
export function authRoutes(limits: AuthLimits, mail: AccountMailOptions) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { signIn: loginLimit, signUp: registerLimit } = limits;

  app.openapi(register, (c) =>
    publicCommand(
      c,
      async ({ deps, metadata }) => {
        await registerLimit.consume(c.get('ip') ?? 'unknown');
        const registered = await registerUser(deps, c.req.valid('json'), metadata(null));
        const { id, email, role } = registered.profile;
        const verification = await recordEmailVerification(
          deps,
          id,
          email,
          metadata({ userId: id, role }),
          mail,
        );
        // Mailed beside the answer: a slow or failing mail server never fails a sign-up, and the person can
        // ask for another link (POST /api/me/email/verification).
        void deps.mail
          .send(verification.mail)
          .catch((err: unknown) => deps.logger.warn({ err, userId: id }, 'no verification email at sign-up'));
        return startSession(c, verification);
      },
      ({ me, session }) => {
        setSessionCookies(c, session);
        return c.json({ user: me }, 201);
      },
    ),
  );

  app.openapi(login, (c) => {
    const { email, password } = c.req.valid('json');
    return publicCommand(
      c,
      async ({ deps, metadata }) => {
        const ip = c.get('ip') ?? 'unknown';
        const account = normalizeEmail(email);
        await loginLimit.consume(`${ip}|${account}`);
        // Failures only: a person signing in correctly is never locked out by someone else's guessing.
        await limits.failedSignInsPerNetwork.check(ip);
        await limits.failedSignInsPerAccount.check(account);
        const user = await authenticate(deps, account, password);
        if (!user) {
          await Promise.all([
            limits.failedSignInsPerNetwork.attempt(ip),
            limits.failedSignInsPerAccount.attempt(account),
          ]);
          throw unauthorized('Wrong email or password.');
        }
        const actor = { userId: user.profile.id, role: user.profile.role };
        return startSession(
          c,
          await runUserCommand(deps, actor.userId, { type: 'RecordLogin' }, metadata(actor)),
        );
      },
      ({ me, session }) => {
        setSessionCookies(c, session);
        // A suspended person signs in too, into the restricted state `me.status` and `me.suspension` tell.
        return c.json({ user: me }, 200);
      },
    );
  });

  app.openapi(logout, (c) =>
    publicCommand(
      c,
      async ({ me, deps, metadata }) => {
        if (!me) return { position: null };
        await deleteSession(deps, me.sessionId);
        return runUserCommand(deps, me.userId, { type: 'RecordLogout' }, metadata());
      },
      () => {
        clearSessionCookies(c);
        return c.body(null, 204);
      },
    ),
  );

  app.openapi(changePassword, (c) => {
    const { currentPassword, newPassword } = c.req.valid('json');
    return command(
      c,
      async ({ me, deps, metadata }) => {
        await loginLimit.consume(`${c.get('ip') ?? 'unknown'}|password|${me.userId}`);
        const user = await loadUser(deps, me.userId);
        if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
          throw forbidden('Your current password is not correct.');
        }
        const passwordHash = await hashPassword(newPassword);
        const changed = await runUserCommand(
          deps,
          me.userId,
          { type: 'ChangePassword', passwordHash },
          metadata,
        );
        await deleteOtherSessions(deps, me.userId, me.sessionId);
        return changed;
      },
      () => c.body(null, 204),
    );
  });

  app.openapi(getMe, async (c) => {
    // Open to a suspended person: this is where they read why and until when.
    const session = requireSignedIn(c);
    // Read from the event stream, not a read model: one's own account is always current.
    const deps = c.get('deps');
    const user = await loadUser(deps, session.userId);
    if (!user) throw unauthorized();
    return c.json(meView(user, deps.clock()), 200);
  });

  return app;
}

/** A new session for the user a sign-up or sign-in just wrote, valid from that write on. */
async function startSession(c: Context<AppEnv>, { profile, me, position }: CommandOutcome) {
  const session = await createSession(c.get('deps'), profile.id, position ?? 0, {
    ip: c.get('ip'),
    userAgent: c.req.header('user-agent'),
  });
  return { profile, me, position, session };
}
