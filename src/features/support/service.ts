import { appealedSince } from '../../../projections/support-tickets.ts';
import { findUser } from '../../../projections/users.ts';
import { handleCommand, loadAggregate } from '../../platform/commands.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import type { EventMetadata, Role } from '../../platform/event-store/port.ts';
import type { Deps } from '../../platform/http/context.ts';
import { loadUser } from '../identity/index.ts';
import { ticketStream, type TicketCategory } from './events.ts';
import { decideTicket, type TicketCommand } from './ticket.decide.ts';
import { ticketAggregate } from './ticket.ts';

/** Support staff answer tickets, see internal notes and work the queue: admins and above. */
export const supportStaffRoles: readonly Role[] = ['admin', 'super_admin'];
export const isSupportStaff = (role: Role) => supportStaffRoles.includes(role);

/** Runs a command on `ticket-<id>` through the decider (load, decide, append with the revision read). */
export function runTicketCommand(
  deps: Deps,
  ticketId: string,
  command: TicketCommand,
  metadata: EventMetadata,
) {
  return handleCommand(
    deps.store,
    ticketStream(ticketId),
    ticketAggregate,
    (state) => decideTicket(command, state),
    metadata,
  );
}

/** A ticket folded from its stream: always current, messages included. */
export async function loadTicket(deps: Deps, ticketId: string) {
  return (await loadAggregate(deps.store, ticketStream(ticketId), ticketAggregate)).state;
}

export interface OpenTicketInput {
  requesterId: string;
  subject: string;
  body: string;
  category?: TicketCategory | undefined;
}

/**
 * Opens a ticket for `requesterId` (docs/api.md, "Support tickets"). Exported for other features (an
 * appeal of a suspension is a ticket of category `appeal`); the caller checks who may, and any limit.
 */
export async function openTicket(deps: Deps, input: OpenTicketInput, metadata: EventMetadata) {
  const ticketId = deps.newId();
  return runTicketCommand(
    deps,
    ticketId,
    {
      type: 'OpenTicket',
      ticketId,
      requesterId: input.requesterId,
      subject: input.subject,
      category: input.category ?? 'general',
      messageId: deps.newId(),
      body: input.body,
    },
    metadata,
  );
}

/** An assignee must be support staff; an unknown person is a 404, anyone else a 422 naming the field. */
export async function checkAssignee(deps: Deps, assigneeId: string | null): Promise<void> {
  if (assigneeId === null) return;
  const user = await findUser(deps.db, assigneeId);
  if (!user || user.status === 'deleted' || user.status === 'erased') throw notFound('No user with this id.');
  if (!isSupportStaff(user.role as Role))
    throw invalid('Only support staff (admins) can be assigned a ticket.', [
      { path: 'assigneeId', message: 'This person is not support staff (admin and above).' },
    ]);
}

/**
 * A suspended person may open one ticket per suspension, and only an appeal (category `appeal`): 403
 * otherwise, 409 for a second appeal of the same suspension.
 */
export async function mayAppeal(
  deps: Deps,
  userId: string,
  category: TicketCategory | undefined,
): Promise<void> {
  if (category !== 'appeal')
    throw forbidden(
      'Your account is suspended: the one request you can open is an appeal (category "appeal").',
    );
  const since = (await loadUser(deps, userId))?.suspension?.since;
  if (since && (await appealedSince(deps.db, userId, since)))
    throw conflict('You already appealed this suspension; support will answer it.');
}
