import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/database.ts';

// PGlite answers a query on this thread, in a microtask. The embedded database must still let the event
// loop turn between one chain's queries, as a server's round trips do: otherwise a request's whole chain of
// queries runs in one turn, a crowd is accepted one connection per answered request, and nothing batches.
let handle: DatabaseHandle | undefined;
afterAll(async () => {
  await handle?.close();
});

describe('the embedded database between queries', () => {
  it('lets other work of the event loop run while one chain of queries goes on', async () => {
    handle = await openDatabase({});
    const db = handle.db;
    const order: string[] = [];
    const chain = (async () => {
      for (let i = 1; i <= 5; i++) {
        await sql`select ${i}::int as n`.execute(db);
        order.push(`query ${i}`);
      }
    })();
    // Work that arrives as a macrotask: a new connection, a timer, another request's next step.
    setImmediate(() => order.push('other work'));
    await chain;
    expect(order).toContain('other work');
    expect(order.indexOf('other work')).toBeLessThan(order.indexOf('query 5'));
  });

  it('keeps a transaction whole while others wait their turn', async () => {
    const db = (handle ??= await openDatabase({})).db;
    await sql`create table turns (n int)`.execute(db);
    const inside: number[][] = [];
    await Promise.all([
      db.transaction().execute(async (trx) => {
        await sql`insert into turns values (1)`.execute(trx);
        await sql`insert into turns values (2)`.execute(trx);
        inside.push(
          (await sql<{ n: number }>`select n from turns order by n`.execute(trx)).rows.map((r) => r.n),
        );
      }),
      sql`insert into turns values (3)`.execute(db),
    ]);
    expect(inside).toEqual([[1, 2]]);
    const all = await sql<{ n: number }>`select n from turns order by n`.execute(db);
    expect(all.rows.map((r) => r.n)).toEqual([1, 2, 3]);
  });
});
