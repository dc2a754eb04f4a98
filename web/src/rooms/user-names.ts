import { signal } from '@preact/signals';
import { profileApi } from '../profile/api.ts';

/** Display names by user id, filled from read models, presence and `GET /api/users/:id`. */
export const userNames = signal<ReadonlyMap<string, string>>(new Map());
const asked = new Set<string>();

export function rememberName(id: string, name: string | null | undefined): void {
  if (!name || userNames.value.get(id) === name) return;
  userNames.value = new Map(userNames.value).set(id, name);
}

/** The name if known; otherwise asks the API once and answers a placeholder meanwhile. */
export function nameOf(id: string): string {
  const known = userNames.value.get(id);
  if (known) return known;
  if (!asked.has(id)) {
    asked.add(id);
    profileApi.user(id).then(
      (profile) => rememberName(id, profile.displayName),
      () => rememberName(id, 'Former member'),
    );
  }
  return 'Someone';
}
