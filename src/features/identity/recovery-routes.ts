import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { forbidden, invalid } from '../../platform/errors.ts';
import { command, publicCommand } from '../../platform/http/command-route.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { eventMetadata } from '../../platform/http/context.ts';
import { jsonBody, jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import type { RateLimit } from '../../platform/http/rate-limit.ts';
import { normalizeEmail } from './email-reservation.ts';
import { verifyPassword } from './passwords.ts';
import {
  confirmPasswordReset,
  requestPasswordReset,
  sendEmailVerification,
  verifyEmail,
  type AccountMailOptions,
} from './recovery.ts';
import {
  ChangeEmailBody,
  EmailSent,
  PasswordResetBody,
  PasswordResetConfirmBody,
  VerifyEmailBody,
} from './schemas.ts';
import { loadUser } from './service.ts';

const tags = ['identity'];

const resetPassword = createRoute({
  method: 'post',
  path: '/api/auth/password-reset',
  tags,
  description:
    'Mails a single-use link valid for one hour to the account with this email. The same 202 whether or ' +
    'not such an account exists; too many requests from one network are a 429.',
  request: { body: jsonBody(PasswordResetBody) },
  responses: { 202: { description: 'Accepted' }, ...problems(400, 415, 422, 429) },
});
const confirmReset = createRoute({
  method: 'post',
  path: '/api/auth/password-reset/confirm',
  tags,
  request: { body: jsonBody(PasswordResetConfirmBody) },
  responses: {
    204: { description: 'The new password holds; every sign-in of the account is signed out' },
    ...problems(400, 409, 415, 422),
  },
});
const verify = createRoute({
  method: 'post',
  path: '/api/auth/verify-email',
  tags,
  description: 'Follows a verification link: verifies the current address, or completes an email change.',
  request: { body: jsonBody(VerifyEmailBody) },
  responses: { 204: { description: 'Verified' }, ...problems(400, 409, 415, 422) },
});
const resendVerification = createRoute({
  method: 'post',
  path: '/api/me/email/verification',
  tags,
  description: 'Mails a new verification link: to the pending new address if there is one, else the current.',
  responses: { 202: jsonResponse(EmailSent, 'Mailed'), ...problems(401, 403, 409, 429, 503) },
});
const changeEmail = createRoute({
  method: 'post',
  path: '/api/me/email',
  tags,
  description: 'Mails a link to the new address; the change takes effect when it is followed.',
  request: { body: jsonBody(ChangeEmailBody) },
  responses: { 202: jsonResponse(EmailSent, 'Mailed'), ...problems(400, 401, 403, 409, 415, 422, 429, 503) },
});

/** Limits on account emails, made by the composition root from configuration. */
export interface RecoveryLimits {
  /** Reset emails per address: over it the answer stays 202 and no email goes out (no enumeration). */
  resetsPerAddress: RateLimit;
  /** Reset requests per network: over it, 429. */
  resetsPerNetwork: RateLimit;
  /** Verification emails (resends and email changes) per person. */
  verificationsPerPerson: RateLimit;
}

/** Password reset, email verification and email change (docs/api.md, "Account recovery and email"). */
export function recoveryRoutes(limits: RecoveryLimits, mail: AccountMailOptions) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(resetPassword, async (c) => {
    const deps = c.get('deps');
    const address = normalizeEmail(c.req.valid('json').email);
    await limits.resetsPerNetwork.consume(c.get('ip') ?? 'unknown');
    const perAddress = await limits.resetsPerAddress.attempt(address);
    if (!perAddress.ok) {
      deps.logger.warn('password reset: too many for one address; answered 202, sent nothing');
      return c.body(null, 202);
    }
    // Answered before the account is even looked up, so known and unknown emails take the same time.
    const metadata = eventMetadata(c, null);
    void requestPasswordReset(deps, address, metadata, mail).catch((err: unknown) =>
      deps.logger.error({ err }, 'password reset email failed'),
    );
    return c.body(null, 202);
  });

  app.openapi(confirmReset, (c) => {
    const { token, newPassword } = c.req.valid('json');
    return publicCommand(
      c,
      ({ deps, metadata }) => confirmPasswordReset(deps, token, newPassword, metadata),
      () => c.body(null, 204),
    );
  });

  app.openapi(verify, (c) => {
    const { token } = c.req.valid('json');
    return publicCommand(
      c,
      ({ deps, metadata }) => verifyEmail(deps, token, metadata),
      () => c.body(null, 204),
    );
  });

  app.openapi(resendVerification, (c) =>
    command(
      c,
      async ({ me, deps, metadata }) => {
        const user = await loadUser(deps, me.userId);
        if (!user) throw forbidden('No such account.');
        await limits.verificationsPerPerson.consume(me.userId);
        const to = user.profile.pendingEmail ?? user.profile.email;
        return sendEmailVerification(deps, me.userId, to, metadata, mail);
      },
      ({ profile }) => c.json({ email: profile.pendingEmail ?? profile.email }, 202),
    ),
  );

  app.openapi(changeEmail, (c) => {
    const { email, password } = c.req.valid('json');
    return command(
      c,
      async ({ me, deps, metadata }) => {
        const user = await loadUser(deps, me.userId);
        if (!user || !(await verifyPassword(user.passwordHash, password)))
          throw forbidden('Your password is not correct.');
        const address = normalizeEmail(email);
        if (address === user.profile.email)
          throw invalid('This is already your email address.', [
            { path: 'email', message: 'This is already your email address.' },
          ]);
        await limits.verificationsPerPerson.consume(me.userId);
        return sendEmailVerification(deps, me.userId, address, metadata, mail);
      },
      () => c.json({ email: normalizeEmail(email) }, 202),
    );
  });

  return app;
}
