import type { Db } from '../../platform/db/database.ts';
import type { Level } from '../identity/user.ts';

export interface PublicProfileDto {
  id: string;
  displayName: string;
  bio: string;
  avatarUrl: string | null;
  languages: string[];
  timezone: string | null;
  teach: { name: string; level: Level }[];
  learn: { name: string; level: Level }[];
  reputation: {
    rating: number | null;
    reviews: number;
    sessionsHosted: number;
    studentsTaught: number;
    badges: string[];
  };
}

const defaultLevel = { teach: 'intermediate', learn: 'beginner' } as const;

/** Public profiles (API.md) of several users from the users read model, in two queries; unknown ids are left out. */
export async function findPublicProfiles(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, PublicProfileDto>> {
  const profiles = new Map<string, PublicProfileDto>();
  if (ids.length === 0) return profiles;
  const [users, skills] = await Promise.all([
    db.selectFrom('users').selectAll().where('id', 'in', ids).where('status', '!=', 'deleted').execute(),
    db
      .selectFrom('user_skills')
      .select(['user_id', 'kind', 'name', 'level'])
      .where('user_id', 'in', ids)
      .orderBy('user_id')
      .orderBy('kind')
      .orderBy('sort')
      .execute(),
  ]);
  for (const user of users) {
    const mine = skills.filter((s) => s.user_id === user.id);
    const list = (kind: 'teach' | 'learn') =>
      mine
        .filter((s) => s.kind === kind)
        .map((s) => ({ name: s.name, level: (s.level ?? defaultLevel[kind]) as Level }));
    profiles.set(user.id, {
      id: user.id,
      displayName: user.display_name,
      bio: user.bio,
      avatarUrl: user.avatar_url,
      languages: user.languages,
      timezone: user.timezone,
      teach: list('teach'),
      learn: list('learn'),
      reputation: { rating: null, reviews: 0, sessionsHosted: 0, studentsTaught: 0, badges: [] },
    });
  }
  return profiles;
}
