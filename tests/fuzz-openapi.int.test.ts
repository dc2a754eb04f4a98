import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from './support/http-client.ts';
import {
  checkAnswer,
  describeRequest,
  operationsOf,
  requestsFor,
  resent,
  send,
  type FuzzWorld,
  type OpenApiDocument,
  type Operation,
} from './support/openapi-fuzz.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp } from './support/users.ts';

// Every operation of /api/openapi.json, fed hostile requests signed out and signed in: no answer may be a
// 5xx, and every 4xx must be problem+json (docs/api.md). A small fixed budget runs in `npm test`;
// `npm run fuzz` runs a larger one (FUZZ_RUNS per operation and mode, FUZZ_SEED).
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_201);

let app: TestApp;
let doc: OpenApiDocument;
let operations: Operation[];
let world: FuzzWorld;
let sessionCookie: string;
let lastRequest = '';

beforeAll(async () => {
  app = await startTestApp();
  doc = (await new HttpClient(app.url).get<OpenApiDocument>('/api/openapi.json')).body;
  // Signing out ends the session the other operations use: it runs last.
  operations = operationsOf(doc).sort(
    (a, b) => Number(a.path === '/api/auth/logout') - Number(b.path === '/api/auth/logout'),
  );

  // A small world, so valid ids reach past "unknown id": two connected people, a group, a message.
  const [ada, bob] = [await signUp(app.url, 'Ada'), await signUp(app.url, 'Bob')];
  const connection = await ada.client.post<{ id: string }>('/api/connections', { json: { userId: bob.id } });
  expect((await bob.client.post(`/api/connections/${connection.body.id}/accept`)).status).toBe(200);
  const group = await ada.client.post<{ id: string }>('/api/groups', { json: { name: 'Fuzzers' } });
  const message = await ada.client.post<{ id: string }>(`/api/conversations/${bob.id}/messages`, {
    json: { body: 'hello' },
  });
  expect([connection.status, group.status, message.status]).toEqual([201, 201, 201]);
  world = {
    knownIds: [ada.id, bob.id, connection.body.id, group.body.id, message.body.id],
    origin: new URL(app.url).origin,
  };
  sessionCookie = [...ada.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  console.info(
    `fuzz: ${operations.length} operations × ${RUNS} runs × 2 (signed out, signed in), seed ${SEED}`,
  );
});
afterAll(async () => {
  if (resent.count > 0)
    console.info(`fuzz: ${resent.count} request(s) resent after a closed keep-alive connection`);
  await app?.close();
});

/** Runs every operation's property; collects each failing operation's report instead of stopping. */
async function fuzzAll(cookie: () => string | undefined, seedOffset: number): Promise<string[]> {
  const failures: string[] = [];
  for (const [index, op] of operations.entries()) {
    const property = fc.asyncProperty(requestsFor(op, doc, world, cookie()), async (request) => {
      const answer = await send(app.url, request).catch((error: unknown) => ({
        status: 599,
        contentType: '',
        text: `no answer: ${String(error)} (${String((error as { cause?: unknown }).cause)}) after ${lastRequest}`,
      }));
      lastRequest = describeRequest(request);
      const broken = checkAnswer(answer);
      if (broken) throw new Error(`${broken}\n  request: ${describeRequest(request)}`);
    });
    const details = await fc.check(property, { numRuns: RUNS, seed: SEED + seedOffset + index });
    if (details.failed) {
      // The error names the (shrunk) request briefly; fast-check's own report prints it whole.
      const error =
        details.errorInstance instanceof Error
          ? details.errorInstance.message
          : String(details.errorInstance);
      failures.push(
        `${op.method} ${op.path} (seed ${details.seed}, path "${details.counterexamplePath}"): ${error}`,
      );
    }
  }
  return failures;
}

// A budget of ~1.2 s per run and operation (argon2 on sign-up and login, shrinking) bounds each test.
const timeout = () => 60_000 + RUNS * 35 * 1_200;

describe('fuzzing every operation of the OpenAPI document', () => {
  it('finds the operations', () => {
    expect(operations.length).toBeGreaterThan(30);
    expect(operations.some((op) => op.json)).toBe(true);
  });

  it('signed out: no 5xx, every 4xx is problem+json', { timeout: timeout() }, async () => {
    expect(await fuzzAll(() => undefined, 0)).toEqual([]);
  });

  it('signed in: no 5xx, every 4xx is problem+json', { timeout: timeout() }, async () => {
    expect(await fuzzAll(() => sessionCookie, 10_000)).toEqual([]);
  });
});
