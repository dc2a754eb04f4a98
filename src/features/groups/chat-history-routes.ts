import type { z } from '@hono/zod-openapi';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { docMessagePage, searchTerms } from '../../../projections/doc-messages.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { requireUser } from '../../platform/http/auth.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import { DocMessagePage, GroupIdParam, MessagesQuery } from './schemas.ts';
import { requireMembership } from './service.ts';

const tags = ['groups'];
const iso = (d: Date | string) => new Date(d).toISOString();

const groupMessages = createRoute({
  method: 'get',
  path: '/api/groups/{id}/messages',
  tags,
  request: { params: GroupIdParam, query: MessagesQuery },
  responses: {
    200: jsonResponse(DocMessagePage, 'Messages of the group chat, newest last'),
    ...problems(401, 403, 404, 422),
  },
});
const wallMessages = createRoute({
  method: 'get',
  path: '/api/wall',
  tags,
  request: { query: MessagesQuery },
  responses: {
    200: jsonResponse(DocMessagePage, 'Messages on the wall, newest last'),
    ...problems(401, 403, 404, 422),
  },
});

/**
 * The read side of the wall and group chats: pages of messages, newest last, with search. Posting,
 * editing and deleting go through the Yjs documents (docs/api.md, "Groups and the wall").
 */
export function chatHistoryRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(groupMessages, async (c) => {
    const me = requireUser(c);
    const { id } = c.req.valid('param');
    const db = c.get('deps').db;
    await requireMembership(db, id, me.userId);
    return c.json(await messagePage(db, `group-${id}`, c.req.valid('query')), 200);
  });

  app.openapi(wallMessages, async (c) => {
    requireUser(c);
    return c.json(await messagePage(c.get('deps').db, 'wall', c.req.valid('query')), 200);
  });

  return app;
}

async function messagePage(db: Db, doc: string, query: z.infer<typeof MessagesQuery>) {
  const terms = query.q ? searchTerms(query.q) : undefined;
  if (query.q && !terms)
    throw invalid('Search for at least one word of letters or digits.', [
      { path: 'q', message: 'Search for at least one word of letters or digits.' },
    ]);
  const page = await docMessagePage(db, { doc, limit: query.limit, before: query.before, query: terms });
  if (!page) throw notFound('The message given as `before` is not in this conversation.');
  return {
    hasMore: page.hasMore,
    messages: page.messages.map((m) => ({
      ...m,
      createdAt: iso(m.createdAt),
      editedAt: m.editedAt && iso(m.editedAt),
    })),
  };
}
