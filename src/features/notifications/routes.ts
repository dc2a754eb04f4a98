import type { z } from '@hono/zod-openapi';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import {
  countUnread,
  findPeople,
  listNotifications,
  type NotificationRow,
} from '../../../projections/notifications.ts';
import { requireUser } from '../../platform/http/auth.ts';
import { command } from '../../platform/http/command-route.ts';
import type { AppEnv, Deps } from '../../platform/http/context.ts';
import { jsonBody, jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import {
  decodeCursor,
  encodeCursor,
  NotificationList,
  NotificationQuery,
  ReadNotificationsBody,
  Settings,
  SettingsPatch,
  type Notification,
} from './schemas.ts';
import {
  changeSettings,
  findOwnNotification,
  goneStatuses,
  loadSettings,
  markNotificationsRead,
} from './service.ts';
import { notificationText } from './texts.ts';

const iso = (t: Date | string) => new Date(t).toISOString();

/** Rows as the API shows them, worded for `userId` (names and times resolved now). */
export async function notificationViews(
  deps: Pick<Deps, 'db'>,
  userId: string,
  rows: readonly NotificationRow[],
): Promise<z.infer<typeof Notification>[]> {
  const people = await findPeople(deps.db, [
    userId,
    ...rows.flatMap((r) => (r.actor_id ? [r.actor_id] : [])),
  ]);
  const names = new Map(
    [...people.values()].filter((p) => !goneStatuses.includes(p.status)).map((p) => [p.id, p.displayName]),
  );
  const reader = { names, timeZone: people.get(userId)?.timeZone ?? null };
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    ...notificationText(
      { type: row.type, actorId: row.actor_id, subjectId: row.subject_id, data: row.data },
      reader,
    ),
    createdAt: iso(row.created_at),
    readAt: row.read_at === null ? null : iso(row.read_at),
  }));
}

/** docs/api.md, "Notifications and settings". */
export function notificationRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/notifications',
      tags: ['notifications'],
      description:
        'Your notifications, newest first: connection requests and answers, messages, session changes, ' +
        'cancellations, seats from the waitlist and reminders. `unread` counts all of them.',
      request: { query: NotificationQuery },
      responses: {
        200: jsonResponse(NotificationList, 'A page of notifications, newest first'),
        ...problems(401, 403, 422),
      },
    }),
    async (c) => {
      const me = requireUser(c).userId;
      const { limit, cursor } = c.req.valid('query');
      const deps = c.get('deps');
      const rows = await listNotifications(deps.db, me, {
        limit: limit + 1,
        after: cursor === undefined ? undefined : decodeCursor(cursor),
      });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return c.json(
        {
          notifications: await notificationViews(deps, me, page),
          unread: await countUnread(deps.db, me),
          nextCursor: rows.length > limit && last ? encodeCursor(Number(last.position), last.id) : null,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/notifications/read',
      tags: ['notifications'],
      description:
        'Marks `upTo` and every older notification of yours as read. Marking one already covered changes ' +
        'nothing. 404 for an id that is not one of your notifications.',
      request: { body: jsonBody(ReadNotificationsBody) },
      responses: {
        204: { description: 'Read up to that notification' },
        ...problems(400, 401, 403, 404, 415, 422),
      },
    }),
    (c) =>
      command(
        c,
        async ({ me, deps, metadata }) => {
          const row = await findOwnNotification(deps, c.req.valid('json').upTo, me.userId);
          return markNotificationsRead(deps, me.userId, row, metadata);
        },
        () => c.body(null, 204),
      ),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/me/settings',
      tags: ['notifications'],
      responses: { 200: jsonResponse(Settings, 'Your settings'), ...problems(401, 403) },
    }),
    async (c) => {
      const me = requireUser(c).userId;
      return c.json(await loadSettings(c.get('deps'), me), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/me/settings',
      tags: ['notifications'],
      description:
        '`emailNotifications: false` stops the emails about sessions (reminders, changes, cancellations, ' +
        'a seat from the waitlist); the notifications themselves stay. On by default.',
      request: { body: jsonBody(SettingsPatch) },
      responses: {
        200: jsonResponse(Settings, 'Your settings after the change'),
        ...problems(400, 401, 403, 415, 422),
      },
    }),
    (c) =>
      command(
        c,
        ({ me, deps, metadata }) =>
          changeSettings(
            deps,
            { type: 'ChangeSettings', userId: me.userId, ...c.req.valid('json') },
            metadata,
          ),
        (result) => c.json(result.state, 200),
      ),
  );

  return app;
}
