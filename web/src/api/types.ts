import type { components, paths as ApiPaths } from './schema.d.ts';

/** A named schema of the API document, e.g. `Schema<'Connection'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';

/**
 * The JSON a path answers with on success, for answers the document does not name (inline objects), e.g.
 * `ResponseJson<'/api/auth/login', 'post'>` is `{ user: Me }`.
 */
export type ResponseJson<Path extends keyof ApiPaths, M extends Method, Status extends number = 200> =
  NonNullable<ApiPaths[Path][M]> extends { responses: infer Responses }
    ? Status extends keyof Responses
      ? Responses[Status] extends { content: { 'application/json': infer Json } }
        ? Json
        : never
      : never
    : never;
