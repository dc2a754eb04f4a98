import type { z } from '@hono/zod-openapi';
import type { Db } from '../../platform/db/database.ts';
import type { PublicProfile } from './schemas.ts';
import { defaultLevel } from './skills.ts';
import type { Level } from './user.ts';

export type PublicProfileData = z.infer<typeof PublicProfile>;

/** Public profiles (no email) of many users in two queries, keyed by id; unknown or deleted ids are absent. */
export async function findPublicProfiles(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, PublicProfileData>> {
  const unique = [...new Set(ids)];
  const profiles = new Map<string, PublicProfileData>();
  if (unique.length === 0) return profiles;
  const [users, skills] = await Promise.all([
    db.selectFrom('users').selectAll().where('id', 'in', unique).where('status', '!=', 'deleted').execute(),
    db
      .selectFrom('user_skills')
      .select(['user_id', 'kind', 'name', 'level'])
      .where('user_id', 'in', unique)
      .orderBy('user_id')
      .orderBy('kind')
      .orderBy('sort')
      .execute(),
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
      reputation: { rating: null, reviews: 0, sessionsHosted: 0, studentsTaught: 0, badges: [] },
    });
  }
  for (const skill of skills) {
    const level = (skill.level ?? defaultLevel[skill.kind]) as Level;
    profiles.get(skill.user_id)?.[skill.kind].push({ name: skill.name, level });
  }
  return profiles;
}
