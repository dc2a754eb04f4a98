import type { MailMessage } from '../../platform/mail/mailer.ts';
import type { Profile } from './user.ts';

/** Where links in account emails point: the web app's public address. */
export interface AccountMailOptions {
  publicUrl: string;
}

/** Account emails carry a secret link: their id (file name, Message-ID) derives from its hash, never the token. */
const mailId = (kind: string, tokenHash: string) => `account-${kind}-${tokenHash.slice(0, 32)}`;

const footer = ['', '-- ', 'SkillSwap. You get this email because of an action on your account.', ''];

/** The password reset email: a single-use link valid for one hour. */
export function resetMail(
  profile: Pick<Profile, 'email' | 'displayName'>,
  token: string,
  tokenHash: string,
  now: Date,
  options: AccountMailOptions,
): MailMessage {
  const link = `${options.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
  return {
    id: mailId('reset', tokenHash),
    to: { address: profile.email, name: profile.displayName },
    subject: 'Reset your SkillSwap password',
    text: [
      `Hello ${profile.displayName},`,
      '',
      'Someone asked to reset the password of your SkillSwap account. To choose a new password, open:',
      '',
      link,
      '',
      'The link works once, for one hour. Afterwards every browser signed in to your account is signed out.',
      'If you did not ask for this, ignore this email: your password stays as it is.',
      ...footer,
    ].join('\n'),
    date: now,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

/** The email verification email, to the current address or to a new one the person is changing to. */
export function verificationMail(
  to: { address: string; name: string },
  change: boolean,
  token: string,
  tokenHash: string,
  now: Date,
  options: AccountMailOptions,
): MailMessage {
  const link = `${options.publicUrl}/verify-email?token=${encodeURIComponent(token)}`;
  return {
    id: mailId('verify', tokenHash),
    to,
    subject: change ? 'Confirm your new SkillSwap email address' : 'Verify your SkillSwap email address',
    text: [
      `Hello ${to.name},`,
      '',
      change
        ? 'You asked to use this address for your SkillSwap account. To confirm the change, open:'
        : 'Welcome to SkillSwap! To verify your email address, open:',
      '',
      link,
      '',
      'The link works for 24 hours.',
      change
        ? 'Until you open it, your account keeps its current address. If you did not ask for this, ignore this email.'
        : 'You can use SkillSwap meanwhile; hosting sessions may need a verified address.',
      ...footer,
    ].join('\n'),
    date: now,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}
