import type { Db } from '../src/platform/db/database.ts';

/** What a report names, as the read models know it: who wrote it, what it says, whether it is gone. */
export interface TargetContent {
  authorId: string | null;
  text: string | null;
  createdAt: Date | string | null;
  removed: boolean;
}

const GROUP_DOC = /^group-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
export const groupOfDoc = (doc: string | null) => (doc ? GROUP_DOC.exec(doc)?.[1] : undefined);

/**
 * The target as `viewerId` may see it, or undefined when they may not (or it does not exist): a direct
 * message only its receiver, a group message only members, a deleted message nobody. Staff read the
 * queue with `viewerId` null: everything that exists.
 */
export async function findTarget(
  db: Db,
  kind: string,
  targetId: string,
  doc: string | null,
  viewerId: string | null,
): Promise<TargetContent | undefined> {
  switch (kind) {
    case 'user': {
      const u = await db
        .selectFrom('users')
        .select(['id', 'display_name', 'bio', 'status', 'created_at'])
        .where('id', '=', targetId)
        .executeTakeFirst();
      if (!u || ['erased', 'deleted'].includes(u.status)) return undefined;
      return {
        authorId: u.id,
        text: `${u.display_name}\n${u.bio}`.trim(),
        createdAt: u.created_at,
        removed: false,
      };
    }
    case 'direct_message': {
      const m = await db
        .selectFrom('direct_messages')
        .selectAll()
        .where('id', '=', targetId)
        .executeTakeFirst();
      if (!m || (viewerId !== null && (m.to_id !== viewerId || m.deleted))) return undefined;
      return { authorId: m.from_id, text: m.body, createdAt: m.sent_at, removed: m.deleted };
    }
    case 'wall_message':
    case 'group_message': {
      if (!doc || (kind === 'wall_message') !== (doc === 'wall')) return undefined;
      const groupId = groupOfDoc(doc);
      if (kind === 'group_message' && !groupId) return undefined;
      const m = await db
        .selectFrom('doc_messages')
        .selectAll()
        .where('doc', '=', doc)
        .where('id', '=', targetId)
        .executeTakeFirst();
      if (!m) return undefined;
      if (viewerId !== null) {
        if (m.deleted_at) return undefined;
        if (groupId) {
          const member = await db
            .selectFrom('group_members')
            .select('user_id')
            .where('group_id', '=', groupId)
            .where('user_id', '=', viewerId)
            .executeTakeFirst();
          if (!member) return undefined;
        }
      }
      return { authorId: m.author_id, text: m.text, createdAt: m.created_at, removed: m.deleted_at !== null };
    }
    case 'session': {
      const s = await db
        .selectFrom('sessions')
        .select(['host_id', 'title', 'description', 'created_at', 'status'])
        .where('id', '=', targetId)
        .executeTakeFirst();
      if (!s) return undefined;
      return {
        authorId: s.host_id,
        text: [s.title, s.description].filter(Boolean).join('\n'),
        createdAt: s.created_at,
        removed: s.status === 'cancelled',
      };
    }
    case 'review': {
      const r = await db.selectFrom('reviews').selectAll().where('id', '=', targetId).executeTakeFirst();
      if (r) return { authorId: r.author_id, text: r.comment, createdAt: r.created_at, removed: false };
      if (viewerId !== null) return undefined;
      const gone = await db
        .selectFrom('removed_reviews')
        .selectAll()
        .where('id', '=', targetId)
        .executeTakeFirst();
      if (!gone) return undefined;
      return { authorId: gone.author_id, text: gone.comment, createdAt: gone.created_at, removed: true };
    }
    default:
      return undefined;
  }
}
