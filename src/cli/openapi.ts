import os from 'node:os';
import path from 'node:path';
import { createApp } from '../app.ts';

/**
 * What `createApp(deps, config)` reads while it builds the routes: a few config values, nothing from deps.
 * The database, event store, projections, logger and clock are read per request, and no request is made
 * here, so these minimal objects stand in for the real ones. Reading anything not listed fails loudly, so a
 * server change that needs more at construction time shows up here instead of as a silently wrong document.
 */
function constructionArgs(): Parameters<typeof createApp> {
  const config = {
    dataDir: path.join(os.tmpdir(), 'skillswap-openapi'), // avatar routes only join paths onto it
    webDist: os.tmpdir(), // any existing directory (serveStatic warns otherwise); nothing is served
    rateLimits: { loginPerMinute: 10, registerPerHour: 20, messagesPerMinute: 60 },
  };
  const strict = <T extends object>(target: T, name: string): T =>
    new Proxy(target, {
      get(t, key) {
        if (typeof key === 'symbol' || key in t) return Reflect.get(t, key) as unknown;
        throw new Error(`src/cli/openapi.ts: createApp read ${name}.${key}; add it to constructionArgs().`);
      },
    });
  type Args = Parameters<typeof createApp>;
  return [strict({}, 'deps') as Args[0], strict(config, 'config') as unknown as Args[1]];
}

/*
 * Prints the OpenAPI document the server serves at `/api/openapi.json` (`npm run api:doc`), built from the
 * registered routes without starting a server or opening a database. The settings mirror the
 * `app.doc31(...)` call in src/app.ts; only `paths` and `components` matter to the web's generated types
 * (`npm run api:types` reads this output).
 */
const document = createApp(...constructionArgs()).getOpenAPI31Document({
  openapi: '3.1.0',
  info: {
    title: 'SkillSwap API',
    version: '1.0.0',
    description: 'Sign-in is a session cookie. Errors are application/problem+json (RFC 9457).',
  },
});
process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
