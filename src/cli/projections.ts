import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { createLogger } from '../platform/logger.ts';
import { openPlatform } from '../server.ts';

const usage = `Usage: npm run projections -- <command>
  status               position, status and last error of every projection
  rebuild <name>       empty one read model and rebuild it from the whole event log
  rebuild --all        rebuild every read model
In embedded mode (no DATABASE_URL) stop the app first: PGlite allows one process per DATA_DIR.`;

const { positionals, values } = parseArgs({ allowPositionals: true, options: { all: { type: 'boolean' } } });
const [command, name] = positionals;
if (!command || !['status', 'rebuild'].includes(command) || (command === 'rebuild' && !name && !values.all)) {
  console.error(usage);
  process.exit(2);
}

const config = loadConfig();
const platform = await openPlatform(
  config,
  createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel),
);
const runner = platform.deps.projections;
try {
  if (command === 'rebuild') {
    const names = values.all ? runner.names : [name!];
    for (const n of names)
      if (!runner.names.includes(n))
        throw new Error(`Unknown projection "${n}". Known: ${runner.names.join(', ')}`);
    await runner.start();
    const started = Date.now();
    for (const n of names) await runner.rebuild(n);
    const head = await platform.deps.store.headPosition();
    const done = await runner.waitFor(head, { names, timeoutMs: 3_600_000 });
    console.log(
      `${done ? 'Rebuilt' : 'Timed out rebuilding'} ${names.join(', ')} up to position ${head} in ${Date.now() - started} ms.`,
    );
  } else {
    await runner.start();
    await runner.catchUp(5_000);
  }
  console.table(runner.status());
  const failed = runner.status().filter((s) => s.status === 'failed');
  process.exitCode = failed.length > 0 ? 1 : 0;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await platform.close();
}
