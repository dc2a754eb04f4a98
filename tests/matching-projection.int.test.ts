import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMatches, skillFilterIds } from '../projections/matches.ts';
import { matchingProjection } from '../projections/matching.ts';
import { usersProjection } from '../projections/users.ts';
import type { Skill, UserEvent } from '../src/features/identity/events.ts';
import type { DatabaseHandle } from '../src/platform/db/database.ts';
import type { RecordedEvent } from '../src/platform/event-store/port.ts';
import { createTestDatabase } from './support/database.ts';
import { recorded } from './support/decider.ts';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const teacher = (name: string, level: Skill['level'] = 'advanced'): Skill => ({ name, level });

/** One user per listed skill name, each teaching just that name, in this order. */
function historyOf(names: readonly string[]): { events: UserEvent[]; userOf: Map<string, string> } {
  const userOf = new Map<string, string>();
  const events: UserEvent[] = [];
  for (const name of names) {
    const userId = randomUUID();
    userOf.set(name, userId);
    events.push(
      {
        type: 'UserRegistered',
        data: { userId, email: `${userId}@example.com`, displayName: name, passwordHash: 'x', role: 'user' },
      },
      {
        type: 'ProfileUpdated',
        data: { userId, languages: ['English', 'Español'], timezone: 'Europe/Madrid' },
      },
      { type: 'SkillsChanged', data: { userId, teach: [teacher(name)], learn: [] } },
    );
  }
  return { events, userOf };
}

async function apply(events: readonly RecordedEvent[], times = 1) {
  for (const event of events) {
    await database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < times; i++) await matchingProjection.apply(trx, [event]);
    });
  }
}

async function reset() {
  await database.db.transaction().execute(async (trx) => {
    for (const table of matchingProjection.tables) await sql`delete from ${sql.table(table)}`.execute(trx);
  });
}

/** Every row of every table the projection owns, in a stable order. */
async function snapshot() {
  const tables: Record<string, unknown[]> = {};
  for (const table of matchingProjection.tables) {
    const { rows } = await sql`select * from ${sql.table(table)}`.execute(database.db);
    tables[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return tables;
}

async function skillIdOf(userId: string): Promise<string> {
  const row = await database.db
    .selectFrom('match_skills')
    .select('skill_id')
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return row.skill_id;
}

// The first spelling of each group creates the canonical skill; the others must land on it.
const sameSkill: string[][] = [
  ['Guitar', 'guitarr', 'GUITAR', 'Gitar'],
  ['Python', 'Pyhton', 'python programming', 'Programming, Python', 'Python 3'],
  ['JavaScript', 'JS', 'javascript', 'Javscript', 'ECMAScript'],
  ['Machine learning', 'ML', 'learning, machine', 'Machine lerning'],
  ['Crème brûlée baking', 'creme brulee baking', 'Baking crème brûlée'],
  ['Spanish', 'Español', 'spanish lessons'],
];
// …and these must stay apart from each other.
const different = ['Java', 'C', 'C++', 'C#', 'Piano', 'Pizza', 'Trench', 'French', 'Bass guitar', 'R', 'Go'];

describe('matching projection: skill names resolved when written', () => {
  const { events, userOf } = historyOf([...sameSkill.flat(), ...different]);
  const history = recorded(events);

  it('maps case, accents, typos, word order, near-forms and aliases onto one canonical skill each', async () => {
    await reset();
    await apply(history);
    for (const group of sameSkill) {
      const ids = await Promise.all(group.map((name) => skillIdOf(userOf.get(name)!)));
      expect(new Set(ids), `${group.join(' / ')} → ${ids.join(' / ')}`).toEqual(new Set([ids[0]]));
    }
    const aliasTargets = await Promise.all(['JS', 'ML'].map((name) => skillIdOf(userOf.get(name)!)));
    expect(aliasTargets).toEqual(['javascript', 'learning machine']);
  });

  it('keeps different skills apart, including near spellings of other words', async () => {
    await reset();
    await apply(history);
    const ids = await Promise.all(
      [...different, 'Guitar', 'JavaScript'].map((name) => skillIdOf(userOf.get(name)!)),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('records how each spelling was resolved and how similar it is', async () => {
    await reset();
    await apply(history);
    const rows = await database.db.selectFrom('skill_name_resolutions').selectAll().execute();
    const byKey = new Map(rows.map((r) => [r.name_key, r]));
    // Guitar and Python are curated skills (projections/data/common-skills.ts): known before anyone writes them.
    expect(byKey.get('guitar')).toMatchObject({ skill_id: 'guitar', method: 'exact', similarity: 1 });
    expect(byKey.get('js')).toMatchObject({ skill_id: 'javascript', method: 'alias', similarity: 1 });
    expect(byKey.get('python')).toMatchObject({ skill_id: 'python', method: 'exact' });
    const typo = byKey.get('pyhton')!;
    expect(typo).toMatchObject({ skill_id: 'python', method: 'fuzzy' });
    expect(typo.similarity).toBeGreaterThan(0.6);
    expect(typo.similarity).toBeLessThan(1);
    // "python programming" drops the filler word and is the very same key.
    expect(byKey.has('programming python')).toBe(false);
  });

  it('gives the same tables when every event is applied twice, and in one batch as on a rebuild', async () => {
    await reset();
    await apply(history);
    const once = await snapshot();
    await reset();
    await apply(history, 2);
    const twice = await snapshot();
    expect(twice).toEqual(once);
    // A rebuild cuts the log into other batches than the live run did: same tables.
    await reset();
    await database.db.transaction().execute((trx) => matchingProjection.apply(trx, [...history, ...history]));
    expect(await snapshot()).toEqual(once);
    expect(once.match_skills!.length).toBe(sameSkill.flat().length + different.length);
  });

  it('replaces a user’s skills with the latest list, and ignores an older event replayed later', async () => {
    await reset();
    const userId = randomUUID();
    const [registered, first, second] = recorded<UserEvent>([
      {
        type: 'UserRegistered',
        data: { userId, email: 'x@example.com', displayName: 'X', passwordHash: 'x', role: 'user' },
      },
      {
        type: 'SkillsChanged',
        data: { userId, teach: [teacher('Guitar'), teacher('guitarr', 'expert')], learn: [] },
      },
      {
        type: 'SkillsChanged',
        data: { userId, teach: [teacher('Welsh')], learn: [{ name: 'Guitar', level: 'beginner' }] },
      },
    ]);
    await apply([registered!, first!]);
    // Two spellings of one skill count once, at the higher level.
    expect(
      await database.db
        .selectFrom('match_skills')
        .select(['kind', 'skill_id', 'name', 'level_rank'])
        .where('user_id', '=', userId)
        .execute(),
    ).toEqual([{ kind: 'teach', skill_id: 'guitar', name: 'Guitar', level_rank: 3 }]);
    await apply([second!, first!]);
    const rows = await database.db
      .selectFrom('match_skills')
      .select(['kind', 'skill_id'])
      .where('user_id', '=', userId)
      .orderBy('kind')
      .execute();
    expect(rows).toEqual([
      { kind: 'learn', skill_id: 'guitar' },
      { kind: 'teach', skill_id: 'welsh' },
    ]);
  });

  it('stores languages case- and accent-insensitively and a typical UTC offset', async () => {
    await reset();
    await apply(history);
    const profile = await database.db
      .selectFrom('match_profiles')
      .selectAll()
      .where('user_id', '=', userOf.get('Guitar')!)
      .executeTakeFirstOrThrow();
    expect(profile.language_keys).toEqual(['english', 'espanol']);
    expect(profile.utc_offset_minutes).toBe(90);
  });

  it('keeps each member’s latest activity on their skills, logins included, never moving it back', async () => {
    await reset();
    const userId = randomUUID();
    const day = (d: number) => new Date(Date.UTC(2026, 0, d)).toISOString();
    const events = [
      ...recorded<UserEvent>(
        [
          {
            type: 'UserRegistered',
            data: { userId, email: 'a@example.com', displayName: 'A', passwordHash: 'x', role: 'user' },
          },
          { type: 'SkillsChanged', data: { userId, teach: [teacher('Guitar')], learn: [] } },
        ],
        { metadata: { occurredAt: day(1) } },
      ),
      ...recorded<UserEvent>([{ type: 'UserLoggedIn', data: { userId } }], {
        metadata: { occurredAt: day(9) },
      }),
      ...recorded<UserEvent>([{ type: 'UserLoggedIn', data: { userId } }], {
        metadata: { occurredAt: day(5) },
      }),
    ];
    await apply(events);
    const row = await database.db
      .selectFrom('match_skills')
      .select('active_at')
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(new Date(row.active_at).toISOString()).toBe(day(9));
  });
});

describe('matching projection: curated skills and names', () => {
  const labelOf = async (id: string) =>
    (await database.db.selectFrom('canonical_skills').select('label').where('id', '=', id).executeTakeFirst())
      ?.label;

  it('never lets a typo seen first name a curated skill', async () => {
    await reset();
    const { events, userOf } = historyOf(['Guitarr', 'Gitar', 'Guitar']);
    await apply(recorded(events));
    for (const name of ['Guitarr', 'Gitar', 'Guitar'])
      expect(await skillIdOf(userOf.get(name)!)).toBe('guitar');
    expect(await labelOf('guitar')).toBe('Guitar');
  });

  it('names a skill people created by its most common spelling, alike on a rebuild', async () => {
    await reset();
    // Kendama is in no curated list: the first spelling creates it, the most common one names it.
    const { events } = historyOf(['Kendamma', 'Kendama', 'kendama ', 'Kendama']);
    const history = recorded(events);
    await apply(history);
    expect(await labelOf('kendamma')).toBe('Kendama');
    const live = await snapshot();
    await reset();
    await database.db.transaction().execute((trx) => matchingProjection.apply(trx, history));
    expect(await snapshot()).toEqual(live);
  });

  it('counts two people who wrote the same spelling as 100% similar', async () => {
    await reset();
    const learner = randomUUID();
    const { events, userOf } = historyOf(['Kendamma', 'Kendama']);
    events.push(
      {
        type: 'UserRegistered',
        data: { userId: learner, email: 'l@example.com', displayName: 'L', passwordHash: 'x', role: 'user' },
      },
      {
        type: 'SkillsChanged',
        data: { userId: learner, teach: [], learn: [teacher('Kendama', 'beginner')] },
      },
    );
    await database.db.transaction().execute((trx) => usersProjection.apply(trx, recorded(events)));
    await apply(recorded(events));
    const matches = await findMatches(database.db, learner, { limit: 20 });
    const reasonWith = (name: string) =>
      matches.find((m) => m.user.id === userOf.get(name))?.reasons[0]?.similarity;
    expect(reasonWith('Kendama')).toBe(1);
    expect(reasonWith('Kendamma')).toBeLessThan(1);
  });

  it('resolves a filter text with the same lookup as a profile: "gitar" finds Guitar', async () => {
    await reset();
    const { events } = historyOf(['Guitar', 'Classical guitar']);
    await apply(recorded(events));
    const ids = await skillFilterIds(database.db, 'gitar');
    expect(ids).toEqual(expect.arrayContaining(['guitar', 'classical guitar']));
    expect(await skillFilterIds(database.db, 'pizza')).not.toContain('guitar');
  });
});

describe('match query: candidates per skill', () => {
  it('reads only the most recently active holders of a skill when asked to bound the work', async () => {
    await reset();
    const ids = Array.from({ length: 5 }, () => randomUUID());
    const [me, ...teachers] = ids;
    const events: RecordedEvent[] = [];
    ids.forEach((userId, i) => {
      const list = recorded<UserEvent>(
        [
          {
            type: 'UserRegistered',
            data: {
              userId,
              email: `${userId}@example.com`,
              displayName: `U${i}`,
              passwordHash: 'x',
              role: 'user',
            },
          },
          {
            type: 'SkillsChanged',
            data:
              i === 0
                ? { userId, teach: [], learn: [teacher('Oboe')] }
                : { userId, teach: [teacher('Oboe')], learn: [] },
          },
        ],
        { metadata: { occurredAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString() } },
      );
      events.push(...list.map((e, k) => ({ ...e, position: 1_000 + i * 2 + k })));
    });
    await database.db.transaction().execute(async (trx) => {
      await usersProjection.apply(trx, events);
      await matchingProjection.apply(trx, events);
    });
    const all = await findMatches(database.db, me!, { limit: 20 });
    expect(all.map((m) => m.user.id).sort()).toEqual([...teachers].sort());
    const bounded = await findMatches(database.db, me!, { limit: 20, candidatesPerSkill: 2 });
    expect(bounded.map((m) => m.user.id).sort()).toEqual(teachers.slice(2).sort());
  });
});
