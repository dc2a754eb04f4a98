import os from 'node:os';
import path from 'node:path';
import { createApp } from '../app.ts';

/**
 * An inert stand-in for a dependency (database, store, logger, metrics, rate limits…). `createApp` wires
 * dependencies into middleware and routes while it builds them (`deps.limits.create(...)`,
 * `httpMetrics(deps.metrics)`), but only requests use them, and no request is made here: every property
 * and every call of a stand-in is another stand-in, so no database or server is ever touched.
 */
function inert(): object {
  const standIn: object = new Proxy(() => undefined, {
    get: (_, key) => (typeof key === 'symbol' || key === 'then' ? undefined : standIn),
    apply: () => standIn,
    construct: () => standIn,
  });
  return standIn;
}

/**
 * The least `createApp(deps, config)` needs to build the routes: the config values it reads while building
 * (a config value shapes what gets built, so one it reads but is not given here fails at once, naming it),
 * and inert dependencies.
 */
function constructionArgs(): Parameters<typeof createApp> {
  const config: Record<string, unknown> = {
    dataDir: path.join(os.tmpdir(), 'skillswap-openapi'), // avatar routes only join paths onto it
    webDist: os.tmpdir(), // any existing directory (serveStatic warns otherwise); nothing is served
    rateLimits: {}, // only handed to the (inert) rate limiters
    publicUrl: 'http://localhost:3000', // the base of links in account emails
    requireVerifiedEmailToHost: false, // a check inside a route, not a route
    livekit: undefined, // video routes are the same either way
    iceServers: [],
    callsPerMinute: 1,
  };
  const strictConfig = new Proxy(config, {
    get(t, key) {
      if (typeof key === 'symbol' || key in t) return t[key as string];
      throw new Error(
        `src/cli/openapi.ts: createApp read config.${key}; give it a value in constructionArgs().`,
      );
    },
  });
  type Args = Parameters<typeof createApp>;
  return [inert() as Args[0], strictConfig as unknown as Args[1]];
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
