/**
 * The support slice's public door (docs/api.md, "Support tickets"): routes and live frames for the
 * composition root, and `openTicket` for other features (a suspended person's appeal is a ticket).
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/context.ts';
import type { RateLimit } from '../../platform/http/rate-limit.ts';
import { ticketAdminRoutes } from './admin-routes.ts';
import { ticketRoutes } from './routes.ts';

export { openTicket, isSupportStaff, supportStaffRoles, type OpenTicketInput } from './service.ts';
export {
  ticketStream,
  ticketCategories,
  ticketStatuses,
  type TicketCategory,
  type TicketStatus,
} from './events.ts';
export { ticketLiveFrames } from './live-frames.ts';
export { ticketAggregate } from './ticket.ts';

/** The support API; `opened` limits how many tickets one person opens. */
export function supportRoutes(limits: { opened: RateLimit }) {
  const app = new OpenAPIHono<AppEnv>();
  app.route('/', ticketRoutes(limits));
  app.route('/', ticketAdminRoutes());
  return app;
}
