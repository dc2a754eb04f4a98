import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { findConversationMessages, findDirectMessage } from '../../../projections/direct-messages.ts';
import { notFound } from '../../platform/errors.ts';
import { requireUser } from '../../platform/http/auth.ts';
import { command } from '../../platform/http/command-route.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { jsonBody, jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import type { RateLimit } from '../../platform/http/rate-limit.ts';
import { pairKey } from '../connections/index.ts';
import { clientKey } from './conversation.ts';
import { toMessage } from './message-view.ts';
import {
  ConversationParams,
  HistoryQuery,
  Message,
  MessageBody,
  MessageEditBody,
  MessageParams,
} from './schemas.ts';
import { requireCanTalk, runConversationCommand } from './service.ts';

const tags = ['messages'];
const PROJECTION = 'direct-messages';

const history = createRoute({
  method: 'get',
  path: '/api/conversations/{userId}/messages',
  tags,
  request: { params: ConversationParams, query: HistoryQuery },
  responses: {
    200: jsonResponse(z.object({ messages: z.array(Message) }), 'A page of history, newest last'),
    ...problems(401, 403, 404, 422),
  },
});
const sendMessage = createRoute({
  method: 'post',
  path: '/api/conversations/{userId}/messages',
  tags,
  request: { params: ConversationParams, body: jsonBody(MessageBody) },
  responses: {
    201: jsonResponse(Message, 'The message as sent'),
    ...problems(400, 401, 403, 404, 409, 415, 422, 429),
  },
});
const editMessage = createRoute({
  method: 'patch',
  path: '/api/conversations/{userId}/messages/{id}',
  tags,
  request: { params: MessageParams, body: jsonBody(MessageEditBody) },
  responses: {
    200: jsonResponse(Message, 'The edited message'),
    ...problems(400, 401, 403, 404, 409, 415, 422),
  },
});
const deleteMessage = createRoute({
  method: 'delete',
  path: '/api/conversations/{userId}/messages/{id}',
  tags,
  request: { params: MessageParams },
  responses: {
    204: { description: 'Deleted (both sides now see it as deleted)' },
    ...problems(401, 403, 404, 409, 422),
  },
});

/** The messages of a conversation (docs/api.md, "Direct messages"): history, send, edit and delete one's own. */
export function messageRoutes(limits: { send: RateLimit }) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const sendLimit = limits.send;

  app.openapi(history, async (c) => {
    const me = requireUser(c);
    const { userId } = c.req.valid('param');
    const { before, limit } = c.req.valid('query');
    const deps = c.get('deps');
    await requireCanTalk(deps, me.userId, userId);
    const key = pairKey(me.userId, userId);
    let beforeSeq: number | undefined;
    if (before) {
      const anchor = await findDirectMessage(deps.db, before);
      if (!anchor || anchor.pair_key !== key) throw notFound('No message with this id in this conversation.');
      beforeSeq = anchor.seq;
    }
    const rows = await findConversationMessages(deps.db, key, { beforeSeq, limit });
    return c.json({ messages: rows.map(toMessage) }, 200);
  });

  app.openapi(sendMessage, (c) => {
    const { userId } = c.req.valid('param');
    const { body, clientId } = c.req.valid('json');
    return command(
      c,
      async ({ me, deps, metadata }) => {
        await sendLimit.consume(me.userId);
        const message = {
          id: deps.newId(),
          from: me.userId,
          to: userId,
          body,
          sentAt: metadata.occurredAt,
          readAt: null,
          editedAt: null,
          deleted: false,
        };
        const send = {
          type: 'SendMessage',
          messageId: message.id,
          from: me.userId,
          to: userId,
          body,
          clientId,
        } as const;
        const { position, state } = await runConversationCommand(deps, me.userId, userId, send, metadata);
        const sent =
          clientId === undefined ? undefined : state.byClientId.get(clientKey(me.userId, clientId));
        if (sent === undefined || sent.messageId === message.id) return { position, message };
        // Sent before with this clientId (a retry after a lost answer): the answer is that message, as the
        // read model has it once it has the whole conversation.
        await deps.projections.waitFor(await deps.store.headPosition(), { names: [PROJECTION] });
        const row = await findDirectMessage(deps.db, sent.messageId);
        if (!row) throw notFound('No message with this id in this conversation.');
        return { position, message: toMessage(row) };
      },
      ({ message }) => c.json(message, 201),
    );
  });

  app.openapi(editMessage, (c) => {
    const { userId, id } = c.req.valid('param');
    const { body } = c.req.valid('json');
    return command(
      c,
      async ({ me, deps, metadata }) => {
        const edit = { type: 'EditMessage', messageId: id, by: me.userId, body } as const;
        const { position } = await runConversationCommand(deps, me.userId, userId, edit, metadata);
        // The answer is the message as the read model now has it (with its read and edit times).
        if (position !== null) await deps.projections.waitFor(position, { names: [PROJECTION] });
        const row = await findDirectMessage(deps.db, id);
        if (!row) throw notFound('No message with this id in this conversation.');
        return { position, message: toMessage(row) };
      },
      ({ message }) => c.json(message, 200),
    );
  });

  app.openapi(deleteMessage, (c) => {
    const { userId, id } = c.req.valid('param');
    return command(
      c,
      ({ me, deps, metadata }) =>
        runConversationCommand(
          deps,
          me.userId,
          userId,
          { type: 'DeleteMessage', messageId: id, by: me.userId },
          metadata,
        ),
      () => c.body(null, 204),
    );
  });

  return app;
}
