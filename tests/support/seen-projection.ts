import { sql } from 'kysely';
import type { Db } from '../../src/platform/db/database.ts';
import type { Projection } from '../../src/platform/projections/projection.ts';

/**
 * A test read model with no unique key, so a duplicate application would show as a second row.
 * `onEvent` runs after each row is written, inside the batch's transaction (to fail or crash mid-batch).
 */
export function seenProjection(
  name: string,
  onEvent: (position: number) => void = () => undefined,
): Projection {
  return {
    name,
    version: 1,
    tables: [name as never],
    handles: ['TestHappened'],
    async apply(db, events) {
      for (const e of events) {
        await sql`insert into ${sql.table(name)} (position) values (${e.position})`.execute(db);
        onEvent(e.position);
      }
    },
  };
}

export async function createSeenTable(db: Db, name: string) {
  await sql`create table if not exists ${sql.table(name)} (position bigint not null)`.execute(db);
}

/** Rows of the table: positions in order, and whether every position appears exactly once with no gap. */
export async function seenPositions(db: Db, name: string) {
  const { rows } = await sql<{
    position: number;
  }>`select position from ${sql.table(name)} order by position`.execute(db);
  return rows.map((r) => Number(r.position));
}
