import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { dailyStats } from '../../../projections/daily-stats.ts';
import { atLeast, requireUser } from '../../platform/http/auth.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';

const Day = z
  .object({
    date: z.string().describe('UTC day, YYYY-MM-DD'),
    signUps: z.number().int(),
    activeUsers: z.number().int().describe('People who did anything that day'),
    messages: z.number().int().describe('Direct, wall and group messages posted'),
    sessionsHeld: z.number().int(),
    registrations: z.number().int(),
    reports: z.number().int().describe('Reports filed'),
    ticketsOpened: z.number().int().describe('Support tickets opened'),
    ticketsResolved: z.number().int().describe('Support tickets marked resolved'),
  })
  .openapi('DailyStats');

export const stats = createRoute({
  method: 'get',
  path: '/api/admin/stats',
  tags: ['admin'],
  description: 'Daily counts for the dashboard, oldest day first, today last (admin).',
  request: { query: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }) },
  responses: {
    200: jsonResponse(
      z
        .object({
          days: z.array(Day),
          openReports: z.number().int().describe('Reports waiting now'),
          openTickets: z
            .number()
            .int()
            .describe('Support tickets not yet resolved or closed (open or pending)'),
        })
        .openapi('AdminStats'),
      'Daily counts',
    ),
    ...problems(401, 403, 422),
  },
});

/** The admin dashboard's numbers, from read models kept per day (never the event log per request). */
export function adminStatsRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(stats, async (c) => {
    requireUser(c, ...atLeast('admin'));
    const deps = c.get('deps');
    const { days } = c.req.valid('query');
    const today = deps.clock();
    const from = new Date(today.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
    const [rows, open, tickets] = await Promise.all([
      dailyStats(deps.db, from, today.toISOString().slice(0, 10)),
      deps.db
        .selectFrom('reports')
        .select((e) => e.fn.countAll().as('n'))
        .where('status', '=', 'open')
        .executeTakeFirst(),
      deps.db
        .selectFrom('support_tickets')
        .select((e) => e.fn.countAll().as('n'))
        .where('status', 'in', ['open', 'pending'])
        .executeTakeFirst(),
    ]);
    return c.json(
      {
        days: rows as z.infer<typeof Day>[],
        openReports: Number(open?.n ?? 0),
        openTickets: Number(tickets?.n ?? 0),
      },
      200,
    );
  });
  return app;
}
