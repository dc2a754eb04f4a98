/**
 * A process that takes the DATA_DIR lock and holds it until killed (data-dir-lock tests):
 * `node --import tsx tests/support/lock-holder.ts <dataDir>` prints `locked <pid>` once it holds it.
 */
import { acquireDataDirLock } from '../../src/platform/db/data-dir-lock.ts';

acquireDataDirLock(process.argv[2]!);
process.stdout.write(`locked ${process.pid}\n`);
setInterval(() => undefined, 60_000);
