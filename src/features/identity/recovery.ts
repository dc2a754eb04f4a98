import { createHash, randomBytes } from 'node:crypto';
import { handleCommand, loadAggregate } from '../../platform/commands.ts';
import { conflict, unavailable } from '../../platform/errors.ts';
import type { EventMetadata, Role } from '../../platform/event-store/port.ts';
import type { Deps } from '../../platform/http/context.ts';
import { deleteUserSessions } from '../../platform/http/sessions.ts';
import {
  decideReleaseEmail,
  decideReserveEmail,
  emailAggregate,
  emailStream,
  normalizeEmail,
} from './email-reservation.ts';
import { hashPassword } from './passwords.ts';
import { resetMail, verificationMail, type AccountMailOptions } from './recovery-mail.ts';

export type { AccountMailOptions } from './recovery-mail.ts';
import { findUserIdByEmail, loadUser, runUserCommand } from './service.ts';
import { spentLink } from './user.decide.ts';

const HOUR = 3_600_000;
/** How long a password reset link works (docs/api.md). */
export const RESET_LINK_MS = HOUR;
/** How long an email verification link works. */
export const VERIFICATION_LINK_MS = 24 * HOUR;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A link token is `<userId>.<32 random bytes>`: the id says whose stream to read, the random part proves the
 * link came from that person's mailbox. Only its SHA-256 is stored (in the event), never the token.
 */
function newLinkToken(userId: string) {
  const token = `${userId}.${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: sha256(token) };
}

const tokenShape = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.[A-Za-z0-9_-]{43}$/i;

/** The account a link token names and the hash to compare, or a 400 for anything not shaped like one. */
function readLinkToken(token: string, kind: 'reset' | 'verification') {
  const userId = tokenShape.exec(token)?.[1];
  if (!userId) throw spentLink(kind);
  return { userId: userId.toLowerCase(), tokenHash: sha256(token) };
}

/**
 * Mails a reset link to the account with this email, if there is one; nothing otherwise. The route answers
 * 202 before this runs (docs/api.md: no account enumeration), so its duration tells a caller nothing.
 */
export async function requestPasswordReset(
  deps: Deps,
  email: string,
  metadata: EventMetadata,
  options: AccountMailOptions,
): Promise<void> {
  const userId = await findUserIdByEmail(deps, normalizeEmail(email));
  if (!userId) {
    deps.logger.info('password reset asked for an address with no account; no mail sent');
    return;
  }
  const { token, tokenHash } = newLinkToken(userId);
  const expiresAt = new Date(deps.clock().getTime() + RESET_LINK_MS);
  const { profile } = await runUserCommand(
    deps,
    userId,
    { type: 'RequestPasswordReset', tokenHash, expiresAt },
    metadata,
  );
  await deps.mail.send(resetMail(profile, token, tokenHash, deps.clock(), options));
}

/** Sets the new password from a reset link, then signs every browser of the account out. */
export async function confirmPasswordReset(
  deps: Deps,
  token: string,
  newPassword: string,
  metadata: (actor: { userId: string; role: Role }) => EventMetadata,
) {
  const { userId, tokenHash } = readLinkToken(token, 'reset');
  // Hashed first, so a token naming no account takes as long to refuse as a spent one.
  const passwordHash = await hashPassword(newPassword);
  const user = await loadUser(deps, userId);
  if (!user) throw spentLink('reset');
  const actor = { userId, role: user.profile.role };
  const outcome = await runUserCommand(
    deps,
    userId,
    { type: 'ResetPassword', tokenHash, passwordHash, now: deps.clock() },
    metadata(actor),
  );
  await deleteUserSessions(deps, userId, 'Your password was reset. Sign in with the new one.');
  return outcome;
}

/**
 * Records a verification link for `email` (the person's current address, or the new one they asked to
 * change to) and returns the email to send. A new address already taken by another account is a 409 here,
 * and again when the link is followed (someone may have taken it in between).
 */
export async function recordEmailVerification(
  deps: Deps,
  userId: string,
  email: string,
  metadata: EventMetadata,
  options: AccountMailOptions,
) {
  const address = normalizeEmail(email);
  const owner = await findUserIdByEmail(deps, address);
  if (owner && owner !== userId) throw conflict('An account with this email already exists.');
  const { token, tokenHash } = newLinkToken(userId);
  const expiresAt = new Date(deps.clock().getTime() + VERIFICATION_LINK_MS);
  const outcome = await runUserCommand(
    deps,
    userId,
    { type: 'RequestEmailVerification', email: address, tokenHash, expiresAt },
    metadata,
  );
  const to = { address, name: outcome.profile.displayName };
  const change = address !== outcome.profile.email;
  return { ...outcome, mail: verificationMail(to, change, token, tokenHash, deps.clock(), options) };
}

/** Records a verification link and mails it; a mail server that fails is a 503 (ask again). */
export async function sendEmailVerification(
  deps: Deps,
  userId: string,
  email: string,
  metadata: EventMetadata,
  options: AccountMailOptions,
) {
  const { mail, ...outcome } = await recordEmailVerification(deps, userId, email, metadata, options);
  try {
    await deps.mail.send(mail);
  } catch (err) {
    deps.logger.error({ err, userId }, 'verification email failed');
    throw unavailable('The email could not be sent just now. Try again in a moment.');
  }
  return outcome;
}

/**
 * Follows a verification link. For a new address the change spans streams: the new address is reserved
 * first (409 if another account took it meanwhile), then the person's stream records the change, then the
 * old address is released; if the person's stream refuses, the new reservation is released again.
 */
export async function verifyEmail(
  deps: Deps,
  token: string,
  metadata: (actor: { userId: string; role: Role }) => EventMetadata,
) {
  const { userId, tokenHash } = readLinkToken(token, 'verification');
  const user = await loadUser(deps, userId);
  const link = user?.verification;
  if (!user || !link || link.tokenHash !== tokenHash) throw spentLink('verification');
  const meta = metadata({ userId, role: user.profile.role });
  const command = { type: 'VerifyEmail', tokenHash, now: deps.clock() } as const;
  if (link.email === user.profile.email) return runUserCommand(deps, userId, command, meta);

  const reserve = (s: Parameters<typeof decideReserveEmail>[0]) => decideReserveEmail(s, userId, link.email);
  const { state } = await loadAggregate(deps.store, emailStream(deps.keys, link.email), emailAggregate);
  const alreadyMine = state.status === 'reserved' && state.userId === userId;
  if (!alreadyMine)
    await handleCommand(deps.store, emailStream(deps.keys, link.email), emailAggregate, reserve, meta);
  let outcome;
  try {
    outcome = await runUserCommand(deps, userId, command, meta);
  } catch (error) {
    if (!alreadyMine) await release(deps, link.email, userId, meta);
    throw error;
  }
  await release(deps, user.profile.email, userId, meta);
  return outcome;
}

async function release(deps: Deps, email: string, userId: string, metadata: EventMetadata) {
  await handleCommand(
    deps.store,
    emailStream(deps.keys, email),
    emailAggregate,
    (s) => decideReleaseEmail(s, userId),
    metadata,
  ).catch((err: unknown) => deps.logger.error({ err, userId }, 'could not release an email reservation'));
}
