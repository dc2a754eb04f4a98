import { sql, type Selectable, type Updateable } from 'kysely';
import { defaultLevel, ERASED_NAME, skillKey } from '../src/features/identity/events.ts';
import { userEvents, type Level, type RecordedUserEvent } from '../src/features/identity/events.ts';
import type { Db } from '../src/platform/db/database.ts';
import type { Timestamp } from '../src/platform/db/schema.ts';
import { emptyReputation, reputationsOf, type Reputation } from './reputation.ts';
import { defineProjection, type ProjectionDb } from '../src/platform/projections/projection.ts';

export interface UsersTable {
  id: string;
  email: string;
  email_normalized: string;
  display_name: string;
  bio: string;
  avatar_url: string | null;
  languages: string[];
  timezone: string | null;
  role: string;
  status: string;
  /** While `status` is `suspended`: why, and until when (null: until lifted; past: ended by the clock). */
  suspension_reason: string | null;
  suspended_until: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_active_at: Timestamp;
  position: number;
}

export interface UserSkillsTable {
  user_id: string;
  kind: 'teach' | 'learn';
  normalized: string;
  name: string;
  level: string | null;
  sort: number;
}

export interface IdentityTables {
  users: UsersTable;
  user_skills: UserSkillsTable;
}

/** Applies a change to a user row once: the position guard makes a replayed event a no-op. */
function updateUser(db: ProjectionDb, event: RecordedUserEvent, set: Updateable<UsersTable>) {
  return db
    .updateTable('users')
    .set({ ...set, updated_at: event.metadata.occurredAt, position: event.position })
    .where('id', '=', event.data.userId)
    .where('position', '<', event.position)
    .execute();
}

/** Profiles (users) and their listed skills (user_skills), the base of matching. */
export const usersProjection = defineProjection({
  name: 'users',
  version: 1,
  tables: ['user_skills', 'users'],
  events: userEvents,
  handlers: {
    UserRegistered: async (db, e) => {
      await db
        .insertInto('users')
        .values({
          id: e.data.userId,
          email: e.data.email,
          email_normalized: e.data.email.toLowerCase(),
          display_name: e.data.displayName,
          bio: '',
          languages: [],
          role: e.data.role,
          status: 'active',
          created_at: e.metadata.occurredAt,
          updated_at: e.metadata.occurredAt,
          last_active_at: e.metadata.occurredAt,
          position: e.position,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },
    UserLoggedIn: async (db, e) => {
      await db
        .updateTable('users')
        // A login carries no state to guard by position; activity time only ever moves forward.
        .set({ last_active_at: sql<Date>`greatest(last_active_at, ${e.metadata.occurredAt}::timestamptz)` })
        .where('id', '=', e.data.userId)
        .execute();
    },
    UserRoleChanged: (db, e) => updateUser(db, e, { role: e.data.role }).then(() => undefined),
    ProfileUpdated: async (db, e) => {
      const { displayName, bio, languages, timezone } = e.data;
      await updateUser(db, e, {
        ...(displayName !== undefined && { display_name: displayName }),
        ...(bio !== undefined && { bio }),
        ...(languages !== undefined && { languages }),
        ...(timezone !== undefined && { timezone }),
        last_active_at: e.metadata.occurredAt,
      });
    },
    EmailChanged: async (db, e) => {
      await updateUser(db, e, { email: e.data.email, email_normalized: e.data.email.toLowerCase() });
    },
    UserSuspended: async (db, e) => {
      await updateUser(db, e, {
        status: 'suspended',
        suspension_reason: e.data.reason,
        suspended_until: e.data.until,
      });
    },
    UserUnsuspended: async (db, e) => {
      await updateUser(db, e, { status: 'active', suspension_reason: null, suspended_until: null });
    },
    AvatarChanged: async (db, e) => {
      await updateUser(db, e, { avatar_url: e.data.avatarUrl });
    },
    /** Erasure rewrites the row: nothing personal is left but the id, and the name reads "Deleted user". */
    UserErased: async (db, e) => {
      await updateUser(db, e, {
        status: 'erased',
        email: '',
        email_normalized: `erased:${e.data.userId}`,
        display_name: ERASED_NAME,
        bio: '',
        avatar_url: null,
        languages: [],
        timezone: null,
        suspension_reason: null,
        suspended_until: null,
      });
      await db.deleteFrom('user_skills').where('user_id', '=', e.data.userId).execute();
    },
    SkillsChanged: async (db, e) => {
      const updated = await updateUser(db, e, { last_active_at: e.metadata.occurredAt });
      if (Number(updated[0]?.numUpdatedRows ?? 0) === 0) return;
      await db.deleteFrom('user_skills').where('user_id', '=', e.data.userId).execute();
      const rows = (['teach', 'learn'] as const).flatMap((kind) =>
        e.data[kind].map((s, sort) => ({
          user_id: e.data.userId,
          kind,
          normalized: skillKey(s.name),
          name: s.name,
          level: s.level,
          sort,
        })),
      );
      if (rows.length > 0) await db.insertInto('user_skills').values(rows).execute();
    },
  },
});

export type UserRow = Selectable<UsersTable>;

export async function findUser(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * A sign-in (by its row id) with its person's role and status, in one query: every signed-in request
 * starts here. `role` is null when the users read model has no row for them (yet, or any more).
 */
export async function findSignInsWithUsers(db: Db, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return [];
  return (
    db
      .selectFrom('auth_sessions as s')
      .leftJoin('users as u', 'u.id', 's.user_id')
      .select([
        's.id',
        's.user_id',
        's.expires_at',
        's.last_seen_at',
        's.min_position',
        'u.role',
        'u.status',
        'u.suspension_reason',
        'u.suspended_until',
      ])
      // One array parameter rather than one per id: a crowd's lookup carries up to 500 ids (coalesce.ts), and
      // building and sending 500 parameters was a visible share of each request's cost.
      .where(sql<boolean>`s.id = any(${[...sessionIds]}::text[])`)
      .execute()
  );
}

export type SignInWithUser = Awaited<ReturnType<typeof findSignInsWithUsers>>[number];

export async function findUserSkills(db: Db, userId: string) {
  return db
    .selectFrom('user_skills')
    .select(['kind', 'name', 'level'])
    .where('user_id', '=', userId)
    .orderBy('kind')
    .orderBy('sort')
    .execute();
}

/**
 * Public profiles (`GET /api/users/:id`: no email) of the given users, by id, with their reputation
 * (projections/reputation.ts); deleted users and unknown ids are left out.
 */
export async function findPublicProfiles(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, PublicProfileRow>> {
  const profiles = new Map<string, PublicProfileRow>();
  if (ids.length === 0) return profiles;
  ids = [...new Set(ids)];
  const users = await db
    .selectFrom('users')
    .selectAll()
    .where('id', 'in', ids)
    .where('status', '<>', 'deleted')
    .execute();
  const [skills, reputations] = await Promise.all([
    db
      .selectFrom('user_skills')
      .select(['user_id', 'kind', 'name', 'level'])
      .where('user_id', 'in', ids)
      .orderBy('user_id')
      .orderBy('kind')
      .orderBy('sort')
      .execute(),
    reputationsOf(
      db,
      users.map((u) => u.id),
    ),
  ]);
  for (const user of users) {
    profiles.set(user.id, {
      id: user.id,
      displayName: user.display_name,
      bio: user.bio,
      avatarUrl: user.avatar_url,
      languages: user.languages,
      timezone: user.timezone,
      teach: [],
      learn: [],
      reputation: reputations.get(user.id) ?? emptyReputation(),
    });
  }
  for (const skill of skills) {
    profiles.get(skill.user_id)?.[skill.kind].push({
      name: skill.name,
      level: (skill.level ?? defaultLevel[skill.kind]) as Level,
    });
  }
  return profiles;
}

export interface PublicProfileRow {
  id: string;
  displayName: string;
  bio: string;
  avatarUrl: string | null;
  languages: string[];
  timezone: string | null;
  teach: { name: string; level: Level }[];
  learn: { name: string; level: Level }[];
  reputation: Reputation;
}
