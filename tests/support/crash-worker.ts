// Run as a child process: applies the `seen` projection and exits abruptly in the middle of a batch,
// after `crashAt` rows were written in that batch's open transaction.
import { openDatabase } from '../../src/platform/db/database.ts';
import { PostgresEventStore } from '../../src/platform/event-store/postgres.ts';
import { ProjectionRunner } from '../../src/platform/projections/runner.ts';
import { seenProjection } from './seen-projection.ts';

const [target, crashAtArg] = process.argv.slice(2);
const crashAt = Number(crashAtArg);
const database = target!.startsWith('postgres')
  ? await openDatabase({ databaseUrl: target })
  : await openDatabase({ pgliteDir: target });
const store = await PostgresEventStore.create({ db: database.db, pool: database.pool });
const runner = new ProjectionRunner(database.db, store, [
  seenProjection('seen_crash', (position) => {
    if (position === crashAt) process.exit(9);
  }),
]);
await runner.start();
await runner.catchUp(60_000);
process.exit(0); // not reached when the crash position exists
