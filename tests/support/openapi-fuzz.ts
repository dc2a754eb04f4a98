/**
 * Hostile requests derived from the app's own OpenAPI document (fuzz-openapi.int.test.ts): for each
 * operation, fast-check arbitraries for its path parameters, query and body, shaped by the schemas and
 * mixed with what breaks servers (lone surrogates, NUL, huge or deeply nested input, wrong types, broken
 * percent-escapes, odd headers). `checkAnswer` holds the API contract every answer must keep.
 */
import fc from 'fast-check';

export interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface OperationObject {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  method: string;
  /** The OpenAPI template, e.g. `/api/groups/{id}/members`. */
  path: string;
  pathParams: Parameter[];
  query: Parameter[];
  /** The JSON body's schema, when the operation takes JSON. */
  json: Schema | undefined;
  /** Other media types the body may have (the avatar's images). */
  mediaTypes: string[];
}

export interface FuzzRequest {
  method: string;
  /** Path and query, already percent-encoded (or deliberately broken). */
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** Every operation of the document, in document order. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, op]) => {
        const parameters = op.parameters ?? [];
        const content = op.requestBody?.content ?? {};
        return {
          method: method.toUpperCase(),
          path,
          pathParams: parameters.filter((p) => p.in === 'path'),
          query: parameters.filter((p) => p.in === 'query'),
          json: content['application/json']?.schema,
          mediaTypes: Object.keys(content).filter((t) => t !== 'application/json'),
        };
      }),
  );
}

// --- strings ----------------------------------------------------------------------------------------

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const oddChar = fc.constantFrom(
  '\u0000',
  '\u0001',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u200b',
  '\u202e',
  '\u2028',
  '\ufeff',
  '\ufffd',
  '\uffff',
  '\t',
  '\r\n',
  '%',
  '\\',
  '"',
  "'",
  '<',
  '😀',
  '𝄞',
  '👩‍👩‍👧',
  'İ',
  'ﬁ',
  'é',
);
const hostileUnit = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...'abcxyz ABC019-_.') },
  { weight: 2, arbitrary: oddChar },
  { weight: 2, arbitrary: loneSurrogate },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

/** Strings servers choke on: lone surrogates, NUL and control characters, huge ones, tricky words. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: hostileUnit, maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u0000',
      '\ud800',
      '\udfff',
      'null',
      '__proto__',
      'constructor',
      '0',
      '-1',
      '1e309',
      'NaN',
      "'; drop table users; --",
      '%00',
      '%E0%A4%A',
      '../../etc/passwd',
      'group-00000000-0000-0000-0000-000000000000',
    ),
  },
  // Long enough to pass length limits' neighbourhood, or the 256 KB body limit.
  { weight: 1, arbitrary: fc.constantFrom(61, 81, 2_001, 4_001, 20_000, 300_000).map((n) => 'é'.repeat(n)) },
);

/** UTF-8 percent-encoding that never throws (lone surrogates become U+FFFD, as browsers send them). */
export function encode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Escapes the encoder would never produce: broken, overlong, encoded surrogates, NUL, slashes. */
const rawEscape = fc.constantFrom(
  '%00',
  '%',
  '%%',
  '%A',
  '%E0%A4%A',
  '%ED%A0%80',
  '%C0%AF',
  '%FF%FE',
  '%2F',
  '%2e%2e',
  'a%20b',
  '%25',
);

const sometimes = <T>(arbitrary: fc.Arbitrary<T>, weight = 1, otherwise = 3) =>
  fc.oneof(
    { weight: otherwise, arbitrary: fc.constant(undefined) },
    { weight, arbitrary: arbitrary.map((v): T | undefined => v) },
  );

// --- values from schemas ----------------------------------------------------------------------------

export interface FuzzWorld {
  /** Ids that exist (users, groups, connections, messages), so checks past "unknown id" run too. */
  knownIds: string[];
  /** The app's own origin, e.g. `http://127.0.0.1:1234`. */
  origin: string;
}

const resolve = (doc: OpenApiDocument, schema: Schema): Schema => {
  let s = schema;
  for (let hops = 0; s.$ref && hops < 10; hops++) {
    s = doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')] ?? {};
  }
  return s;
};

const anyJson = fc.jsonValue({ maxDepth: 3 });

/** Values for `schema`: mostly of its shape (valid or near-valid), sometimes hostile or of a wrong type. */
export function valueFor(
  doc: OpenApiDocument,
  schema: Schema,
  world: FuzzWorld,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  return fc.oneof(
    { weight: 5, arbitrary: shaped(doc, s, world, depth) },
    { weight: 1, arbitrary: depth > 3 ? fc.constant(null) : anyJson },
  );
}

function shaped(doc: OpenApiDocument, s: Schema, world: FuzzWorld, depth: number): fc.Arbitrary<unknown> {
  const variants = s.anyOf ?? s.oneOf;
  if (variants?.length) return fc.oneof(...variants.map((v) => valueFor(doc, v, world, depth + 1)));
  if (s.allOf?.length) return valueFor(doc, s.allOf[0]!, world, depth + 1);
  if (s.const !== undefined) return fc.oneof(fc.constant(s.const), hostileString);
  if (s.enum?.length) return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...s.enum) }, hostileString);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : ['object'];
  return fc.oneof(...types.map((type) => ofType(doc, s, type, world, depth)));
}

function ofType(
  doc: OpenApiDocument,
  s: Schema,
  type: string,
  world: FuzzWorld,
  depth: number,
): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number':
      return fc.oneof(
        fc.integer({ min: s.minimum ?? -5, max: s.maximum ?? 500 }),
        fc.integer(),
        fc.double(), // NaN and ±Infinity become null in JSON
        fc.constantFrom(-0, 0.5, 2 ** 53 + 1, 1e308, -1e308),
      );
    case 'string':
      if (s.format === 'uuid') return fc.oneof(fc.uuid(), fc.constantFrom(...world.knownIds), hostileString);
      return fc.oneof(
        fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 30, 30) }),
        hostileString,
      );
    case 'array':
      if (depth > 3) return fc.constant([]);
      return fc.array(valueFor(doc, s.items ?? {}, world, depth + 1), {
        maxLength: Math.min((s.maxItems ?? 5) + 2, 35),
      });
    default: {
      if (depth > 3) return fc.constant({});
      const properties = Object.fromEntries(
        Object.entries(s.properties ?? {}).map(([k, v]) => [k, valueFor(doc, v, world, depth + 1)]),
      );
      return fc
        .tuple(
          fc.record(properties, { requiredKeys: [] }),
          sometimes(fc.dictionary(hostileString, anyJson, { maxKeys: 3 })),
        )
        .map(([known, extra]) => ({ ...extra, ...known }));
    }
  }
}

// --- requests ---------------------------------------------------------------------------------------

/** Header values fetch can send: Latin-1 without CR, LF or NUL. */
const headerText = fc.string({
  unit: fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
    { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)) },
  ),
  maxLength: 60,
});

/** JSON nested 100 to 100,000 levels deep (JSON.parse copes; recursive code does not). */
const deepJson = fc
  .constantFrom(100, 10_000, 100_000)
  .chain((n) => fc.constantFrom('['.repeat(n) + ']'.repeat(n), '{"a":'.repeat(n) + '1' + '}'.repeat(n)));

const brokenJson = fc.constantFrom(
  '',
  '{',
  '{"a":',
  'null',
  '[]',
  '0',
  '"\\ud800"',
  '"\\u0000"',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '\u0000',
  '\ufeff{}',
  '{"a":1,"a":2}',
);

function bodyFor(
  op: Operation,
  doc: OpenApiDocument,
  world: FuzzWorld,
): fc.Arbitrary<{
  body: string | Uint8Array | undefined;
  contentType: string | undefined;
}> {
  const jsonTypes = fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'application/json; charset=utf-8',
        'application/merge-patch+json',
        'APPLICATION/JSON',
        'application/json; charset=utf-16',
      ),
    },
  );
  const otherTypes = fc.oneof(
    fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'image/png',
      'image/gif',
      '',
    ),
    headerText,
  );
  const jsonText = fc.oneof(
    { weight: 8, arbitrary: valueFor(doc, op.json ?? {}, world).map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: brokenJson },
    { weight: 1, arbitrary: deepJson },
  );
  type Body = { body: string | Uint8Array | undefined; contentType: string | undefined };
  const variants: fc.Arbitrary<Body>[] = [
    fc.record({ body: jsonText, contentType: jsonTypes }),
    fc.record({
      body: fc.oneof(jsonText, hostileString),
      contentType: fc.option(otherTypes, { nil: undefined }),
    }),
    fc.record({ body: fc.constant(undefined), contentType: fc.option(jsonTypes, { nil: undefined }) }),
  ];
  if (op.mediaTypes.length > 0) {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.uint8Array({ maxLength: 64 }).map((tail) => Uint8Array.from([...png, ...tail])),
      fc.constant(new Uint8Array(3 * 1024 * 1024)),
    );
    variants.push(
      fc.record({ body: bytes, contentType: fc.oneof(fc.constantFrom(...op.mediaTypes), otherTypes) }),
      fc.record({ body: bytes, contentType: fc.constantFrom(...op.mediaTypes) }),
    );
  }
  return op.json || op.mediaTypes.length > 0
    ? fc.oneof({ weight: 6, arbitrary: variants[0]! }, ...variants.slice(1))
    : fc.oneof({ weight: 4, arbitrary: variants[2]! }, variants[0]!, variants[1]!);
}

function pathParamFor(param: Parameter, world: FuzzWorld): fc.Arbitrary<string> {
  const s = param.schema ?? {};
  const valid =
    s.format === 'uuid'
      ? fc.oneof(fc.uuid(), fc.constantFrom(...world.knownIds))
      : s.enum?.length
        ? fc.constantFrom(...s.enum.map(String))
        : fc.string({ minLength: 1, maxLength: 20 });
  return fc.oneof(
    { weight: 4, arbitrary: valid.map(encode) },
    { weight: 2, arbitrary: hostileString.filter((v) => v.length > 0).map(inUrl) },
    { weight: 2, arbitrary: rawEscape },
    { weight: 1, arbitrary: fc.uuid().map((u) => u.toUpperCase()) },
  );
}

/**
 * Query values stay short: Node's HTTP parser answers a request line past 16 KB itself, with a bare 431
 * that is not problem+json (server.ts could answer it via 'clientError'; not the fuzzer's concern here).
 */
const URL_VALUE_MAX = 250;
const inUrl = (value: string) => encode(value.slice(0, URL_VALUE_MAX));

function queryFor(op: Operation, doc: OpenApiDocument, world: FuzzWorld): fc.Arbitrary<string> {
  const declared = op.query.map((p) =>
    sometimes(
      fc
        .oneof(
          {
            weight: 3,
            arbitrary: valueFor(doc, p.schema ?? {}, world, 4)
              .map(queryValue)
              .map(inUrl),
          },
          { weight: 2, arbitrary: hostileString.map(inUrl) },
          { weight: 1, arbitrary: rawEscape },
        )
        .map((value) => `${encode(p.name)}=${value}`),
      2,
      1,
    ),
  );
  const extra = sometimes(
    fc
      .tuple(
        fc.oneof(
          hostileString.filter((v) => v.length < 100),
          rawEscape,
        ),
        fc.oneof(
          hostileString.map((v) => v.slice(0, URL_VALUE_MAX)),
          rawEscape,
        ),
      )
      .map(([k, v]) => `${k.includes('%') ? k : encode(k)}=${v.includes('%') ? v : encode(v)}`),
  );
  return fc.tuple(fc.tuple(...declared), extra, fc.boolean()).map(([pairs, more, repeat]) => {
    const all = [...pairs, more].filter((p): p is string => p !== undefined);
    if (repeat && all[0]) all.push(all[0]);
    return all.length > 0 ? `?${all.join('&')}` : '';
  });
}

const queryValue = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

function headersFor(world: FuzzWorld, cookie: string | undefined): fc.Arbitrary<Record<string, string>> {
  const origin = fc.oneof(
    fc.constantFrom(
      world.origin,
      'null',
      'http://[bad',
      'not a url',
      'http://',
      'https://evil.example',
      'file://',
      `${world.origin}/path`,
    ),
    headerText,
  );
  return fc
    .record(
      {
        origin: sometimes(origin),
        'sec-fetch-site': sometimes(
          fc.oneof(fc.constantFrom('same-origin', 'none', 'cross-site'), headerText),
        ),
        'x-csrf-token': sometimes(headerText),
        // Numbers past the read models' head would wait 5 s for a documented 503: only garbage here.
        'x-min-position': sometimes(fc.constantFrom('0', '-1', 'abc', '1e3', '', ' 1', '9'.repeat(20))),
        'x-forwarded-host': sometimes(fc.oneof(fc.constant(new URL(world.origin).host), headerText)),
        'x-forwarded-for': sometimes(headerText),
        'x-forwarded-proto': sometimes(fc.constantFrom('https', 'http', 'gopher')),
        'x-request-id': sometimes(headerText),
        'accept-language': sometimes(headerText),
        cookie: fc.oneof(
          { weight: 4, arbitrary: fc.constant(cookie) },
          {
            weight: 1,
            arbitrary: fc
              .oneof(
                fc.constantFrom(
                  'ss_session=',
                  'ss_session=%00',
                  'ss_session=x; ss_session=y',
                  '=;;=',
                  'ss_pos=99',
                ),
                headerText.map((t) => `ss_session=${t}`),
              )
              .map((junk) => (cookie ? `${cookie}; ${junk}` : junk)),
          },
        ),
      },
      { requiredKeys: [] },
    )
    .map((h) =>
      Object.fromEntries(Object.entries(h).filter((e): e is [string, string] => e[1] !== undefined)),
    );
}

/** Whole requests for one operation, with the given session cookie (or none). */
export function requestsFor(
  op: Operation,
  doc: OpenApiDocument,
  world: FuzzWorld,
  cookie: string | undefined,
): fc.Arbitrary<FuzzRequest> {
  const params = fc.tuple(...op.pathParams.map((p) => pathParamFor(p, world)));
  const canHaveBody = op.method !== 'GET';
  return fc
    .record({
      params,
      query: queryFor(op, doc, world),
      headers: headersFor(world, cookie),
      body: canHaveBody ? bodyFor(op, doc, world) : fc.constant({ body: undefined, contentType: undefined }),
    })
    .map(({ params, query, headers, body }) => {
      let i = 0;
      const path = op.path.replace(/\{[^}]+\}/g, () => params[i++] ?? '');
      const all = { ...headers, ...(body.contentType !== undefined && { 'content-type': body.contentType }) };
      return {
        method: op.method,
        url: `${path}${query}`,
        headers: all,
        ...(body.body !== undefined && { body: body.body }),
      };
    });
}

// --- answers ----------------------------------------------------------------------------------------

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/** Requests sent again because the keep-alive connection they went out on had been closed. */
export const resent = { count: 0 };

/**
 * Sends one request to the running app; the body is read whole. A request that went out on a kept-alive
 * connection the server had just closed (@hono/node-server drops one ~500 ms after some early answers) is
 * sent once more, as browsers do; a server that does not answer at all still fails.
 */
export async function send(baseUrl: string, request: FuzzRequest): Promise<Answer> {
  try {
    return await sendOnce(baseUrl, request);
  } catch (error) {
    const cause = String((error as { cause?: unknown }).cause);
    if (!/other side closed|ECONNRESET|socket hang up/i.test(cause)) throw error;
    resent.count++;
    return sendOnce(baseUrl, request);
  }
}

async function sendOnce(baseUrl: string, request: FuzzRequest): Promise<Answer> {
  const body =
    typeof request.body === 'string' || !request.body ? request.body : new Uint8Array(request.body);
  const res = await fetch(`${baseUrl}${request.url}`, {
    method: request.method,
    headers: request.headers,
    body,
    redirect: 'manual',
  });
  return {
    status: res.status,
    contentType: (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase(),
    text: await res.text(),
  };
}

/** The contract (docs/api.md): no 5xx; every 4xx is problem+json with its status, and 422 lists `errors`. */
export function checkAnswer(answer: Answer): string | undefined {
  if (answer.status >= 500) return `answered ${answer.status}: ${answer.text.slice(0, 300)}`;
  if (answer.status < 400) return undefined;
  if (answer.contentType !== 'application/problem+json')
    return `answered ${answer.status} as ${answer.contentType || 'no content type'}: ${answer.text.slice(0, 200)}`;
  let problem: { type?: unknown; title?: unknown; status?: unknown; detail?: unknown; errors?: unknown };
  try {
    problem = JSON.parse(answer.text) as typeof problem;
  } catch {
    return `answered ${answer.status} with a problem that is not JSON: ${answer.text.slice(0, 200)}`;
  }
  if (problem.status !== answer.status) return `problem.status ${String(problem.status)} ≠ ${answer.status}`;
  for (const key of ['type', 'title', 'detail'] as const) {
    if (typeof problem[key] !== 'string' || problem[key] === '')
      return `problem without ${key}: ${answer.text}`;
  }
  if (answer.status === 422) {
    const errors = problem.errors;
    const ok =
      Array.isArray(errors) &&
      errors.every(
        (e: unknown) =>
          typeof (e as { path?: unknown }).path === 'string' &&
          typeof (e as { message?: unknown }).message === 'string',
      );
    if (!ok) return `422 without errors[] of { path, message }: ${answer.text.slice(0, 300)}`;
  }
  return undefined;
}

/** A short, printable account of a request for failure messages. */
export function describeRequest(request: FuzzRequest): string {
  const body =
    request.body === undefined
      ? ''
      : typeof request.body === 'string'
        ? ` body(${request.body.length}) ${JSON.stringify(request.body.slice(0, 200))}`
        : ` body(${request.body.length} bytes)`;
  return `${request.method} ${request.url.slice(0, 300)} ${JSON.stringify(request.headers)}${body}`;
}
