import { sql } from 'kysely';
import { groupEvents, type RecordedGroupEvent } from '../src/features/groups/events.ts';
import type { Db } from '../src/platform/db/database.ts';
import type { Timestamp } from '../src/platform/db/schema.ts';
import { defineProjection, type ProjectionDb } from '../src/platform/projections/projection.ts';

export type GroupRole = 'admin' | 'member';

export interface GroupsTable {
  id: string;
  name: string;
  description: string;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  member_count: number;
  /** Position of the last event applied to this group: replays at or below it are no-ops. */
  position: number;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
  role: GroupRole;
  joined_at: Timestamp;
}

export interface GroupsTables {
  groups: GroupsTable;
  group_members: GroupMembersTable;
}

/** Moves the group's position to the event's; false when the event was already applied. */
async function advance(
  db: ProjectionDb,
  event: RecordedGroupEvent,
  set: { name?: string; description?: string } = {},
) {
  const row = await db
    .updateTable('groups')
    .set({ ...set, updated_at: event.metadata.occurredAt, position: event.position })
    .where('id', '=', event.data.groupId)
    .where('position', '<', event.position)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

async function recount(db: ProjectionDb, groupId: string) {
  await db
    .updateTable('groups')
    .set({
      member_count: sql<number>`(select count(*) from group_members where group_id = ${groupId})`,
    })
    .where('id', '=', groupId)
    .execute();
}

/** Groups and who belongs to them with which role. */
export const groupsProjection = defineProjection({
  name: 'groups',
  version: 1,
  tables: ['group_members', 'groups'],
  events: groupEvents,
  handlers: {
    GroupCreated: async (db, e) => {
      const { groupId, name, description, createdBy } = e.data;
      const at = e.metadata.occurredAt;
      const inserted = await db
        .insertInto('groups')
        .values({
          id: groupId,
          name,
          description,
          created_by: createdBy,
          created_at: at,
          updated_at: at,
          member_count: 1,
          position: e.position,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) return;
      await db
        .insertInto('group_members')
        .values({ group_id: groupId, user_id: createdBy, role: 'admin', joined_at: at })
        .onConflict((oc) => oc.columns(['group_id', 'user_id']).doNothing())
        .execute();
    },
    GroupRenamed: async (db, e) => {
      const { name, description } = e.data;
      await advance(db, e, { name, ...(description !== undefined && { description }) });
    },
    GroupMemberAdded: async (db, e) => {
      if (!(await advance(db, e))) return;
      await db
        .insertInto('group_members')
        .values({
          group_id: e.data.groupId,
          user_id: e.data.userId,
          role: 'member',
          joined_at: e.metadata.occurredAt,
        })
        .onConflict((oc) => oc.columns(['group_id', 'user_id']).doNothing())
        .execute();
      await recount(db, e.data.groupId);
    },
    GroupMemberRemoved: async (db, e) => {
      if (!(await advance(db, e))) return;
      await db
        .deleteFrom('group_members')
        .where('group_id', '=', e.data.groupId)
        .where('user_id', '=', e.data.userId)
        .execute();
      await recount(db, e.data.groupId);
    },
    GroupAdminPromoted: async (db, e) => {
      if (!(await advance(db, e))) return;
      await db
        .updateTable('group_members')
        .set({ role: 'admin' })
        .where('group_id', '=', e.data.groupId)
        .where('user_id', '=', e.data.userId)
        .execute();
    },
  },
});

export interface GroupRow {
  id: string;
  name: string;
  description: string;
  createdBy: string;
  createdAt: Date;
  memberCount: number;
}

const groupColumns = [
  'groups.id',
  'groups.name',
  'groups.description',
  'groups.created_by as createdBy',
  'groups.created_at as createdAt',
  'groups.member_count as memberCount',
] as const;

/** The groups `userId` belongs to, with their role, most recently active first. */
export function groupsOf(db: Db, userId: string) {
  return db
    .selectFrom('group_members')
    .innerJoin('groups', 'groups.id', 'group_members.group_id')
    .select([...groupColumns, 'group_members.role'])
    .where('group_members.user_id', '=', userId)
    .orderBy('groups.updated_at', 'desc')
    .orderBy('groups.id')
    .execute();
}

export function findGroup(db: Db, groupId: string): Promise<GroupRow | undefined> {
  return db.selectFrom('groups').select(groupColumns).where('id', '=', groupId).executeTakeFirst();
}

/** The caller's role in the group, or undefined when they are not a member. */
export async function roleIn(db: Db, groupId: string, userId: string): Promise<GroupRole | undefined> {
  const row = await db
    .selectFrom('group_members')
    .select('role')
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role;
}

/** Members with their public name and avatar, admins first, then by joining time. */
export function membersOf(db: Db, groupId: string) {
  return db
    .selectFrom('group_members')
    .leftJoin('users', 'users.id', 'group_members.user_id')
    .select([
      'group_members.user_id as userId',
      'group_members.role',
      'group_members.joined_at as joinedAt',
      'users.display_name as displayName',
      'users.avatar_url as avatarUrl',
    ])
    .where('group_members.group_id', '=', groupId)
    .orderBy(sql`case when group_members.role = 'admin' then 0 else 1 end`)
    .orderBy('group_members.joined_at')
    .orderBy('group_members.user_id')
    .execute();
}
