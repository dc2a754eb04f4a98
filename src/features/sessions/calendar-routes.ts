import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { calendarFeedOwner, feedSessions, findSessionRow } from '../../../projections/session-queries.ts';
import { notFound } from '../../platform/errors.ts';
import { command } from '../../platform/http/command-route.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import { calendarFeed, CALENDAR_CONTENT_TYPE, sessionCalendar } from './calendar.ts';
import { FEED_TOKEN, feedTokenHash } from './calendar-feed.ts';
import { CalendarFeedUrl, SessionIdParam } from './schemas.ts';
import { calendarFeedToken } from './service.ts';
import { calendarEntryOf } from './views.ts';

const tags = ['sessions'];
const ics = (description: string) => ({
  description,
  content: { 'text/calendar': { schema: z.string().openapi({ description: 'RFC 5545' }) } },
});

const sessionIcs = createRoute({
  method: 'get',
  path: '/api/sessions/{id}/calendar.ics',
  tags,
  description: 'METHOD:CANCEL once cancelled. The meeting link only for the host and people with a seat.',
  request: { params: SessionIdParam },
  responses: { 200: ics('The session as an iCalendar event'), ...problems(404, 422, 503) },
});
const myCalendar = createRoute({
  method: 'get',
  path: '/api/me/calendar',
  tags,
  description: 'The URL of your private feed (made on first use). It needs no cookie: keep it secret.',
  responses: { 200: jsonResponse(CalendarFeedUrl, 'Your feed'), ...problems(401, 403) },
});
const renewCalendar = createRoute({
  method: 'post',
  path: '/api/me/calendar/renew',
  tags,
  description: 'A new feed URL; the old one answers 404 from now on.',
  responses: { 200: jsonResponse(CalendarFeedUrl, 'Your new feed'), ...problems(401, 403) },
});
const feed = createRoute({
  method: 'get',
  path: '/api/calendar/{file}',
  tags,
  description:
    'The private feed `/api/calendar/<token>.ics`: sessions you host or have a seat in, ended at most ' +
    '90 days ago, cancelled ones with STATUS:CANCELLED. No cookie needed.',
  request: { params: z.object({ file: z.string().openapi({ example: '<token>.ics' }) }) },
  responses: { 200: ics('Your sessions'), ...problems(404) },
});

/** Where this app is reached, as the client sees it (proxy headers only when trusted). */
function origin(c: Context<AppEnv>) {
  const url = new URL(c.req.url);
  if (c.get('deps').config.trustProxy) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
    const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
    if (proto === 'http' || proto === 'https') url.protocol = `${proto}:`;
    if (host) url.host = host;
  }
  return url.origin;
}

const calendarHeaders = (filename: string) => ({
  'content-type': CALENDAR_CONTENT_TYPE,
  'content-disposition': `inline; filename="${filename}"`,
  'cache-control': 'private, no-cache',
});

/** iCalendar exports of a session and each person's private feed (docs/api.md, "Sessions"). */
export function calendarRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(sessionIcs, async (c) => {
    const { id } = c.req.valid('param');
    const deps = c.get('deps');
    const viewerId = c.get('user')?.userId ?? null;
    const row = await findSessionRow(deps.db, id, viewerId);
    if (!row) throw notFound('No session with this id.');
    const now = deps.clock();
    const body = sessionCalendar(calendarEntryOf(row, viewerId, now), { now });
    return c.body(body, 200, calendarHeaders(`session-${id}.ics`));
  });

  const feedUrl = (renew: boolean) => (c: Context<AppEnv>) =>
    command(
      c,
      ({ me, deps, metadata }) => calendarFeedToken(deps, me.userId, renew, metadata),
      ({ token }) => c.json({ url: `${origin(c)}/api/calendar/${token}.ics` }, 200),
    );
  app.openapi(myCalendar, feedUrl(false));
  app.openapi(renewCalendar, feedUrl(true));

  app.openapi(feed, async (c) => {
    const { file } = c.req.valid('param');
    const token = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : '';
    const deps = c.get('deps');
    const userId = FEED_TOKEN.test(token)
      ? await calendarFeedOwner(deps.db, feedTokenHash(token))
      : undefined;
    if (!userId) throw notFound('No calendar at this address. Get the current one in your settings.');
    const now = deps.clock();
    const entries = (await feedSessions(deps.db, userId, now)).map((row) =>
      calendarEntryOf(row, userId, now),
    );
    return c.body(calendarFeed(entries, { now }), 200, calendarHeaders('skillswap.ics'));
  });

  return app;
}
