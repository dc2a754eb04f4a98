import { z } from '@hono/zod-openapi';
import { text } from '../../platform/http/text.ts';
import { levels, roles } from './events.ts';

// Text from people: trimmed, and free of NUL and other control characters that Postgres or a terminal
// would choke on (tabs and newlines are fine in longer text).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const noControl = (s: string) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s);
const line = (max: number, what: string) =>
  text(what)
    .trim()
    .min(1, `${what} must not be empty.`)
    .max(max, `${what} must be at most ${max} characters.`)
    .refine((s) => noControl(s) && !/[\r\n\t]/.test(s), `${what} must be a single line of plain text.`);

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const Email = text('Email')
  .trim()
  .max(254)
  .email('Enter a valid email address.')
  .openapi({ example: 'ana@example.com' });
export const Password = text('Password')
  .min(10, 'Password must be at least 10 characters.')
  .max(1024, 'Password must be at most 1,024 characters.');
export const DisplayName = line(80, 'Display name');
export const Level = z.enum(levels);

export const Skill = z.object({ name: z.string(), level: Level }).openapi('Skill');
export const SkillInput = z
  .object({ name: line(60, 'Skill name'), level: Level.optional() })
  .openapi('SkillInput');

export const Me = z
  .object({
    id: z.string().uuid(),
    email: z.string(),
    displayName: z.string(),
    bio: z.string(),
    avatarUrl: z.string().nullable(),
    languages: z.array(z.string()),
    timezone: z.string().nullable(),
    teach: z.array(Skill),
    learn: z.array(Skill),
    role: z.enum(roles),
    createdAt: z.string(),
    emailVerified: z.boolean().describe('The person followed the link mailed to their current address'),
    pendingEmail: z
      .string()
      .nullable()
      .describe('A new address waiting for its verification link; it replaces `email` once followed'),
    status: z
      .enum(['active', 'suspended'])
      .describe('Suspended: only reading this, sign-out and an appeal work'),
    suspension: z
      .object({ reason: z.string(), until: z.string().nullable() })
      .nullable()
      .describe('Why and until when (null: until lifted) the account is suspended'),
  })
  .openapi('Me');

export const Badge = z
  .object({ id: z.string(), name: z.string(), description: z.string(), earnedAt: z.string() })
  .openapi('Badge');

export const Reputation = z
  .object({
    rating: z
      .number()
      .nullable()
      .describe('Bayesian average: few reviews are pulled toward the platform mean; null with none'),
    reviews: z.number().int(),
    averageRating: z.number().nullable().describe('The plain mean of the ratings; null with none'),
    sessionsHosted: z.number().int().describe('Ended, uncancelled sessions with at least one attendee'),
    studentsTaught: z.number().int().describe('Distinct attendees of those sessions'),
    badges: z.array(Badge),
  })
  .openapi('Reputation');

export const PublicProfile = Me.pick({
  id: true,
  displayName: true,
  bio: true,
  avatarUrl: true,
  languages: true,
  timezone: true,
  teach: true,
  learn: true,
})
  .extend({ reputation: Reputation })
  .openapi('PublicProfile');

export const RegisterBody = z
  .object({ email: Email, password: Password, displayName: DisplayName })
  .openapi('RegisterBody');
export const LoginBody = z
  .object({ email: Email, password: text('Password').min(1, 'Enter your password.').max(1024) })
  .openapi('LoginBody');
export const ChangePasswordBody = z
  .object({
    currentPassword: text('Current password').min(1, 'Enter your current password.').max(1024),
    newPassword: Password,
  })
  .openapi('ChangePasswordBody');

export const ProfilePatch = z
  .object({
    displayName: DisplayName.optional(),
    bio: text('Bio')
      .max(2000, 'Bio must be at most 2,000 characters.')
      .refine(noControl, 'Bio must be plain text.')
      .transform((s) => s.trim())
      .optional(),
    languages: z.array(line(40, 'Language')).max(20, 'List at most 20 languages.').optional(),
    timezone: text('Time zone')
      .max(64)
      .refine(isTimeZone, 'Time zone must be an IANA name such as Europe/Madrid.')
      .nullable()
      .optional(),
  })
  .strict()
  .openapi('ProfilePatch');

export const SkillsBody = z
  .object({
    teach: z.array(SkillInput).max(30, 'List at most 30 skills to teach.'),
    learn: z.array(SkillInput).max(30, 'List at most 30 skills to learn.'),
  })
  .openapi('SkillsBody');

// Account recovery and email (docs/api.md, "Account recovery and email").
const LinkToken = text('Token').min(1, 'The link has no token.').max(300, 'This link is not valid.');
export const PasswordResetBody = z.object({ email: Email }).openapi('PasswordResetBody');
export const PasswordResetConfirmBody = z
  .object({ token: LinkToken, newPassword: Password })
  .openapi('PasswordResetConfirmBody');
export const VerifyEmailBody = z.object({ token: LinkToken }).openapi('VerifyEmailBody');
export const ChangeEmailBody = z
  .object({ email: Email, password: text('Password').min(1, 'Enter your password.').max(1024) })
  .openapi('ChangeEmailBody');
export const EmailSent = z
  .object({ email: z.string().describe('Where the verification link went') })
  .openapi('EmailSent');
