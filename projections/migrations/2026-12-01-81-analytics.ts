import { sql, type Kysely } from 'kysely';

/**
 * The `analytics` schema: views over the read models for analysts' plain SQL (docs/analytics.md). No
 * email, name, bio, message text, password hash, sign-in session, token or key is in any of them. People
 * appear as `*_key`: a pseudonym (md5 of a random salt of this database and the user id), stable for the
 * life of the database, so counts over time survive an erasure while the key leads to no one outside it.
 * Readers are the members of the NOLOGIN role `skillswap_analysts` (created by `npm run admin --
 * create-analyst`); later migrations that add views re-grant with `grantToAnalysts`.
 */
interface View {
  name: string;
  comment: string;
  columns: Record<string, string>;
  query: string;
}

const key = (column: string) => `md5((select salt from analytics_salt) || ${column}::text)`;

const views: View[] = [
  {
    name: 'users',
    comment: 'One row per account, without contact or profile text.',
    columns: {
      user_key: 'Pseudonym of the person (stable; not reversible without the database).',
      role: 'user, moderator, admin or super_admin.',
      status: 'active, suspended or erased.',
      timezone: 'IANA time zone the person chose, or null.',
      languages: 'How many languages the person lists.',
      created_at: 'When the account was created (sign-up).',
      last_active_at: 'Last activity the platform recorded, or null.',
    },
    query: `select ${key('id')} as user_key, role, status, timezone, coalesce(cardinality(languages), 0) as languages,
      created_at, last_active_at from users`,
  },
  {
    name: 'user_skills',
    comment: 'Skills people teach or want to learn, as they listed them, with the compared form.',
    columns: {
      user_key: 'Pseudonym of the person.',
      kind: 'teach or learn.',
      skill: 'The skill as compared for matching (lower case, spaces normalised).',
      level: 'beginner, intermediate, advanced or expert; null when not given.',
    },
    query: `select ${key('user_id')} as user_key, kind, normalized as skill, level from user_skills`,
  },
  {
    name: 'skills',
    comment: "Matching's canonical skills: every spelling people used maps to one of these.",
    columns: { skill_id: 'Canonical skill id.', label: 'The name shown for it.' },
    query: `select id as skill_id, label from canonical_skills`,
  },
  {
    name: 'connections',
    comment: 'Connection requests between two people and where they stand (the note is left out).',
    columns: {
      from_key: 'Pseudonym of the person who asked.',
      to_key: 'Pseudonym of the person asked.',
      status: 'pending, accepted, declined, withdrawn or ended.',
      created_at: 'When the request was made.',
      updated_at: 'When its status last changed (accepted, declined, …).',
    },
    query: `select ${key('from_user_id')} as from_key, ${key('to_user_id')} as to_key, status, created_at,
      updated_at from connections`,
  },
  {
    name: 'sessions',
    comment: 'Sessions mentors host (title, description and meeting link left out).',
    columns: {
      session_id: 'Session id.',
      host_key: 'Pseudonym of the host.',
      skill_id: 'Canonical skill id the session is filed under.',
      skill: 'The skill as the host wrote it.',
      level: 'Level the session is for.',
      starts_at: 'Start (UTC).',
      ends_at: 'End (UTC).',
      duration_minutes: 'Length in minutes.',
      capacity: 'Seats.',
      status: 'scheduled or cancelled (a session has ended once ends_at has passed).',
      registered: 'People holding a seat now.',
      waitlisted: 'People waiting for a seat now.',
      created_at: 'When it was published.',
    },
    query: `select id as session_id, ${key('host_id')} as host_key, skill_id, skill, level, starts_at, ends_at,
      duration_minutes, capacity, status, registered, waitlisted, created_at from sessions`,
  },
  {
    name: 'session_registrations',
    comment: 'Who asked for a seat in which session, and whether they attended.',
    columns: {
      session_id: 'Session id.',
      user_key: 'Pseudonym of the registrant.',
      status: 'registered, waitlisted or cancelled.',
      registered_at: 'When they asked for a seat.',
      attended: 'True or false once the host marked attendance; null before.',
    },
    query: `select session_id, ${key('user_id')} as user_key, status, registered_at, attended
      from session_registrations`,
  },
  {
    name: 'reviews',
    comment: 'Ratings attendees gave sessions (comments and replies left out).',
    columns: {
      review_id: 'Review id.',
      session_id: 'Session reviewed.',
      host_key: "Pseudonym of the session's host.",
      author_key: 'Pseudonym of the reviewer.',
      rating: '1 to 5.',
      created_at: 'When it was written.',
      replied_at: 'When the host replied, or null.',
    },
    query: `select id as review_id, session_id, ${key('host_id')} as host_key, ${key('author_id')} as author_key,
      rating, created_at, replied_at from reviews`,
  },
  {
    name: 'badges',
    comment: 'Badges people earned.',
    columns: {
      user_key: 'Pseudonym of the person.',
      badge_id: 'Badge id (first-session-hosted, top-rated, …).',
      earned_at: 'When it was first earned.',
    },
    query: `select ${key('user_id')} as user_key, badge_id, earned_at from user_badges`,
  },
  {
    name: 'tickets',
    comment: 'Support requests and how fast staff answered them (subject and messages left out).',
    columns: {
      ticket_id: 'Ticket id.',
      requester_key: 'Pseudonym of the person who asked for help.',
      assignee_key: 'Pseudonym of the staff member it is assigned to, or null.',
      category: 'general, account, sessions, safety, technical, appeal or other.',
      status: 'open, pending, resolved or closed.',
      created_at: 'When it was opened.',
      first_response_at: 'When staff first replied, or null.',
      first_response_seconds: 'Seconds from opening to the first staff reply, or null.',
      resolved_at: 'When it was last resolved, or null.',
      resolution_seconds:
        'Seconds it was waiting for staff until resolved (time pending on the requester not counted), or null.',
      replies: 'Replies after the opening message.',
    },
    query: `select id as ticket_id, ${key('requester_id')} as requester_key,
      case when assignee_id is null then null else ${key('assignee_id')} end as assignee_key, category, status,
      created_at, first_response_at, extract(epoch from first_response_at - created_at) as first_response_seconds,
      resolved_at, resolution_seconds, replies from support_tickets`,
  },
  {
    name: 'messages_daily',
    comment: 'Messages sent per UTC day and place (direct, wall, group); counts only, never text.',
    columns: {
      day: 'UTC day.',
      place: 'direct, wall or group.',
      messages: 'Messages sent that day there (deleted ones included).',
      senders: 'Distinct people who sent them.',
    },
    query: `select date_trunc('day', sent_at at time zone 'UTC')::date as day, 'direct' as place,
        count(*) as messages, count(distinct from_id) as senders from direct_messages group by 1
      union all
      select date_trunc('day', created_at at time zone 'UTC')::date, case when doc = 'wall' then 'wall' else 'group' end,
        count(*), count(distinct author_id) from doc_messages group by 1, 2`,
  },
];

const literal = (text: string) => sql.lit(text);

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table analytics_salt (salt text not null)`.execute(db);
  await sql`insert into analytics_salt (salt) values (gen_random_uuid()::text || gen_random_uuid()::text)`.execute(
    db,
  );
  await sql`create schema analytics`.execute(db);
  await sql`comment on schema analytics is ${literal('Views over the read models for analysts: no contact data, text, secrets or keys; people as pseudonymous keys. See docs/analytics.md.')}`.execute(
    db,
  );
  for (const view of views) {
    const name = sql.id('analytics', view.name);
    await sql`create view ${name} as ${sql.raw(view.query)}`.execute(db);
    await sql`comment on view ${name} is ${literal(view.comment)}`.execute(db);
    for (const [column, comment] of Object.entries(view.columns))
      await sql`comment on column ${sql.id('analytics', view.name, column)} is ${literal(comment)}`.execute(
        db,
      );
  }
  await grantToAnalysts(db);
}

/** Lets the analysts' role (when it exists yet) read every view of the schema. */
export async function grantToAnalysts(db: Kysely<unknown>): Promise<void> {
  await sql`do $$ begin
    if exists (select 1 from pg_roles where rolname = 'skillswap_analysts') then
      grant usage on schema analytics to skillswap_analysts;
      grant select on all tables in schema analytics to skillswap_analysts;
    end if;
  end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop schema analytics cascade`.execute(db);
  await sql`drop table analytics_salt`.execute(db);
}
