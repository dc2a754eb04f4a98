import { openSecondsOf, type SupportTicketRow } from '../../../projections/support-tickets.ts';
import type { Db } from '../../platform/db/database.ts';
import { findPublicProfiles, type PublicProfileData } from '../identity/index.ts';
import type { Ticket } from './ticket.ts';

const iso = (t: Date | string) => new Date(t).toISOString();

/** Someone no longer on the platform still has messages in old tickets. */
function deletedUser(id: string): PublicProfileData {
  return {
    id,
    displayName: 'Deleted user',
    bio: '',
    avatarUrl: null,
    languages: [],
    timezone: null,
    teach: [],
    learn: [],
    reputation: {
      rating: null,
      reviews: 0,
      averageRating: null,
      sessionsHosted: 0,
      studentsTaught: 0,
      badges: [],
    },
  };
}

async function profiles(db: Db, ids: Iterable<string | null>) {
  const wanted = [...new Set([...ids].filter((id): id is string => id !== null))];
  const found = await findPublicProfiles(db, wanted);
  return (id: string) => found.get(id) ?? deletedUser(id);
}

/** The API's `Ticket`; internal notes only for staff. */
export async function ticketView(db: Db, ticket: Ticket, staff: boolean) {
  const messages = ticket.messages.filter((m) => staff || !m.internal);
  const profile = await profiles(db, [
    ticket.requesterId,
    ticket.assigneeId,
    ...messages.map((m) => m.authorId),
  ]);
  return {
    id: ticket.id,
    subject: ticket.subject,
    category: ticket.category,
    status: ticket.status,
    requester: profile(ticket.requesterId),
    assignee: ticket.assigneeId === null ? null : profile(ticket.assigneeId),
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
    messages: messages.map((m) => ({
      id: m.id,
      author: profile(m.authorId),
      body: m.body,
      internal: m.internal,
      createdAt: m.createdAt,
    })),
  };
}

/** Rows of the read model as `TicketSummary` items, with support's times for the staff queue. */
export async function ticketSummaries(db: Db, rows: readonly SupportTicketRow[], now: Date) {
  const profile = await profiles(
    db,
    rows.flatMap((r) => [r.requester_id, r.assignee_id]),
  );
  return rows.map((r) => ({
    id: r.id,
    subject: r.subject,
    category: r.category,
    status: r.status,
    requester: profile(r.requester_id),
    assignee: r.assignee_id === null ? null : profile(r.assignee_id),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    replies: r.replies,
    firstResponseSeconds:
      r.first_response_at === null
        ? null
        : Math.round((new Date(r.first_response_at).getTime() - new Date(r.created_at).getTime()) / 1000),
    openSeconds: openSecondsOf(r, now),
    resolutionSeconds: r.resolution_seconds === null ? null : Math.round(Number(r.resolution_seconds)),
  }));
}
