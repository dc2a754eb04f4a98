import { randomUUID } from 'node:crypto';
import { userEventsFor } from './user-commands.ts';
import type { EventStore } from '../../src/platform/event-store/port.ts';

/** Writes `users` realistic user histories (register, profile edits, skill changes, avatar, role, logins). */
export async function writeIdentityHistory(store: EventStore, users: number, seed: number): Promise<void> {
  for (let i = 0; i < users; i++) {
    const userId = randomUUID();
    await userEventsFor(store, userId, [
      {
        type: 'RegisterUser',
        userId,
        email: `u${seed}-${i}-${userId.slice(0, 8)}@example.com`,
        displayName: `User ${seed}.${i}`,
        passwordHash: 'x',
        role: 'user',
      },
      {
        type: 'UpdateProfile',
        changes: { bio: `Bio ${i}`, languages: ['English', 'Español'], timezone: 'Europe/Madrid' },
      },
      {
        type: 'ChangeSkills',
        teach: [
          { name: 'Guitar', level: 'advanced' },
          { name: `Skill ${i}`, level: 'expert' },
        ],
        learn: [{ name: 'Python', level: 'beginner' }],
      },
      { type: 'RecordLogin' },
      {
        type: 'ChangeSkills',
        teach: [{ name: 'Guitar', level: 'expert' }],
        learn: [
          { name: 'Python', level: 'intermediate' },
          { name: 'Café culture', level: 'beginner' },
        ],
      },
      {
        type: 'ChangeAvatar',
        avatarUrl: `/media/avatars/${'a'.repeat(64)}.png`,
        contentType: 'image/png',
        bytes: 100,
      },
      ...(i % 2 === 0 ? [{ type: 'ChangeRole' as const, role: 'moderator' as const }] : []),
      { type: 'UpdateProfile', changes: { displayName: `Renamed ${seed}.${i}` } },
    ]);
  }
}
