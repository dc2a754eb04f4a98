import { z } from '@hono/zod-openapi';
import { text } from '../../platform/http/text.ts';

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const GROUP_NAME_MAX = 80;
export const GROUP_DESCRIPTION_MAX = 500;

export const GroupName = text('Group name')
  .trim()
  .min(1, 'Group name must not be empty.')
  .max(GROUP_NAME_MAX, `Group name must be at most ${GROUP_NAME_MAX} characters.`)
  .refine((s) => !control.test(s) && !/[\r\n\t]/.test(s), 'Group name must be a single line of plain text.');
export const GroupDescription = text('Description')
  .trim()
  .max(GROUP_DESCRIPTION_MAX, `Description must be at most ${GROUP_DESCRIPTION_MAX} characters.`)
  .refine((s) => !control.test(s), 'Description must be plain text.');

const Uuid = (what: string) => text(`${what} id`).uuid(`${what} ids are UUIDs.`);

export const GroupIdParam = z.object({ id: Uuid('Group') });
export const MemberParam = z.object({ id: Uuid('Group'), userId: Uuid('User') });

export const CreateGroupBody = z
  .object({ name: GroupName, description: GroupDescription.optional() })
  .strict()
  .openapi('CreateGroupBody');
export const GroupPatch = z
  .object({ name: GroupName.optional(), description: GroupDescription.optional() })
  .strict()
  .refine((p) => p.name !== undefined || p.description !== undefined, 'Send a new name or description.')
  .openapi('GroupPatch');
export const UserIdBody = z
  .object({ userId: Uuid('User') })
  .strict()
  .openapi('UserIdBody');

export const GroupRole = z.enum(['admin', 'member']);

export const Group = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    description: z.string(),
    createdBy: z.string().uuid(),
    createdAt: z.string(),
    memberCount: z.number().int(),
    role: GroupRole.openapi({ description: "The caller's role in this group" }),
  })
  .openapi('Group');

export const GroupMember = z
  .object({
    user: z.object({
      id: z.string().uuid(),
      displayName: z.string().nullable(),
      avatarUrl: z.string().nullable(),
    }),
    role: GroupRole,
    joinedAt: z.string(),
  })
  .openapi('GroupMember');

export const GroupDetails = Group.extend({ members: z.array(GroupMember) }).openapi('GroupDetails');
export const GroupList = z.object({ groups: z.array(Group) }).openapi('GroupList');

export const MessagesQuery = z.object({
  limit: z.coerce
    .number()
    .int('limit must be a whole number.')
    .min(1, 'limit must be at least 1.')
    .max(100, 'limit must be at most 100.')
    .default(50),
  before: text('before')
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: 'A message id: answer with the messages posted before it' }),
  q: text('q')
    .trim()
    .max(200, 'Search at most 200 characters.')
    .optional()
    .openapi({ description: 'Words to search for; each matches words starting with it, in any language' }),
});

export const DocMessage = z
  .object({
    id: z.string(),
    authorId: z.string().uuid(),
    authorName: z.string().nullable(),
    text: z.string(),
    createdAt: z.string(),
    editedAt: z.string().nullable(),
  })
  .openapi('DocMessage');
export const DocMessagePage = z
  .object({
    messages: z.array(DocMessage).openapi({ description: 'Newest last' }),
    hasMore: z.boolean().openapi({ description: 'Older messages exist: pass the first id as `before`' }),
  })
  .openapi('DocMessagePage');
