import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './platform/logger.ts';
import { startServer } from './server.ts';

// Composition root: config → database → event store → projections → HTTP.
let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const logger = createLogger(config.logLevel);
const server = await startServer(config, logger);
logger.info(
  {
    url: server.url,
    database: config.databaseUrl ? 'postgres' : `pglite (${config.dataDir}/pglite)`,
    eventStore: config.eventstoreUrl ? 'eventstoredb' : 'postgres',
    video: config.livekit ? 'livekit' : 'not configured',
  },
  `SkillSwap is listening on ${server.url}`,
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
