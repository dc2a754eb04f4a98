import { sql } from 'kysely';
import { defaultLevel, type Level } from '../src/features/identity/events.ts';
import { roundRating } from '../src/features/reviews/events.ts';
import type { Db } from '../src/platform/db/database.ts';
import { canonicalOfKeys, skillKeysOf } from './lib/skill-resolution.ts';
import { levelHistoryOf } from './skill-levels.ts';

export interface SkillProgress {
  skill: string;
  teachLevel: Level | null;
  learnLevel: Level | null;
  sessionsAttended: number;
  sessionsHosted: number;
  hoursLearned: number;
  hoursTaught: number;
  ratingsReceived: number;
  averageRating: number | null;
  levelHistory: { level: Level; since: string; kind: 'teach' | 'learn' }[];
}

interface SessionFigures {
  skill_key: string;
  skill: string;
  sessions: number;
  minutes: number;
}

const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/**
 * `GET /api/me/progress`: per skill I list (teach or learn) or had sessions in, grouped by canonical skill
 * (so "Guitarr" sessions count for "Guitar"): sessions attended and hosted (held, with attendees), their
 * hours, ratings received as host, and each level I declared since when. Listed skills come first, in
 * the order of my lists.
 */
export async function progressOf(db: Db, userId: string): Promise<SkillProgress[]> {
  const [listed, hosted, attended, ratings, history] = await Promise.all([
    db
      .selectFrom('user_skills')
      .select(['kind', 'name', 'level'])
      .where('user_id', '=', userId)
      .orderBy('kind', 'desc')
      .orderBy('sort')
      .execute(),
    sql<SessionFigures>`
      select s.skill_key, min(s.skill) as skill, count(*)::int as sessions, sum(s.duration_minutes)::int as minutes
      from reputation_sessions s
      where s.host_id = ${userId} and s.held
        and exists (select 1 from reputation_attendees a where a.session_id = s.session_id)
      group by s.skill_key order by s.skill_key`.execute(db),
    sql<SessionFigures>`
      select s.skill_key, min(s.skill) as skill, count(*)::int as sessions, sum(s.duration_minutes)::int as minutes
      from reputation_attendees a join reputation_sessions s on s.session_id = a.session_id
      where a.user_id = ${userId} and s.held
      group by s.skill_key order by s.skill_key`.execute(db),
    sql<{ skill_key: string; skill: string; n: number; total: number }>`
      select s.skill_key, min(s.skill) as skill, count(*)::int as n, sum(r.rating)::int as total
      from reviews r join reputation_sessions s on s.session_id = r.session_id
      where r.host_id = ${userId}
      group by s.skill_key order by s.skill_key`.execute(db),
    levelHistoryOf(db, userId),
  ]);
  const listedKeys = await skillKeysOf(
    db,
    listed.map((s) => s.name),
  );
  const canonical = await canonicalOfKeys(db, [
    ...listedKeys,
    ...[hosted, attended, ratings].flatMap((q) => q.rows.map((r) => r.skill_key)),
    ...history.map((h) => h.skillKey),
  ]);
  const idOf = (key: string) => canonical.get(key) ?? key;

  const bySkill = new Map<string, SkillProgress>();
  const entry = (key: string, name: string) => {
    const id = idOf(key);
    let progress = bySkill.get(id);
    if (!progress) {
      progress = {
        skill: name,
        teachLevel: null,
        learnLevel: null,
        sessionsAttended: 0,
        sessionsHosted: 0,
        hoursLearned: 0,
        hoursTaught: 0,
        ratingsReceived: 0,
        averageRating: null,
        levelHistory: [],
      };
      bySkill.set(id, progress);
    }
    return progress;
  };
  listed.forEach((s, i) => {
    const progress = entry(listedKeys[i]!, s.name);
    const level = (s.level ?? defaultLevel[s.kind]) as Level;
    if (s.kind === 'teach') progress.teachLevel = level;
    else progress.learnLevel = level;
  });
  const minutes = new Map<SkillProgress, { taught: number; learned: number; ratings: number }>();
  const sums = (p: SkillProgress) => {
    const found = minutes.get(p) ?? { taught: 0, learned: 0, ratings: 0 };
    minutes.set(p, found);
    return found;
  };
  for (const r of hosted.rows) {
    const p = entry(r.skill_key, r.skill);
    p.sessionsHosted += r.sessions;
    sums(p).taught += r.minutes;
  }
  for (const r of attended.rows) {
    const p = entry(r.skill_key, r.skill);
    p.sessionsAttended += r.sessions;
    sums(p).learned += r.minutes;
  }
  for (const r of ratings.rows) {
    const p = entry(r.skill_key, r.skill);
    p.ratingsReceived += r.n;
    sums(p).ratings += r.total;
  }
  for (const [p, m] of minutes) {
    p.hoursTaught = hours(m.taught);
    p.hoursLearned = hours(m.learned);
    p.averageRating = p.ratingsReceived > 0 ? roundRating(m.ratings / p.ratingsReceived) : null;
  }
  // History is shown for the skills above only; a skill dropped from both lists and never practised is gone.
  for (const h of history) {
    bySkill.get(idOf(h.skillKey))?.levelHistory.push({ level: h.level, since: h.since, kind: h.kind });
  }
  const all = [...bySkill.values()];
  const listedCount = new Set(listedKeys.map(idOf)).size;
  const practisedOnly = all.slice(listedCount).sort((a, b) => a.skill.localeCompare(b.skill));
  return [...all.slice(0, listedCount), ...practisedOnly];
}
