import { parseArgs } from 'node:util';
import { runAsAnalyst } from '../../projections/analytics.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../platform/logger.ts';
import { openPlatform } from '../server.ts';

const usage = `Usage: npm run analytics -- [--csv] "select … from analytics.<view>"
Runs one read-only query with the analysts' rights (the analytics views only; docs/analytics.md).
In embedded mode (no DATABASE_URL) stop the app first: PGlite allows one process per DATA_DIR.`;

const { positionals, values } = parseArgs({ allowPositionals: true, options: { csv: { type: 'boolean' } } });
const query = positionals.join(' ').trim();
if (!query) {
  console.error(usage);
  process.exit(2);
}

const csvCell = (value: unknown) => {
  const text =
    value === null || value === undefined
      ? ''
      : value instanceof Date
        ? value.toISOString()
        : typeof value === 'string'
          ? value
          : JSON.stringify(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

const platform = await openPlatform(loadConfig(), createLogger('warn'));
try {
  const rows = await runAsAnalyst(platform.deps.db, query);
  if (values.csv) {
    const columns = Object.keys(rows[0] ?? {});
    console.log(columns.join(','));
    for (const row of rows) console.log(columns.map((c) => csvCell(row[c])).join(','));
  } else {
    console.table(rows);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await platform.close();
}
