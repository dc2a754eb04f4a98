import type { Db } from '../../src/platform/db/database.ts';
import type { EventStore } from '../../src/platform/event-store/port.ts';
import type { Projection } from '../../src/platform/projections/projection.ts';
import { ProjectionRunner } from '../../src/platform/projections/runner.ts';

/**
 * Idempotence check: moves every checkpoint back to zero without emptying the tables and runs the
 * projections to the head again, so every event applies a second time. Stop the live runner first.
 */
export async function replayOverKeptTables(
  db: Db,
  store: EventStore,
  projections: readonly Projection[],
): Promise<void> {
  await db.updateTable('projection_checkpoints').set({ position: 0 }).execute();
  const replay = new ProjectionRunner(db, store, projections);
  await replay.start();
  await replay.catchUp();
  await replay.stop();
}
