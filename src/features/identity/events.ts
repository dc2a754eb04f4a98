/**
 * The identity feature's published contract: its events and the meaning of their data (levels, roles,
 * how skill names compare). Projections and other features read these; everything else goes through index.ts.
 */
import { z } from 'zod';
import {
  defineEvent,
  EventRegistry,
  type EventOf,
  type Recorded,
} from '../../platform/event-store/events.ts';
import type { Role } from '../../platform/event-store/port.ts';
import type { PersonalFields } from '../../platform/personal-data/codec.ts';

export const levels = ['beginner', 'intermediate', 'advanced', 'expert'] as const;
export type Level = (typeof levels)[number];
export const roles = ['user', 'moderator', 'admin', 'super_admin'] as const satisfies readonly Role[];

const skill = z.object({ name: z.string(), level: z.enum(levels) });
export type Skill = z.infer<typeof skill>;

export const UserRegistered = defineEvent({
  type: 'UserRegistered',
  version: 1,
  schema: z.object({
    userId: z.string(),
    email: z.string(),
    displayName: z.string(),
    passwordHash: z.string(),
    role: z.enum(roles),
  }),
});
export const UserLoggedIn = defineEvent({
  type: 'UserLoggedIn',
  version: 1,
  schema: z.object({ userId: z.string() }),
});
export const UserLoggedOut = defineEvent({
  type: 'UserLoggedOut',
  version: 1,
  schema: z.object({ userId: z.string() }),
});
export const PasswordChanged = defineEvent({
  type: 'PasswordChanged',
  version: 1,
  schema: z.object({ userId: z.string(), passwordHash: z.string() }),
});
export const UserRoleChanged = defineEvent({
  type: 'UserRoleChanged',
  version: 1,
  schema: z.object({ userId: z.string(), role: z.enum(roles) }),
});
export const ProfileUpdated = defineEvent({
  type: 'ProfileUpdated',
  version: 1,
  schema: z.object({
    userId: z.string(),
    displayName: z.string().optional(),
    bio: z.string().optional(),
    languages: z.array(z.string()).optional(),
    timezone: z.string().nullable().optional(),
  }),
});
export const SkillsChanged = defineEvent({
  type: 'SkillsChanged',
  version: 1,
  schema: z.object({ userId: z.string(), teach: z.array(skill), learn: z.array(skill) }),
});
export const AvatarChanged = defineEvent({
  type: 'AvatarChanged',
  version: 1,
  schema: z.object({ userId: z.string(), avatarUrl: z.string(), contentType: z.string(), bytes: z.number() }),
});
/**
 * Staff suspended the person (docs/api.md, "Administration"): every request but a few answers 403 with the
 * reason until `until` (null: until lifted). A later suspension replaces an earlier one. `suspensionId`
 * names this suspension (one appeal per suspension).
 */
export const UserSuspended = defineEvent({
  type: 'UserSuspended',
  version: 1,
  schema: z.object({
    userId: z.string(),
    suspensionId: z.string(),
    reason: z.string(),
    until: z.string().nullable(),
    by: z.string(),
  }),
});
export const UserUnsuspended = defineEvent({
  type: 'UserUnsuspended',
  version: 1,
  schema: z.object({ userId: z.string(), suspensionId: z.string(), by: z.string() }),
});

/**
 * Account recovery and email verification (docs/api.md, "Account recovery and email"). Links carry a random
 * token; events keep only its SHA-256 (`tokenHash`), so the log never holds a usable link.
 */
export const PasswordResetRequested = defineEvent({
  type: 'PasswordResetRequested',
  version: 1,
  schema: z.object({ userId: z.string(), tokenHash: z.string(), expiresAt: z.string() }),
});
/** A reset link was used: the new password holds, every outstanding link is spent. */
export const PasswordResetCompleted = defineEvent({
  type: 'PasswordResetCompleted',
  version: 1,
  schema: z.object({ userId: z.string(), tokenHash: z.string(), passwordHash: z.string() }),
});
/** A link to confirm `email` went out: the current address (sign-up, resend) or a new one (a change). */
export const EmailVerificationRequested = defineEvent({
  type: 'EmailVerificationRequested',
  version: 1,
  schema: z.object({
    userId: z.string(),
    email: z.string(),
    tokenHash: z.string(),
    expiresAt: z.string(),
  }),
});
/** The person proved they read mail at their current address. */
export const EmailVerified = defineEvent({
  type: 'EmailVerified',
  version: 1,
  schema: z.object({ userId: z.string(), email: z.string() }),
});
/** The person confirmed a new address: it replaces the old one, verified. */
export const EmailChanged = defineEvent({
  type: 'EmailChanged',
  version: 1,
  schema: z.object({ userId: z.string(), email: z.string(), previousEmail: z.string() }),
});
/**
 * The account was erased (docs/api.md, `DELETE /api/me`, `DELETE /api/admin/users/:id`): the person's data
 * key is destroyed, so everything sealed with it reads as erased; read models drop their personal fields.
 * `erasedBy` is the person themselves or the staff member who erased them.
 */
export const UserErased = defineEvent({
  type: 'UserErased',
  version: 1,
  schema: z.object({ userId: z.string(), erasedBy: z.string() }),
});

/** What names are shown as once a person is erased. */
export const ERASED_NAME = 'Deleted user';

const bySubject = (data: Record<string, unknown>) =>
  typeof data.userId === 'string' ? data.userId : undefined;

/**
 * Personal data in identity events (crypto-shredding, docs/operations.md): sealed with the person's key,
 * and read as these values once they are erased. Passwords hashes and token hashes are not personal data
 * in this sense (they identify nobody) and stay as they are.
 */
export const identityPersonalData = {
  UserRegistered: { subject: bySubject, erased: { email: '', displayName: ERASED_NAME } },
  ProfileUpdated: { subject: bySubject, erased: { displayName: ERASED_NAME, bio: '', languages: [] } },
  SkillsChanged: { subject: bySubject, erased: { teach: [], learn: [] } },
  AvatarChanged: { subject: bySubject, erased: { avatarUrl: '' } },
  EmailVerificationRequested: { subject: bySubject, erased: { email: '' } },
  EmailVerified: { subject: bySubject, erased: { email: '' } },
  EmailChanged: { subject: bySubject, erased: { email: '', previousEmail: '' } },
  UserSuspended: { subject: bySubject, erased: { reason: '' } },
  EmailReserved: { subject: bySubject, erased: { email: '' } },
} satisfies Record<string, PersonalFields>;

const definitions = [
  UserRegistered,
  UserLoggedIn,
  UserLoggedOut,
  PasswordChanged,
  UserRoleChanged,
  ProfileUpdated,
  SkillsChanged,
  AvatarChanged,
  PasswordResetRequested,
  PasswordResetCompleted,
  EmailVerificationRequested,
  EmailVerified,
  EmailChanged,
  UserSuspended,
  UserUnsuspended,
  UserErased,
] as const;
export type UserEvent = EventOf<(typeof definitions)[number]>;
export type RecordedUserEvent = Recorded<UserEvent>;
export const userEvents = new EventRegistry<UserEvent>(definitions);
export const userEventTypes = definitions.map((d) => d.type);

/** A suspension in force at `now`: one with an end time ends by the clock, with no event. */
export function suspensionInForce<S extends { until: string | null }>(
  suspension: S | null | undefined,
  now: Date,
): S | null {
  if (!suspension) return null;
  return suspension.until === null || new Date(suspension.until) > now ? suspension : null;
}

/** A person's events live in `user-<id>`. */
export const userStream = (userId: string) => `user-${userId}`;

/** Display form: trimmed, inner whitespace collapsed, the user's spelling and case kept. */
export const cleanSkillName = (name: string) => name.trim().replace(/\s+/g, ' ');

/** Comparison form: case- and accent-insensitive. The read model indexes this with pg_trgm. */
export const skillKey = (name: string) =>
  cleanSkillName(name).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** A skill listed without a level: teachers are assumed intermediate, learners beginners. */
export const defaultLevel = { teach: 'intermediate', learn: 'beginner' } as const satisfies Record<
  string,
  Level
>;
