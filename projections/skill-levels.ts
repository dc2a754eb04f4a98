import { sql } from 'kysely';
import { levels, userEvents, type Level, type UserEvent } from '../src/features/identity/events.ts';
import type { RecordedOfType } from '../src/platform/event-store/events.ts';
import type { Db } from '../src/platform/db/database.ts';
import type { Timestamp } from '../src/platform/db/schema.ts';
import { defineProjection, type ProjectionDb } from '../src/platform/projections/projection.ts';

export interface SkillLevelHistoryTable {
  user_id: string;
  kind: 'teach' | 'learn';
  /** `skill_key(name)`, as the reputation read model keys session skills. */
  skill_key: string;
  /** The name as the person wrote it when they declared this level. */
  name: string;
  level: Level;
  since: Timestamp;
  position: number;
}

export interface SkillLevelTables {
  skill_level_history: SkillLevelHistoryTable;
}

type SkillsChanged = RecordedOfType<UserEvent, 'SkillsChanged'>;

/**
 * A new row for each skill whose declared level differs from the one in force just before this event (by
 * position, so a replayed or redelivered event compares with the same past and adds nothing new). A skill
 * taken off a list and put back keeps its history; the list shown is the current one (users read model).
 */
async function declare(db: ProjectionDb, event: SkillsChanged) {
  const { userId, teach, learn } = event.data;
  const declared = [
    ...teach.map((s) => ({ ...s, kind: 'teach' })),
    ...learn.map((s) => ({ ...s, kind: 'learn' })),
  ].map((s, ord) => ({ ...s, ord }));
  if (declared.length === 0) return;
  await sql`
    with declared as (
      select distinct on (d.kind, skill_key(d.name)) d.kind, skill_key(d.name) as skill_key, d.name, d.level
      from jsonb_to_recordset(${JSON.stringify(declared)}::jsonb) as d(kind text, name text, level text, ord int)
      -- two spellings of one skill in one list: the highest level, then the first written
      order by d.kind, skill_key(d.name), array_position(${[...levels]}::text[], d.level) desc, d.ord
    )
    insert into skill_level_history (user_id, kind, skill_key, name, level, since, position)
    select ${userId}, d.kind, d.skill_key, d.name, d.level, ${event.metadata.occurredAt}, ${event.position}
    from declared d
    where d.level is distinct from (
      select h.level from skill_level_history h
      where h.user_id = ${userId} and h.kind = d.kind and h.skill_key = d.skill_key and h.position < ${event.position}
      order by h.position desc limit 1)
    on conflict do nothing`.execute(db);
}

/** The levels people declared for their skills over time (`GET /api/me/progress`'s level history). */
export const skillLevelsProjection = defineProjection({
  name: 'skill_levels',
  // 2: an erasure deletes the person's history (their skill names are personal data).
  version: 2,
  tables: ['skill_level_history'],
  events: userEvents,
  handlers: {
    SkillsChanged: declare,
    // Their earlier lists read as empty once erased, so a rebuild writes nothing for them either.
    UserErased: async (db, e) => {
      await db.deleteFrom('skill_level_history').where('user_id', '=', e.data.userId).execute();
    },
  },
});

export interface LevelChange {
  kind: 'teach' | 'learn';
  skillKey: string;
  name: string;
  level: Level;
  since: string;
}

/** Every level `userId` declared, oldest first. */
export async function levelHistoryOf(db: Db, userId: string): Promise<LevelChange[]> {
  const rows = await db
    .selectFrom('skill_level_history')
    .select(['kind', 'skill_key', 'name', 'level', 'since'])
    .where('user_id', '=', userId)
    .orderBy('position')
    .orderBy('kind')
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    skillKey: r.skill_key,
    name: r.name,
    level: r.level,
    since: new Date(r.since).toISOString(),
  }));
}
