import type { z } from '@hono/zod-openapi';
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
