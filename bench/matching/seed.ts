import { performance } from 'node:perf_hooks';
import { matchingProjection } from '../../projections/matching.ts';
import { sql } from 'kysely';
import { skillKey } from '../../src/features/identity/events.ts';
import type { UserEvent } from '../../src/features/identity/events.ts';
import type { Db } from '../../src/platform/db/database.ts';
import type { ProjectionDb } from '../../src/platform/projections/projection.ts';
import type { RecordedEvent } from '../../src/platform/event-store/port.ts';
import type { SyntheticUser } from './synthetic.ts';

/**
 * Writes synthetic members the way a projection catch-up would: each member becomes recorded events
 * (UserRegistered, ProfileUpdated, SkillsChanged) that go through the matching projection's real `apply`,
 * `batch` members per transaction. The identity read model (users, user_skills), which the match query
 * reads for profiles and the naive baseline reads in full, is written with one multi-row insert per
 * batch holding what the users projection would store; its one-statement-per-event handlers would
 * triple the seeding time. No event log, no HTTP.
 */
export async function seedThroughProjections(
  db: Db,
  users: Iterable<SyntheticUser>,
  options: { batch?: number; log?: (message: string) => void } = {},
): Promise<{ users: number; events: number; ms: number; usersMs: number; matchingMs: number }> {
  const batchSize = options.batch ?? 1_000;
  const start = performance.now();
  let position = 0;
  let count = 0;
  let pending: RecordedEvent[] = [];
  let batchMembers: SyntheticUser[] = [];
  let usersMs = 0;
  let matchingMs = 0;

  const flush = async () => {
    if (pending.length === 0) return;
    const events = pending;
    pending = [];
    const members = batchMembers;
    batchMembers = [];
    await db.transaction().execute(async (trx) => {
      const t0 = performance.now();
      await insertUsersRows(trx, members);
      const t1 = performance.now();
      await matchingProjection.apply(trx, events);
      usersMs += t1 - t0;
      matchingMs += performance.now() - t1;
    });
  };

  for (const user of users) {
    batchMembers.push(user);
    const at = user.lastActiveAt;
    const events: UserEvent[] = [
      {
        type: 'UserRegistered',
        data: {
          userId: user.id,
          email: `${user.id}@bench.example`,
          displayName: user.displayName,
          passwordHash: 'x',
          role: 'user',
        },
      },
      {
        type: 'ProfileUpdated',
        data: { userId: user.id, languages: user.languages, timezone: user.timezone },
      },
      {
        type: 'SkillsChanged',
        data: {
          userId: user.id,
          teach: user.teach.map(({ name, level }) => ({ name, level })),
          learn: user.learn.map(({ name, level }) => ({ name, level })),
        },
      },
    ];
    events.forEach((event, revision) => {
      pending.push({
        ...event,
        id: `bench-${++position}`,
        streamName: `user-${user.id}`,
        revision,
        position,
        recordedAt: at,
        metadata: {
          actorId: user.id,
          actorRole: 'user',
          correlationId: `bench-${user.id}`,
          causationId: null,
          occurredAt: at,
          schemaVersion: 1,
        },
      });
    });
    if (++count % batchSize === 0) {
      await flush();
      if (count % (batchSize * 10) === 0)
        options.log?.(
          `  seeded ${count.toLocaleString('en-US')} members (${Math.round(performance.now() - start)} ms)`,
        );
    }
  }
  await flush();
  return { users: count, events: position, ms: performance.now() - start, usersMs, matchingMs };
}

/** The rows the users projection stores for these events (projections/users.ts), set-based. */
async function insertUsersRows(db: ProjectionDb, members: readonly SyntheticUser[]) {
  const users = members.map((u) => ({
    id: u.id,
    email: `${u.id}@bench.example`,
    display_name: u.displayName,
    languages: u.languages,
    timezone: u.timezone,
    at: u.lastActiveAt,
  }));
  await sql`
    insert into users (id, email, email_normalized, display_name, bio, languages, timezone, role, status,
      created_at, updated_at, last_active_at, position)
    select r.id, r.email, r.email, r.display_name, '', array(select jsonb_array_elements_text(r.languages)),
      r.timezone, 'user', 'active', r.at, r.at, r.at, 0
    from jsonb_to_recordset(${JSON.stringify(users)}::jsonb)
      as r(id uuid, email text, display_name text, languages jsonb, timezone text, at timestamptz)`.execute(
    db,
  );
  const skills = members.flatMap((u) =>
    (['teach', 'learn'] as const).flatMap((kind) =>
      u[kind].map((s, sort) => ({
        user_id: u.id,
        kind,
        normalized: skillKey(s.name),
        name: s.name,
        level: s.level,
        sort,
      })),
    ),
  );
  await sql`
    insert into user_skills (user_id, kind, normalized, name, level, sort)
    select * from jsonb_to_recordset(${JSON.stringify(skills)}::jsonb)
      as r(user_id uuid, kind text, normalized text, name text, level text, sort int)
    on conflict do nothing`.execute(db);
}
