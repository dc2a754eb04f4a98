import type { Migration } from 'kysely';
import * as eventStore from './2026-11-21-01-event-store.ts';
import * as identityReadModels from './2026-11-21-02-identity-read-models.ts';
import * as blocks from './2026-11-21-03-blocks.ts';
import * as matching from './2026-11-21-10-matching.ts';

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '2026-11-21-01-event-store': eventStore,
  '2026-11-21-02-identity-read-models': identityReadModels,
  '2026-11-21-03-blocks': blocks,
  '2026-11-21-10-matching': matching,
};
