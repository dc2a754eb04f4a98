import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { AppError, invalid, type FieldError } from '../errors.ts';
import type { AppEnv } from './context.ts';

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Too large',
  415: 'Unsupported media type',
  422: 'Invalid input',
  429: 'Too many requests',
  503: 'Service unavailable',
};

/** RFC 9457 problem+json. */
export function problem(
  c: Context,
  status: number,
  detail: string,
  extra: Record<string, unknown> = {},
): Response {
  const { retryAfter, ...rest } = extra;
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  if (typeof retryAfter === 'number') headers['retry-after'] = String(retryAfter);
  // A 413 is answered before the body is read; @hono/node-server then cannot always drain it and drops
  // the socket after 500 ms, failing the client's next request on it. Closing tells clients not to reuse it.
  if (status === 413) headers.connection = 'close';
  const title = titles[status] ?? 'Error';
  const body = {
    type: `https://skillswap.dev/problems/${title.toLowerCase().replace(/\s+/g, '-')}`,
    title,
    status,
    detail,
    ...rest,
  };
  return c.body(JSON.stringify(body), status as 400, headers);
}

export function zodFieldErrors(error: ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map(String);
    // zod reports unknown fields as one issue on the enclosing object; name each field instead.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...at, key].join('.'), message: `Unknown field "${key}".` }));
    }
    return [{ path: at.join('.'), message: issue.message }];
  });
}

/** Validation failures of zod-openapi routes: 422 with one entry per invalid field. */
export function validationHook(result: { success: boolean; error?: ZodError; target: string }): void {
  if (result.success || !result.error) return;
  const errors = zodFieldErrors(result.error);
  const where = result.target === 'json' ? 'body' : result.target;
  const first = errors[0];
  throw invalid(
    first ? `Invalid ${where}: ${first.path ? `${first.path}: ` : ''}${first.message}` : `Invalid ${where}.`,
    errors,
  );
}

/** The single mapping from thrown errors to responses: anything unknown is a logged, generic 500. */
export function onError(error: Error, c: Context<AppEnv>): Response {
  if (error instanceof AppError) return problem(c, error.status, error.detail, error.extra);
  if (error instanceof HTTPException) {
    const status = error.status;
    const detail =
      status === 400 && /json/i.test(error.message)
        ? 'The request body is not valid JSON.'
        : status === 415
          ? 'Send the body as application/json.'
          : error.message || titles[status] || 'Request failed.';
    return problem(c, status, detail);
  }
  c.get('deps')?.logger.error(
    { err: error, requestId: c.get('requestId'), path: c.req.path },
    'unhandled error',
  );
  return problem(c, 500, 'Something went wrong on our side. It has been logged; please try again.');
}
