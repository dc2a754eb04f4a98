import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { notFound, invalid } from '../../platform/errors.ts';
import { requireUser } from '../../platform/http/auth.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import type { RecordedEvent } from '../../platform/event-store/port.ts';
import { streamCategory } from '../../platform/event-store/port.ts';
import {
  EventsQuery,
  LogEvents,
  StateQuery,
  StreamEvents,
  StreamEventsQuery,
  StreamList,
  StreamParam,
  StreamsQuery,
  StreamState,
} from './schemas.ts';
import { compareWithRow, type ReadModelRows } from './read-model.ts';
import { changes, foldUpTo, type Folds } from './state.ts';

const tags = ['audit'];
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const admins = ['admin', 'super_admin'] as const;

const listStreams = createRoute({
  method: 'get',
  path: '/api/admin/streams',
  tags,
  description: 'Streams in name order, by prefix (a category is `user-`, `session-`, …).',
  request: { query: StreamsQuery },
  responses: { 200: jsonResponse(StreamList, 'A page of streams'), ...problems(401, 403, 422) },
});
const streamEvents = createRoute({
  method: 'get',
  path: '/api/admin/streams/{name}/events',
  tags,
  description: "A page of one stream's events with data and metadata, oldest first.",
  request: { params: StreamParam, query: StreamEventsQuery },
  responses: { 200: jsonResponse(StreamEvents, 'A page of events'), ...problems(401, 403, 404, 422) },
});
const streamState = createRoute({
  method: 'get',
  path: '/api/admin/streams/{name}/state',
  tags,
  description:
    "Time travel: the stream's state folded up to `revision` with its feature's own `evolve`, the current " +
    'state, what changed between them, and how that state compares with the read-model row that ' +
    'represents the stream (users, sessions, groups, tickets). 422 for a category without an aggregate.',
  request: { params: StreamParam, query: StateQuery },
  responses: { 200: jsonResponse(StreamState, 'The state then and now'), ...problems(401, 403, 404, 422) },
});
const searchLog = createRoute({
  method: 'get',
  path: '/api/admin/events',
  tags,
  description:
    'The global log, oldest first, by type, actor, correlation id (every event one request caused) and ' +
    'recorded time.',
  request: { query: EventsQuery },
  responses: { 200: jsonResponse(LogEvents, 'A page of events'), ...problems(401, 403, 422) },
});

const shown = (e: RecordedEvent) => ({
  revision: e.revision,
  position: e.position,
  type: e.type,
  data: e.data,
  metadata: { ...e.metadata },
  createdAt: e.recordedAt,
});

/** Audit replay for admins: browse streams, read their events, fold them to any revision, search the log. */
export function auditRoutes(folds: Folds, rows: ReadModelRows = {}) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(listStreams, async (c) => {
    requireUser(c, ...admins);
    const { prefix, cursor, limit } = c.req.valid('query');
    const streams = await c.get('deps').store.listStreams({ prefix, after: cursor, limit: limit + 1 });
    const page = streams.slice(0, limit);
    const nextCursor = streams.length > limit ? page.at(-1)!.name : null;
    return c.json({ streams: page, nextCursor }, 200);
  });

  app.openapi(streamEvents, async (c) => {
    requireUser(c, ...admins);
    const { name } = c.req.valid('param');
    const { fromRevision, limit } = c.req.valid('query');
    const store = c.get('deps').store;
    const events = await store.readStream(name, { from: fromRevision, limit: limit + 1 });
    if (events.length === 0 && (await store.readStream(name, { limit: 1 })).length === 0)
      throw notFound(`No stream named ${name}.`);
    const page = events.slice(0, limit);
    const nextRevision = events.length > limit ? events[limit]!.revision : null;
    return c.json({ events: page.map(shown), nextRevision }, 200);
  });

  app.openapi(streamState, async (c) => {
    requireUser(c, ...admins);
    const { name } = c.req.valid('param');
    const { revision } = c.req.valid('query');
    const category = streamCategory(name);
    const aggregate = folds[category];
    if (!aggregate) {
      const known = Object.keys(folds).sort().join(', ');
      throw invalid(
        `Streams of category "${category}" have no aggregate to fold. Categories with one: ${known}.`,
        [{ path: 'name', message: `no aggregate folds "${category}" streams` }],
      );
    }
    const events = await c.get('deps').store.readStream(name);
    if (events.length === 0) throw notFound(`No stream named ${name}.`);
    const latest = events.at(-1)!.revision;
    if (revision !== undefined && revision > latest)
      throw invalid(`The stream's last revision is ${latest}; revision ${revision} does not exist yet.`, [
        { path: 'revision', message: `at most ${latest}` },
      ]);
    const then = foldUpTo(aggregate, events, revision ?? latest);
    const now = foldUpTo(aggregate, events, latest);
    const where = rows[category];
    const id = name.slice(category.length + 1);
    // Rows are keyed by UUIDs; a stream with another id has no row (and must not reach a uuid column).
    const row = where && uuid.test(id) ? await where.load(c.get('deps').db, id) : undefined;
    const readModel = where
      ? { table: where.table, found: row !== undefined, fields: row ? compareWithRow(then.state, row) : [] }
      : null;
    return c.json(
      {
        stream: name,
        category,
        revision: then.revision,
        state: then.state,
        current: { revision: now.revision, state: now.state },
        changesSince: changes(then.state, now.state),
        readModel,
        skipped: then.skipped,
      },
      200,
    );
  });

  app.openapi(searchLog, async (c) => {
    requireUser(c, ...admins);
    const { type, actorId, correlationId, from, to, cursor, limit } = c.req.valid('query');
    const types = type
      ?.split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const events = await c
      .get('deps')
      .store.searchEvents({ types, actorId, correlationId, from, to, after: cursor, limit: limit + 1 });
    const page = events.slice(0, limit);
    const nextCursor = events.length > limit ? String(page.at(-1)!.position) : null;
    return c.json({ events: page.map((e) => ({ ...shown(e), stream: e.streamName })), nextCursor }, 200);
  });

  return app;
}
