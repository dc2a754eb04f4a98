import { z } from '@hono/zod-openapi';
import { text } from './text.ts';
import { invalid } from '../errors.ts';

/**
 * Page cursors are opaque to clients (docs/api.md: pass `nextCursor` back as `cursor`): base64url of the JSON of
 * the last row's sort key, so a page starts right after the row the previous one ended on.
 */
export const encodeCursor = (key: unknown): string =>
  Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/** The sort key a cursor holds, or a 422 naming `cursor` when it is not one this list gave out. */
export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: answered below
  }
  throw invalid('This cursor is not one this list gave out.', [
    { path: 'cursor', message: 'Pass back a nextCursor of this list, or leave it out for the first page.' },
  ]);
}

/** A page size query value: a whole number from 1 to `max`, `fallback` when left out. */
export const pageLimit = (max: number, fallback = 20) =>
  z.coerce
    .number({ error: `limit must be a whole number from 1 to ${max}.` })
    .int(`limit must be a whole number from 1 to ${max}.`)
    .min(1, 'limit must be at least 1.')
    .max(max, `limit must be at most ${max}.`)
    .default(fallback);

/** The `cursor` query value of a paged list: a `nextCursor` this list gave out, or left out. */
export const pageCursor = () =>
  text('cursor')
    .max(1000, 'Pass back a nextCursor of this list.')
    .optional()
    .openapi({ description: 'The `nextCursor` of the previous page; leave out for the first page.' });

/** `?limit=&cursor=` of a paged list. */
export const PageQuery = z.object({ limit: pageLimit(100), cursor: pageCursor() });
