import os from 'node:os';
import path from 'node:path';
import { createApp } from '../app.ts';

const fail = (what: string): never => {
  throw new Error(
    `src/cli/openapi.ts: createApp used ${what} while building the routes; give it a value here.`,
  );
};

/**
 * A stand-in for a dependency (database, store, metrics…) that `createApp` may hand to middleware or
 * routes while it builds them but must only use per request. No request is made here, so using it fails.
 */
function unusable(name: string): object {
  return new Proxy(() => undefined, {
    get: (_, key) => (typeof key === 'symbol' ? undefined : fail(`${name}.${key}`)),
    apply: () => fail(`${name}()`),
  });
}

/**
 * What `createApp(deps, config)` needs to build the routes without a server or a database: the few config
 * values it reads while building, and for every dependency a stand-in that fails loudly when used. A server
 * change that reads more at construction time then names itself here instead of yielding a wrong document.
 */
function constructionArgs(): Parameters<typeof createApp> {
  const config: Record<string, unknown> = {
    dataDir: path.join(os.tmpdir(), 'skillswap-openapi'), // avatar routes only join paths onto it
    webDist: os.tmpdir(), // any existing directory (serveStatic warns otherwise); nothing is served
    rateLimits: { loginPerMinute: 10, registerPerHour: 20, messagesPerMinute: 60 },
  };
  const strictConfig = new Proxy(config, {
    get: (t, key) => (typeof key === 'symbol' || key in t ? t[key as string] : fail(`config.${key}`)),
  });
  const deps = new Proxy(
    {},
    { get: (_, key) => (typeof key === 'symbol' ? undefined : unusable(`deps.${key}`)) },
  );
  type Args = Parameters<typeof createApp>;
  return [deps as Args[0], strictConfig as unknown as Args[1]];
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
