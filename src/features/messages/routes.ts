import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  findConversationMessages,
  findConversations,
  findDirectMessage,
  type DirectMessageRow,
} from '../../../projections/direct-messages.ts';
import { notFound } from '../../platform/errors.ts';
import { requireUser } from '../../platform/http/auth.ts';
import { eventMetadata, type AppEnv } from '../../platform/http/context.ts';
import { wrotePosition } from '../../platform/http/consistency.ts';
import { jsonBody, jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import { RateLimit } from '../../platform/http/rate-limit.ts';
import { KeyedSerializer } from '../../platform/keyed-serializer.ts';
import { pairKey } from '../connections/index.ts';
import { findPublicProfiles } from '../identity/index.ts';
import {
  Conversation,
  ConversationParams,
  HistoryQuery,
  Message,
  MessageBody,
  MessageParams,
  ReadBody,
} from './schemas.ts';
import { requireCanTalk, runConversationCommand } from './service.ts';

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

type MessageColumns = Pick<
  DirectMessageRow,
  'id' | 'from_id' | 'to_id' | 'body' | 'sent_at' | 'edited_at' | 'deleted' | 'read_at'
>;
export const toMessage = (row: MessageColumns): z.infer<typeof Message> => ({
  id: row.id,
  from: row.from_id,
  to: row.to_id,
  body: row.deleted ? '' : row.body,
  sentAt: iso(row.sent_at)!,
  readAt: iso(row.read_at),
  editedAt: iso(row.edited_at),
  deleted: row.deleted,
});

const PROJECTION = 'direct-messages';

/** Direct messages (API.md "Direct messages"), plus edit and delete of one's own messages. */
export function messagesRoutes(limits: { messagesPerMinute: number }) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const sendLimit = new RateLimit(limits.messagesPerMinute, 60, 'messages');
  const serializer = new KeyedSerializer();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/conversations',
      tags: ['messages'],
      responses: {
        200: jsonResponse(
          z.object({ conversations: z.array(Conversation) }),
          'Your conversations, latest first',
        ),
        ...problems(401, 403),
      },
    }),
    async (c) => {
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
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/conversations/{userId}/messages',
      tags: ['messages'],
      request: { params: ConversationParams, query: HistoryQuery },
      responses: {
        200: jsonResponse(z.object({ messages: z.array(Message) }), 'A page of history, newest last'),
        ...problems(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const me = requireUser(c);
      const { userId } = c.req.valid('param');
      const { before, limit } = c.req.valid('query');
      const deps = c.get('deps');
      await requireCanTalk(deps, me.userId, userId);
      const key = pairKey(me.userId, userId);
      let beforeSeq: number | undefined;
      if (before) {
        const anchor = await findDirectMessage(deps.db, before);
        if (!anchor || anchor.pair_key !== key)
          throw notFound('No message with this id in this conversation.');
        beforeSeq = anchor.seq;
      }
      const rows = await findConversationMessages(deps.db, key, { beforeSeq, limit });
      return c.json({ messages: rows.map(toMessage) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/conversations/{userId}/messages',
      tags: ['messages'],
      request: { params: ConversationParams, body: jsonBody(MessageBody) },
      responses: {
        201: jsonResponse(Message, 'The message as sent'),
        ...problems(400, 401, 403, 404, 415, 422, 429),
      },
    }),
    async (c) => {
      const me = requireUser(c);
      await sendLimit.consume(me.userId);
      const { userId } = c.req.valid('param');
      const { body } = c.req.valid('json');
      const deps = c.get('deps');
      const messageId = deps.newId();
      const metadata = eventMetadata(c);
      const { position } = await runConversationCommand(
        deps,
        serializer,
        me.userId,
        userId,
        { type: 'SendMessage', messageId, from: me.userId, to: userId, body },
        metadata,
      );
      wrotePosition(c, position);
      return c.json(
        {
          id: messageId,
          from: me.userId,
          to: userId,
          body,
          sentAt: metadata.occurredAt,
          readAt: null,
          editedAt: null,
          deleted: false,
        },
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/conversations/{userId}/messages/{id}',
      tags: ['messages'],
      request: { params: MessageParams, body: jsonBody(MessageBody) },
      responses: {
        200: jsonResponse(Message, 'The edited message'),
        ...problems(400, 401, 403, 404, 409, 415, 422),
      },
    }),
    async (c) => {
      const me = requireUser(c);
      const { userId, id } = c.req.valid('param');
      const { body } = c.req.valid('json');
      const deps = c.get('deps');
      const { position } = await runConversationCommand(
        deps,
        serializer,
        me.userId,
        userId,
        { type: 'EditMessage', messageId: id, by: me.userId, body },
        eventMetadata(c),
      );
      wrotePosition(c, position);
      if (position !== null) await deps.projections.waitFor(position, { names: [PROJECTION] });
      const row = await findDirectMessage(deps.db, id);
      if (!row) throw notFound('No message with this id in this conversation.');
      return c.json(toMessage(row), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/conversations/{userId}/messages/{id}',
      tags: ['messages'],
      request: { params: MessageParams },
      responses: {
        204: { description: 'Deleted (both sides now see it as deleted)' },
        ...problems(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const me = requireUser(c);
      const { userId, id } = c.req.valid('param');
      const { position } = await runConversationCommand(
        c.get('deps'),
        serializer,
        me.userId,
        userId,
        { type: 'DeleteMessage', messageId: id, by: me.userId },
        eventMetadata(c),
      );
      wrotePosition(c, position);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/conversations/{userId}/read',
      tags: ['messages'],
      request: { params: ConversationParams, body: jsonBody(ReadBody) },
      responses: {
        204: { description: 'Read up to that message; the sender then sees readAt' },
        ...problems(400, 401, 403, 404, 415, 422),
      },
    }),
    async (c) => {
      const me = requireUser(c);
      const { userId } = c.req.valid('param');
      const { upTo } = c.req.valid('json');
      const { position } = await runConversationCommand(
        c.get('deps'),
        serializer,
        me.userId,
        userId,
        { type: 'MarkRead', reader: me.userId, upTo },
        eventMetadata(c),
      );
      wrotePosition(c, position);
      return c.body(null, 204);
    },
  );

  return app;
}
