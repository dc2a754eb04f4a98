import { z } from '@hono/zod-openapi';
import { text } from '../../platform/http/text.ts';
import { ProfilePatch, PublicProfile, roles } from '../identity/index.ts';

export const Uuid = (what: string) => z.string().uuid(`${what} ids are UUIDs.`);
export const UserIdParam = z.object({ id: Uuid('User') });
export const Cursor = text('Cursor').max(500).optional();
export const Limit = z.coerce.number().int().min(1).max(100).default(50);

const reasonText = (what: string, max: number) =>
  text(what)
    .trim()
    .min(1, `${what} must not be empty.`)
    .max(max, `${what} must be at most ${max} characters.`);
export const Reason = reasonText('Reason', 1_000);

export const Suspension = z
  .object({ reason: z.string(), until: z.string().nullable() })
  .openapi('Suspension');

export const AdminUser = PublicProfile.extend({
  email: z.string(),
  role: z.enum(roles),
  status: z.enum(['active', 'suspended', 'erased']),
  suspension: Suspension.nullable(),
  createdAt: z.string(),
  lastActiveAt: z.string(),
}).openapi('AdminUser');

export const AdminUserDetail = AdminUser.extend({
  counts: z.object({
    connections: z.number().int(),
    messagesSent: z.number().int(),
    sessionsHosted: z.number().int(),
    registrations: z.number().int(),
    reviewsWritten: z.number().int(),
  }),
}).openapi('AdminUserDetail');

export const AdminUserQuery = z.object({
  q: text('Search').trim().max(200).optional(),
  role: z.enum(roles).optional(),
  status: z.enum(['active', 'suspended', 'erased']).optional(),
  cursor: Cursor,
  limit: Limit,
});

export const AdminUserList = z
  .object({ users: z.array(AdminUser), nextCursor: z.string().nullable() })
  .openapi('AdminUserList');

export const AdminProfilePatch = ProfilePatch.pick({ displayName: true, bio: true }).openapi(
  'AdminProfilePatch',
);

export const SuspendBody = z
  .object({
    reason: Reason,
    until: z.string().datetime({ offset: true, message: 'until must be an ISO-8601 time.' }).optional(),
  })
  .openapi('SuspendBody');

export const RoleBody = z.object({ role: z.enum(roles) }).openapi('RoleBody');
