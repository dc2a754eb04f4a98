import { z } from '@hono/zod-openapi';

/** The RFC 9457 problem+json body every error answers with. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

const descriptions: Record<number, string> = {
  400: 'Malformed request (for example, invalid JSON)',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict with the current state',
  413: 'Body too large',
  415: 'Unsupported media type',
  422: 'Invalid fields (see errors)',
  429: 'Too many requests (see Retry-After)',
  503: 'Read models did not catch up in time',
};

/** OpenAPI response entries for the problem+json errors a route may answer. */
export function problems(...statuses: (keyof typeof descriptions)[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: descriptions[s]!, content: { 'application/problem+json': { schema: Problem } } },
    ]),
  );
}

export const jsonBody = <T>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
export const jsonResponse = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
