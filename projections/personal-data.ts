import type { Db } from '../src/platform/db/database.ts';

/**
 * What the read models hold about one person, for their data export (`GET /api/me/export`): their
 * account and profile, skills and level history, connections, blocks, direct messages sent and received,
 * wall and group posts, sessions hosted and registered for, reviews written and received, badges,
 * support tickets, notifications and signed-in browsers. Secrets stay out: no password hash, no sign-in
 * or link token, no calendar feed token.
 */
export async function personalDataOf(db: Db, userId: string) {
  const [account] = await db
    .selectFrom('users')
    .select([
      'id',
      'email',
      'display_name',
      'bio',
      'avatar_url',
      'languages',
      'timezone',
      'role',
      'status',
      'created_at',
      'updated_at',
      'last_active_at',
    ])
    .where('id', '=', userId)
    .execute();
  const mine = <T extends { user_id: string }>(rows: T[]) => rows.map(({ user_id: _, ...row }) => row);
  const [skills, levelHistory, connections, blocks, directMessages, posts, hosted, registrations] =
    await Promise.all([
      db
        .selectFrom('user_skills')
        .select(['kind', 'name', 'level'])
        .where('user_id', '=', userId)
        .orderBy('kind')
        .orderBy('sort')
        .execute(),
      db.selectFrom('skill_level_history').selectAll().where('user_id', '=', userId).execute().then(mine),
      db
        .selectFrom('connections')
        .select(['id', 'from_user_id', 'to_user_id', 'status', 'message', 'created_at', 'updated_at'])
        .where((eb) => eb.or([eb('from_user_id', '=', userId), eb('to_user_id', '=', userId)]))
        .orderBy('created_at')
        .execute(),
      db.selectFrom('user_blocks').selectAll().where('blocker_id', '=', userId).execute(),
      db
        .selectFrom('direct_messages')
        .select(['id', 'from_id', 'to_id', 'body', 'sent_at', 'edited_at', 'deleted', 'read_at'])
        .where((eb) => eb.or([eb('from_id', '=', userId), eb('to_id', '=', userId)]))
        .orderBy('sent_at')
        .execute(),
      db
        .selectFrom('doc_messages')
        .select(['doc', 'id', 'group_id', 'text', 'created_at', 'edited_at', 'deleted_at'])
        .where('author_id', '=', userId)
        .orderBy('created_at')
        .execute(),
      db
        .selectFrom('sessions')
        .select([
          'id',
          'title',
          'description',
          'skill',
          'level',
          'prerequisites',
          'starts_at',
          'ends_at',
          'capacity',
          'meeting_url',
          'time_zone',
          'status',
          'cancel_reason',
          'created_at',
        ])
        .where('host_id', '=', userId)
        .orderBy('starts_at')
        .execute(),
      db
        .selectFrom('session_registrations as r')
        .innerJoin('sessions as s', 's.id', 'r.session_id')
        .select(['r.session_id', 's.title', 's.starts_at', 'r.status', 'r.registered_at', 'r.attended'])
        .where('r.user_id', '=', userId)
        .orderBy('r.registered_at')
        .execute(),
    ]);
  const [reviewsWritten, reviewsReceived, badges, tickets, notifications, signIns] = await Promise.all([
    db.selectFrom('reviews').selectAll().where('author_id', '=', userId).orderBy('created_at').execute(),
    db.selectFrom('reviews').selectAll().where('host_id', '=', userId).orderBy('created_at').execute(),
    db.selectFrom('user_badges').select(['badge_id', 'earned_at']).where('user_id', '=', userId).execute(),
    db
      .selectFrom('support_tickets')
      .select(['id', 'subject', 'category', 'status', 'created_at', 'updated_at', 'resolved_at'])
      .where('requester_id', '=', userId)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('notifications')
      .select(['id', 'type', 'data', 'created_at', 'read_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('auth_sessions')
      .select(['created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute(),
  ]);
  return {
    account: account ?? null,
    skills,
    levelHistory,
    connections,
    blocks,
    directMessages,
    wallAndGroupPosts: posts,
    sessionsHosted: hosted,
    sessionRegistrations: registrations,
    reviewsWritten,
    reviewsReceived,
    badges,
    supportTickets: tickets,
    notifications,
    signIns,
  };
}
