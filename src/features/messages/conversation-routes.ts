import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { findConversations } from '../../../projections/direct-messages.ts';
import { requireUser } from '../../platform/http/auth.ts';
import { command } from '../../platform/http/command-route.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { jsonBody, jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import { findPublicProfiles } from '../identity/index.ts';
import { toMessage } from './message-view.ts';
import { Conversation, ConversationParams, ReadBody } from './schemas.ts';
import { runConversationCommand } from './service.ts';

const tags = ['messages'];

const listConversations = createRoute({
  method: 'get',
  path: '/api/conversations',
  tags,
  responses: {
    200: jsonResponse(z.object({ conversations: z.array(Conversation) }), 'Your conversations, latest first'),
    ...problems(401, 403),
  },
});
const markRead = createRoute({
  method: 'post',
  path: '/api/conversations/{userId}/read',
  tags,
  request: { params: ConversationParams, body: jsonBody(ReadBody) },
  responses: {
    204: { description: 'Read up to that message; the sender then sees readAt' },
    ...problems(400, 401, 403, 404, 409, 415, 422),
  },
});

/** Conversations (docs/api.md, "Direct messages"): the list with the last message each, and read receipts. */
export function conversationRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(listConversations, async (c) => {
    const me = requireUser(c);
    const db = c.get('deps').db;
    const rows = await findConversations(db, me.userId);
    const profiles = await findPublicProfiles(
      db,
      rows.map((r) => r.other_id),
    );
    const conversations = rows.flatMap((row) => {
      const user = profiles.get(row.other_id);
      return user ? [{ user, lastMessage: toMessage(row), unread: row.unread }] : [];
    });
    return c.json({ conversations }, 200);
  });

  app.openapi(markRead, (c) => {
    const { userId } = c.req.valid('param');
    const { upTo } = c.req.valid('json');
    return command(
      c,
      ({ me, deps, metadata }) =>
        runConversationCommand(
          deps,
          me.userId,
          userId,
          { type: 'MarkRead', reader: me.userId, upTo },
          metadata,
        ),
      () => c.body(null, 204),
    );
  });

  return app;
}
